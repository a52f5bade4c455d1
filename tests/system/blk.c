/* System tests of the block interface and the ATA driver: round trips
   by DMA and by PIO (one request of many segments and many requests in
   flight at once, completed by interrupt), refused requests, a command
   that never completes (the timeout path), device errors injected by
   QEMU's blkdebug (tests/system/modules.list gives each test its disk),
   and a boot without a disk.  */
#include <arch/mm.h>

#include "dev/ata.h"
#include "dev/blk.h"
#include "kern/log.h"
#include "kern/test.h"
#include "kstring.h"
#include "mm/pmm.h"
#include <vg/error.h>

#define NPAGES 48
#define PAGE 4096
#define SECT_PER_PAGE (PAGE / BLK_SECTOR)

static paddr_t pages[NPAGES];

static int
get_pages (void)
{
  for (unsigned i = 0; i < NPAGES; i++)
    {
      pages[i] = pmm_alloc ();
      TEST_ASSERT (pages[i] != 0);
    }
  return 0;
}

static uint64_t
pattern (uint64_t lba, unsigned word, unsigned gen)
{
  return (lba * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)word << 40) ^ gen
         ^ 0x0123456789abcdefull;
}

static void
fill (paddr_t p, uint64_t lba, unsigned gen)
{
  uint64_t *w = phys_to_virt (p);
  for (unsigned i = 0; i < PAGE / 8; i++)
    w[i] = pattern (lba + i / (BLK_SECTOR / 8), i % (BLK_SECTOR / 8), gen);
}

static bool
check (paddr_t p, uint64_t lba, unsigned gen)
{
  const uint64_t *w = phys_to_virt (p);
  for (unsigned i = 0; i < PAGE / 8; i++)
    if (w[i]
        != pattern (lba + i / (BLK_SECTOR / 8), i % (BLK_SECTOR / 8), gen))
      return false;
  return true;
}

static unsigned done_count;

static void
count_done (struct blk_req *r)
{
  (void)r;
  done_count++;
}

/* Write 16 pages as one 16-segment request (the pages are scattered in
   memory), then 16 one-page requests queued at once; read all back the
   other way round, into zeroed pages.  */
static int
round_trip (struct blk_dev *d, unsigned gen)
{
  uint64_t base = 64 + gen * 1024;
  struct blk_req big = { .lba = base, .write = true, .nseg = 16 };
  for (unsigned i = 0; i < 16; i++)
    {
      fill (pages[2 * i], base + i * SECT_PER_PAGE, gen);
      big.seg[i].phys = pages[2 * i];
      big.seg[i].len = PAGE;
    }
  TEST_ASSERT (blk_submit (d, &big) == VG_OK);
  TEST_ASSERT (blk_wait (&big) == VG_OK);

  static struct blk_req small[16];
  done_count = 0;
  for (unsigned i = 0; i < 16; i++)
    {
      uint64_t lba = base + (16 + i) * SECT_PER_PAGE;
      fill (pages[2 * i + 1], lba, gen);
      small[i] = (struct blk_req){
        .lba = lba, .write = true, .nseg = 1, .done = count_done
      };
      small[i].seg[0].phys = pages[2 * i + 1];
      small[i].seg[0].len = PAGE;
      TEST_ASSERT (blk_submit (d, &small[i]) == VG_OK);
    }
  for (unsigned i = 0; i < 16; i++)
    TEST_ASSERT (blk_wait (&small[i]) == VG_OK);
  TEST_ASSERT (done_count == 16);

  /* Read back: the first 16 pages one by one, the next 16 as one.  */
  for (unsigned i = 0; i < 32; i++)
    memset (phys_to_virt (pages[i]), 0, PAGE);
  done_count = 0;
  for (unsigned i = 0; i < 16; i++)
    {
      small[i] = (struct blk_req){ .lba = base + i * SECT_PER_PAGE,
                                   .nseg = 1,
                                   .done = count_done };
      small[i].seg[0].phys = pages[i];
      small[i].seg[0].len = PAGE;
      TEST_ASSERT (blk_submit (d, &small[i]) == VG_OK);
    }
  big = (struct blk_req){ .lba = base + 16 * SECT_PER_PAGE, .nseg = 16 };
  for (unsigned i = 0; i < 16; i++)
    {
      big.seg[i].phys = pages[16 + i];
      big.seg[i].len = PAGE;
    }
  TEST_ASSERT (blk_submit (d, &big) == VG_OK);
  TEST_ASSERT (blk_wait (&big) == VG_OK);
  for (unsigned i = 0; i < 16; i++)
    TEST_ASSERT (blk_wait (&small[i]) == VG_OK);
  TEST_ASSERT (done_count == 16);
  for (unsigned i = 0; i < 32; i++)
    TEST_ASSERT (check (pages[i], base + i * SECT_PER_PAGE, gen));
  return 0;
}

