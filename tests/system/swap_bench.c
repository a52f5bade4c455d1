/* The swap store's costs: pages written back and read back (random
   order) by DMA and by PIO, each page's data checked after.  Prints
   "BENCH swap MODE OP pages=N instr_per_page=I irqs_per_page=Q ms=T":
   I counts the submitting code and the disk interrupt handlers with
   their completions (blk_irq_cycles; the trap entry and exit around
   each interrupt are not in it), in guest instructions under -icount;
   T is the elapsed time by the timer, which is host wall time only
   when QEMU runs without -icount (tools/swap-bench).  */
#include <arch/crc.h>
#include <arch/io.h>
#include <arch/mm.h>
#include <arch/timer.h>

#include "crc32c.h"
#include "dev/blk.h"
#include "kern/log.h"
#include "kern/test.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "obj/activity.h"
#include <vg/error.h>

#define NMAX 512

static paddr_t frames[NMAX];
static struct swap_loc locs[NMAX];
static volatile int status[NMAX];

static void
done (struct swap_op *op, int st)
{
  unsigned i = (unsigned)(uintptr_t)op->arg;
  if (st == VG_OK && op->req.write)
    locs[i] = op->loc;
  status[i] = st;
}

static void
fill (unsigned i, unsigned gen)
{
  uint64_t *w = phys_to_virt (frames[i]);
  for (unsigned k = 0; k < 512; k++)
    w[k] = ((uint64_t)i << 40 | k) * 0x9e3779b97f4a7c15ull + gen + 1;
}

static bool
good (unsigned i, unsigned gen)
{
  const uint64_t *w = phys_to_virt (frames[i]);
  for (unsigned k = 0; k < 512; k++)
    if (w[k] != ((uint64_t)i << 40 | k) * 0x9e3779b97f4a7c15ull + gen + 1)
      return false;
  return true;
}

static void
wait_idx (unsigned i)
{
  uint64_t f = arch_irq_save ();
  while (status[i] == BLK_PENDING)
    arch_irq_wait ();
  arch_irq_restore (f);
}

static void
report (const char *mode, const char *op, unsigned n, uint64_t cycles,
        uint64_t irqs, uint64_t ticks)
{
  kprintf ("BENCH swap %s %s pages=%u instr_per_page=%lu irqs_per_page=%lu "
           "ms=%lu\n",
           mode, op, n, cycles / n, irqs / n, ticks * 1000 / timer_hz ());
}

static int
run (struct blk_dev *d, bool dma, unsigned n, unsigned gen)
{
  const char *mode = dma ? "dma" : "pio";
  d->dma = dma;
  for (unsigned i = 0; i < n; i++)
    {
      fill (i, gen);
      status[i] = BLK_PENDING;
    }
  uint64_t sub = 0, irq0 = blk_irq_cycles, n0 = d->stats.irqs;
  uint64_t t0 = timer_ticks ();
  for (unsigned i = 0; i < n; i++)
    {
      int err;
      for (;;)
        {
          uint64_t c = arch_cycles ();
          err = swap_write (false, frames[i], done, (void *)(uintptr_t)i);
          sub += arch_cycles () - c;
          if (err != VG_EBUSY)
            break;
          wait_idx (i - SWAP_INFLIGHT); /* The oldest in flight.  */
        }
      TEST_ASSERT (err == VG_OK);
    }
  for (unsigned i = 0; i < n; i++)
    wait_idx (i);
  report (mode, "write", n, sub + blk_irq_cycles - irq0, d->stats.irqs - n0,
          timer_ticks () - t0);
  for (unsigned i = 0; i < n; i++)
    {
      TEST_ASSERT (status[i] == VG_OK);
      ((uint64_t *)phys_to_virt (frames[i]))[0] = 0;
    }

  /* Read back in a shuffled order, SWAP_INFLIGHT at a time.  */
  static unsigned order[NMAX];
  for (unsigned i = 0; i < n; i++)
    order[i] = i;
  uint32_t r = 2463534242u;
  for (unsigned i = n - 1; i > 0; i--)
    {
      r ^= r << 13;
      r ^= r >> 17;
      r ^= r << 5;
      unsigned j = r % (i + 1), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  for (unsigned i = 0; i < n; i++)
    status[i] = BLK_PENDING;
  sub = 0;
  irq0 = blk_irq_cycles;
  n0 = d->stats.irqs;
  t0 = timer_ticks ();
  for (unsigned k = 0; k < n; k++)
    {
      unsigned i = order[k];
      int err;
      for (;;)
        {
          uint64_t c = arch_cycles ();
          err = swap_read (&locs[i], frames[i], done, (void *)(uintptr_t)i);
          sub += arch_cycles () - c;
          if (err != VG_EBUSY)
            break;
          wait_idx (order[k - SWAP_INFLIGHT]);
        }
      TEST_ASSERT (err == VG_OK);
    }
  for (unsigned i = 0; i < n; i++)
    wait_idx (i);
  report (mode, "read", n, sub + blk_irq_cycles - irq0, d->stats.irqs - n0,
          timer_ticks () - t0);
  unsigned bad = 0;
  for (unsigned i = 0; i < n; i++)
    {
      TEST_ASSERT (status[i] == VG_OK);
      bad += !good (i, gen);
      swap_block_free (locs[i].block);
    }
  TEST_ASSERT (bad == 0);
  TEST_ASSERT (swap_blocks_free () == swap_blocks ());
  return 0;
}

VG_TEST (swap_bench)
{
  struct blk_dev *d = blk_swap_dev ();
  TEST_ASSERT (d && d->dma && swap_present ());
  for (unsigned i = 0; i < NMAX; i++)
    {
      frames[i] = pmm_alloc ();
      TEST_ASSERT (frames[i] != 0);
    }
  /* The checksum's share: one CRC32C of a page.  */
  volatile uint32_t sum = crc32c (0, phys_to_virt (frames[0]), 4096);
  uint64_t c0 = arch_cycles ();
  sum = crc32c (0, phys_to_virt (frames[0]), 4096);
  (void)sum;
  kprintf ("BENCH swap crc32c page instr=%lu\n", arch_cycles () - c0);
  if (arch_crc32c_insn_present ())
    {
      c0 = arch_cycles ();
      sum = arch_crc32c_page_insn (phys_to_virt (frames[0]));
      kprintf ("BENCH swap crc32c-insn page instr=%lu\n", arch_cycles () - c0);
    }
  TEST_ASSERT (run (d, true, NMAX, 1) == 0);
  TEST_ASSERT (run (d, false, 64, 2) == 0);
  d->dma = true;
  return 0;
}
