/* The swap store under volume: ROUNDS rounds (kernel option
   swap_soak=N, default 2) of writing back 1024 pages with a pattern
   from page number and round (no zero words) and reading them back in
   a random order, with the CRC32C checked on every read and every word
   compared.  Each page written and each page read is one touch: `make
   soak-swap` runs 500 rounds, 1 024 000 touches.  Blocks are allocated
   anew every round, so they wander over the whole disk; the free count
   and the root's charge must come back every round.  */
#include <arch/io.h>
#include <arch/mm.h>

#include "dev/blk.h"
#include "kern/cmdline.h"
#include "kern/log.h"
#include "kern/test.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "obj/activity.h"
#include "obj/swapobj.h"
#include <vg/error.h>

#define NPAGES 1024

static paddr_t frames[NPAGES];
static struct swap_loc locs[NPAGES];
static volatile int status[NPAGES];

static void
done (struct swap_op *op, int st)
{
  unsigned i = (unsigned)(uintptr_t)op->arg;
  if (st == VG_OK && op->req.write)
    locs[i] = op->loc;
  status[i] = st;
}

static uint64_t
word (unsigned page, unsigned k, unsigned round)
{
  return (((uint64_t)round << 48) ^ ((uint64_t)page << 16) ^ k)
             * 0x9e3779b97f4a7c15ull
         | 1;
}

static void
wait_idx (unsigned i)
{
  uint64_t f = arch_irq_save ();
  while (status[i] == BLK_PENDING)
    arch_irq_wait ();
  arch_irq_restore (f);
}

/* Queue OP on page I, waiting for the oldest operation while the store
   is full.  A write's block is charged to the root as the object layer
   charges one (swapobj_evict): before the write is queued, taken back
   if the store refuses it.  */
static int
issue (bool write, unsigned i, const unsigned *order, unsigned k)
{
  struct activity *root = activity_root ();
  for (;;)
    {
      int err;
      if (write)
        {
          bool over = swapobj_over_quota (root, 1);
          swapobj_charge (root);
          err = swap_write (over, frames[i], done, (void *)(uintptr_t)i);
          if (err)
            swapobj_uncharge (root);
        }
      else
        err = swap_read (&locs[i], frames[i], done, (void *)(uintptr_t)i);
      if (err != VG_EBUSY)
        return err;
      wait_idx (order ? order[k - SWAP_INFLIGHT] : i - SWAP_INFLIGHT);
    }
}

VG_TEST (swap_soak)
{
  uint64_t rounds = 2;
  if (cmdline_get ("swap_soak"))
    TEST_ASSERT (cmdline_get_u64 ("swap_soak", &rounds));
  TEST_ASSERT (swap_present ());
  for (unsigned i = 0; i < NPAGES; i++)
    {
      frames[i] = pmm_alloc ();
      TEST_ASSERT (frames[i] != 0);
    }
  static unsigned order[NPAGES];
  uint32_t r = 88172645u;
  uint64_t touches = 0, corrupted = 0;
  uint64_t free0 = swap_blocks_free ();
  for (unsigned round = 1; round <= rounds; round++)
    {
      for (unsigned i = 0; i < NPAGES; i++)
        {
          uint64_t *w = phys_to_virt (frames[i]);
          for (unsigned k = 0; k < 512; k++)
            w[k] = word (i, k, round);
          status[i] = BLK_PENDING;
          TEST_ASSERT (issue (true, i, NULL, 0) == VG_OK);
          touches++;
        }
      TEST_ASSERT (activity_root ()->swap_total == NPAGES);
      for (unsigned i = 0; i < NPAGES; i++)
        {
          wait_idx (i);
          TEST_ASSERT (status[i] == VG_OK);
          /* The frame is free to reuse: wipe it.  */
          ((uint64_t *)phys_to_virt (frames[i]))[round % 512] = 0;
          order[i] = i;
        }
      TEST_ASSERT (swap_blocks_free () == free0 - NPAGES);
      for (unsigned i = NPAGES - 1; i > 0; i--)
        {
          r ^= r << 13;
          r ^= r >> 17;
          r ^= r << 5;
          unsigned j = r % (i + 1), x = order[i];
          order[i] = order[j];
          order[j] = x;
        }
      for (unsigned k = 0; k < NPAGES; k++)
        {
          status[order[k]] = BLK_PENDING;
          TEST_ASSERT (issue (false, order[k], order, k) == VG_OK);
          touches++;
        }
      for (unsigned i = 0; i < NPAGES; i++)
        {
          wait_idx (i);
          TEST_ASSERT (status[i] == VG_OK); /* Checksum verified.  */
          const uint64_t *w = phys_to_virt (frames[i]);
          for (unsigned k = 0; k < 512; k++)
            if (w[k] != word (i, k, round))
              {
                corrupted++;
                break;
              }
          swap_block_free (locs[i].block);
          swapobj_uncharge (activity_root ());
        }
      TEST_ASSERT (swap_blocks_free () == free0);
      TEST_ASSERT (activity_root ()->swap_total == 0);
      if (round % 50 == 0)
        log_info ("test", "swap_soak: round %u, %lu touches", round, touches);
    }
  const struct swap_stats *st = swap_get_stats ();
  kprintf ("swap_soak: %lu rounds, %lu touches, %lu corrupted pages, "
           "%lu checksum errors\n",
           rounds, touches, corrupted, st->checksum_errors);
  TEST_ASSERT (corrupted == 0 && st->checksum_errors == 0);
  TEST_ASSERT (touches == rounds * 2 * NPAGES);
  return 0;
}