VG_TEST (blk_roundtrip)
{
  struct blk_dev *d = blk_swap_dev ();
  TEST_ASSERT (d != NULL);
  TEST_ASSERT (d->dma); /* modules.list gives this test a PIIX disk.  */
  TEST_ASSERT (get_pages () == 0);

  /* Refused before anything is queued.  */
  struct blk_req r = { .lba = d->sectors - 7, .nseg = 1 };
  r.seg[0].phys = pages[0];
  r.seg[0].len = PAGE;
  TEST_ASSERT (blk_submit (d, &r) == VG_ERANGE);
  r.lba = 0;
  r.seg[0].len = 100;
  TEST_ASSERT (blk_submit (d, &r) == VG_EINVAL);
  r.seg[0].len = PAGE;
  r.nseg = 0;
  TEST_ASSERT (blk_submit (d, &r) == VG_EINVAL);
  r.nseg = BLK_MAX_SEGS + 1;
  TEST_ASSERT (blk_submit (d, &r) == VG_EINVAL);

  struct blk_stats s0 = d->stats;
  TEST_ASSERT (round_trip (d, 1) == 0);
  log_info ("test", "DMA: %lu irqs for %lu requests", d->stats.irqs - s0.irqs,
            d->stats.reads + d->stats.writes - s0.reads - s0.writes);
  TEST_ASSERT (d->stats.writes - s0.writes == 17);
  TEST_ASSERT (d->stats.reads - s0.reads == 17);
  TEST_ASSERT (d->stats.sectors_written - s0.sectors_written == 32 * 8);

  /* The same disk by PIO (the flag is read when a command starts).  */
  d->dma = false;
  s0 = d->stats;
  TEST_ASSERT (round_trip (d, 2) == 0);
  log_info ("test", "PIO: %lu irqs for %lu requests", d->stats.irqs - s0.irqs,
            d->stats.reads + d->stats.writes - s0.reads - s0.writes);
  /* PIO interrupts once per sector.  */
  TEST_ASSERT (d->stats.irqs - s0.irqs == 2 * 32 * 8);
  d->dma = true;

  /* What DMA wrote, PIO reads, and the other way round.  */
  memset (phys_to_virt (pages[40]), 0, PAGE);
  d->dma = false;
  TEST_ASSERT (blk_rw_wait (d, false, 64 + 1024, 8, pages[40]) == VG_OK);
  d->dma = true;
  TEST_ASSERT (check (pages[40], 64 + 1024, 1));
  TEST_ASSERT (blk_rw_wait (d, false, 64 + 2048, 8, pages[40]) == VG_OK);
  TEST_ASSERT (check (pages[40], 64 + 2048, 2));
  TEST_ASSERT (d->stats.errors == 0 && d->stats.timeouts == 0);
  return 0;
}

/* A command that never reaches the device completes with VG_ETIMEDOUT
   after the channel is reset, and the next one works.  */
VG_TEST (blk_timeout)
{
  struct blk_dev *d = blk_swap_dev ();
  TEST_ASSERT (d != NULL);
  TEST_ASSERT (get_pages () == 0);
  fill (pages[0], 8, 3);
  struct blk_req r = { .lba = 8, .write = true, .nseg = 1 };
  r.seg[0].phys = pages[0];
  r.seg[0].len = PAGE;
  struct blk_req r2 = r;
  ata_test_drop = 1;
  TEST_ASSERT (blk_submit (d, &r) == VG_OK);
  TEST_ASSERT (blk_submit (d, &r2) == VG_OK); /* Queued behind it.  */
  TEST_ASSERT (blk_wait (&r) == VG_ETIMEDOUT);
  TEST_ASSERT (blk_wait (&r2) == VG_OK);
  TEST_ASSERT (d->stats.timeouts == 1);
  memset (phys_to_virt (pages[1]), 0, PAGE);
  TEST_ASSERT (blk_rw_wait (d, false, 8, 8, pages[1]) == VG_OK);
  TEST_ASSERT (check (pages[1], 8, 3));
  return 0;
}

/* blkdebug fails every write of sector 800 (modules.list): that write
   gives VG_EIO, logged and counted, and the kernel and disk go on.  */
VG_TEST (blk_eio_write)
{
  struct blk_dev *d = blk_swap_dev ();
  TEST_ASSERT (d != NULL);
  TEST_ASSERT (get_pages () == 0);
  fill (pages[0], 800, 4);
  TEST_ASSERT (blk_rw_wait (d, true, 800, 8, pages[0]) == VG_EIO);
  TEST_ASSERT (d->stats.errors == 1);
  fill (pages[1], 808, 4);
  TEST_ASSERT (blk_rw_wait (d, true, 808, 8, pages[1]) == VG_OK);
  memset (phys_to_virt (pages[2]), 0, PAGE);
  TEST_ASSERT (blk_rw_wait (d, false, 808, 8, pages[2]) == VG_OK);
  TEST_ASSERT (check (pages[2], 808, 4));
  TEST_ASSERT (blk_rw_wait (d, true, 800, 8, pages[0]) == VG_EIO);
  TEST_ASSERT (d->stats.errors == 2);
  return 0;
}

/* blkdebug fails every read of sector 800: reads give VG_EIO, writes
   there and reads elsewhere work.  */
VG_TEST (blk_eio_read)
{
  struct blk_dev *d = blk_swap_dev ();
  TEST_ASSERT (d != NULL);
  TEST_ASSERT (get_pages () == 0);
  fill (pages[0], 800, 5);
  TEST_ASSERT (blk_rw_wait (d, true, 800, 8, pages[0]) == VG_OK);
  TEST_ASSERT (blk_rw_wait (d, false, 800, 8, pages[1]) == VG_EIO);
  TEST_ASSERT (d->stats.errors == 1);
  /* PIO reports it the same way.  */
  d->dma = false;
  TEST_ASSERT (blk_rw_wait (d, false, 800, 8, pages[1]) == VG_EIO);
  d->dma = true;
  TEST_ASSERT (d->stats.errors == 2);
  fill (pages[0], 816, 5);
  TEST_ASSERT (blk_rw_wait (d, true, 816, 8, pages[0]) == VG_OK);
  memset (phys_to_virt (pages[2]), 0, PAGE);
  TEST_ASSERT (blk_rw_wait (d, false, 816, 8, pages[2]) == VG_OK);
  TEST_ASSERT (check (pages[2], 816, 5));
  return 0;
}

/* Without a disk the kernel boots as before and reports none.  */
VG_TEST (blk_none)
{
  TEST_ASSERT (blk_count () == 0);
  TEST_ASSERT (blk_swap_dev () == NULL);
  return 0;
}
