/* System tests of the swap store on a real (emulated) disk: batched
   write-back and random-order read-back with checksums, swap quotas
   inherited down a tree, a block corrupted on disk between write and
   read, injected write and read errors (blkdebug), a write-back raced
   by a new write, a disk too small to use, and the free count coming
   back to its start after everything is freed.  */
#include <arch/crc.h>
#include <arch/mm.h>

#include "obj/swapobj.h"
#include "crc32c.h"
#include "dev/blk.h"
#include "kern/log.h"
#include "kern/test.h"
#include "kstring.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "obj/activity.h"
#include <vg/error.h>

#define PAGE 4096
#define NPAGES 256

struct page
{
  paddr_t frame;
  struct swap_loc loc;
  int status;   /* BLK_PENDING until DONE.  */
  bool dirtied; /* Written again while its write was in flight.  */
  unsigned gen;
  struct activity *acct; /* Charged for its block (write_charged).  */
};

static struct page pages[NPAGES];
static paddr_t spare[8];

static uint64_t
pattern (unsigned page, unsigned word, unsigned gen)
{
  uint64_t x = ((uint64_t)page << 32 | word) * 0x9e3779b97f4a7c15ull;
  return x ^ ((uint64_t)gen << 56) ^ 0x5bd1e9955bd1e995ull;
}

static void
fill (paddr_t f, unsigned page, unsigned gen)
{
  uint64_t *w = phys_to_virt (f);
  for (unsigned i = 0; i < PAGE / 8; i++)
    w[i] = pattern (page, i, gen);
}

static bool
matches (paddr_t f, unsigned page, unsigned gen)
{
  const uint64_t *w = phys_to_virt (f);
  for (unsigned i = 0; i < PAGE / 8; i++)
    if (w[i] != pattern (page, i, gen))
      return false;
  return true;
}

static int
setup (unsigned n)
{
  TEST_ASSERT (swap_present ());
  for (unsigned i = 0; i < n; i++)
    {
      pages[i].frame = pmm_alloc ();
      TEST_ASSERT (pages[i].frame != 0);
      pages[i].loc.block = SWAP_NONE;
    }
  for (unsigned i = 0; i < 8; i++)
    {
      spare[i] = pmm_alloc ();
      TEST_ASSERT (spare[i] != 0);
    }
  return 0;
}

/* Swap accounting as the object layer keeps it (obj/swapobj.h; the
   store knows no activities): a block charged to A.  */
static void
free_charged (struct activity *a, uint32_t block)
{
  swap_block_free (block);
  swapobj_uncharge (a);
}

static int
alloc_charged (struct activity *a, uint32_t *block)
{
  int err = swap_block_alloc (swapobj_over_quota (a, 1), block);
  if (!err)
    swapobj_charge (a);
  return err;
}

static void wrote (struct swap_op *op, int status);

/* A write charged to A, as swapobj_evict makes one: the quota verdict
   first, the charge before the write is queued, taken back if the
   store refuses it.  */
static int
write_charged (struct activity *a, struct page *p, paddr_t frame)
{
  bool over = swapobj_over_quota (a, 1);
  swapobj_charge (a);
  p->acct = a;
  int err = swap_write (over, frame, wrote, p);
  if (err)
    swapobj_uncharge (a);
  return err;
}

/* The write-back completion as the object layer does it: keep the copy
   unless the page was written again meanwhile (then the new block is
   freed and the frame stays, dirty: no lost update).  */
static void
wrote (struct swap_op *op, int status)
{
  struct page *p = op->arg;
  if (status == VG_OK && p->dirtied)
    {
      free_charged (p->acct, op->loc.block);
      p->loc.block = SWAP_NONE;
      p->status = VG_EBUSY;
      return;
    }
  if (status == VG_OK)
    p->loc = op->loc;
  else
    swapobj_uncharge (p->acct); /* The store freed the block.  */
  p->status = status;
}

static void
read_done (struct swap_op *op, int status)
{
  struct page *p = op->arg;
  p->status = status;
}

static void
wait_all (unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    while (pages[i].status == BLK_PENDING)
      __asm__ volatile("sti; hlt; cli" ::: "memory");
}

/* Write pages [0, N) charged to A, SWAP_INFLIGHT at a time at most:
   queue until the store is busy, then wait for one.  */
static int
write_all (struct activity *a, unsigned n, unsigned gen)
{
  for (unsigned i = 0; i < n; i++)
    {
      fill (pages[i].frame, i, gen);
      pages[i].gen = gen;
      pages[i].status = BLK_PENDING;
      pages[i].dirtied = false;
      int err;
      while ((err = write_charged (a, &pages[i], pages[i].frame)) == VG_EBUSY)
        __asm__ volatile("sti; hlt; cli" ::: "memory");
      TEST_ASSERT (err == VG_OK);
    }
  wait_all (n);
  return 0;
}

static void
free_all (struct activity *a, unsigned n)
{
  for (unsigned i = 0; i < n; i++)
    if (pages[i].loc.block != SWAP_NONE)
      {
        free_charged (a, pages[i].loc.block);
        pages[i].loc.block = SWAP_NONE;
      }
}

static uint32_t rng = 12345;

static unsigned
rnd (unsigned n)
{
  rng = rng * 1103515245u + 12345u;
  return (rng >> 8) % n;
}

VG_TEST (swap_roundtrip)
{
  TEST_ASSERT (crc32c (0, "123456789", 9) == 0xe3069283u);
  /* The crc32 instruction (swap_crc=insn) agrees with the table on
     pages of every kind, and both see a flipped bit.  */
  if (arch_crc32c_insn_present ())
    {
      paddr_t cp = pmm_alloc ();
      TEST_ASSERT (cp != 0);
      uint8_t *cb = phys_to_virt (cp);
      for (unsigned k = 0; k < 8; k++)
        {
          for (unsigned i = 0; i < PAGE; i++)
            cb[i] = k == 0 ? 0 : k == 1 ? 0xff : (uint8_t)rnd (256);
          uint32_t sum = crc32c (0, cb, PAGE);
          TEST_ASSERT (arch_crc32c_page_insn (cb) == sum);
          cb[k * 500] ^= 4;
          TEST_ASSERT (arch_crc32c_page_insn (cb) != sum);
          TEST_ASSERT (crc32c (0, cb, PAGE) != sum);
        }
      pmm_free (cp);
    }
  TEST_ASSERT (setup (NPAGES) == 0);
  struct activity *root = activity_root ();
  uint64_t free0 = swap_blocks_free ();
  TEST_ASSERT (free0 == swap_blocks ());
  TEST_ASSERT (root->swap_total == 0);

  for (unsigned gen = 1; gen <= 2; gen++)
    {
      TEST_ASSERT (write_all (root, NPAGES, gen) == 0);
      for (unsigned i = 0; i < NPAGES; i++)
        {
          TEST_ASSERT (pages[i].status == VG_OK);
          TEST_ASSERT (pages[i].loc.block != SWAP_NONE);
          /* The frame is free to go: scribble on it.  */
          memset (phys_to_virt (pages[i].frame), 0xa5, PAGE);
        }
      TEST_ASSERT (swap_blocks_free () == free0 - NPAGES);
      TEST_ASSERT (root->swap_total == NPAGES && root->swap_local == NPAGES);

      /* Read back in random order, several at a time.  */
      for (unsigned k = 0; k < NPAGES; k++)
        {
          unsigned i = rnd (NPAGES);
          pages[i].status = BLK_PENDING;
          TEST_ASSERT (
              swap_read (&pages[i].loc, pages[i].frame, read_done, &pages[i])
              == VG_OK);
          if (k % 8 == 7)
            wait_all (NPAGES);
        }
      wait_all (NPAGES);
      unsigned bad = 0, seen = 0;
      for (unsigned i = 0; i < NPAGES; i++)
        {
          if (pages[i].status != VG_OK)
            continue;
          seen++;
          if (*(uint64_t *)phys_to_virt (pages[i].frame) == 0xa5a5a5a5a5a5a5a5)
            continue; /* Not drawn this round.  */
          if (!matches (pages[i].frame, i, gen))
            bad++;
        }
      log_info ("test", "generation %u: %u pages read back, %u corrupted", gen,
                seen, bad);
      TEST_ASSERT (bad == 0);
      /* And every page by itself, to be sure of each.  */
      for (unsigned i = 0; i < NPAGES; i++)
        {
          pages[i].status = BLK_PENDING;
          TEST_ASSERT (
              swap_read (&pages[i].loc, spare[0], read_done, &pages[i])
              == VG_OK);
          wait_all (NPAGES);
          TEST_ASSERT (pages[i].status == VG_OK);
          TEST_ASSERT (matches (spare[0], i, gen));
        }
      free_all (root, NPAGES);
      TEST_ASSERT (swap_blocks_free () == free0);
      TEST_ASSERT (root->swap_total == 0 && root->swap_local == 0);
    }
  const struct swap_stats *st = swap_get_stats ();
  TEST_ASSERT (st->writes == 2 * NPAGES);
  TEST_ASSERT (st->checksum_errors == 0 && st->write_errors == 0);
  TEST_ASSERT (swap_inflight () == 0);
  /* A location past the store is refused.  */
  struct swap_loc bad = { (uint32_t)swap_blocks (), 0 };
  TEST_ASSERT (swap_read (&bad, spare[0], read_done, &pages[0]) == VG_EINVAL);
  return 0;
}

/* Quotas: P (quota 10) has children A (quota 4) and B (none).  A stops
   at 4; B goes on until P's 10; freeing gives the room back.  */
VG_TEST (swap_quota)
{
  TEST_ASSERT (setup (0) == 0);
  static struct activity p, a, b;
  p.parent = activity_root ();
  a.parent = &p;
  b.parent = &p;
  p.policy.swap_quota = 10;
  a.policy.swap_quota = 4;
  uint64_t free0 = swap_blocks_free ();
  uint32_t blocks_a[8], blocks_b[8];
  unsigned na = 0, nb = 0;
  int err;
  while ((err = alloc_charged (&a, &blocks_a[na])) == VG_OK)
    na++;
  TEST_ASSERT (err == VG_EQUOTA && na == 4);
  while ((err = alloc_charged (&b, &blocks_b[nb])) == VG_OK)
    nb++;
  TEST_ASSERT (err == VG_EQUOTA && nb == 6);
  TEST_ASSERT (p.swap_total == 10 && p.swap_local == 0);
  TEST_ASSERT (activity_root ()->swap_total == 10);
  /* A write charged to A is refused before anything is queued.  */
  TEST_ASSERT (write_charged (&a, &pages[0], spare[0]) == VG_EQUOTA);
  TEST_ASSERT (swap_inflight () == 0);
  free_charged (&a, blocks_a[--na]);
  TEST_ASSERT (alloc_charged (&b, &blocks_b[nb]) == VG_OK);
  nb++;
  TEST_ASSERT (alloc_charged (&a, &blocks_a[na]) == VG_EQUOTA);
  while (na)
    free_charged (&a, blocks_a[--na]);
  while (nb)
    free_charged (&b, blocks_b[--nb]);
  TEST_ASSERT (swap_blocks_free () == free0);
  TEST_ASSERT (p.swap_total == 0 && activity_root ()->swap_total == 0);
  TEST_ASSERT (swap_get_stats ()->quota_refusals == 4);
  return 0;
}

/* A block overwritten on disk behind the store's back: the read gives
   VG_ECHECKSUM, not the data.  */
VG_TEST (swap_checksum)
{
  TEST_ASSERT (setup (4) == 0);
  struct activity *root = activity_root ();
  TEST_ASSERT (write_all (root, 4, 7) == 0);
  /* Flip one bit of page 2's copy on disk (the test hook: the raw
     disk, below the store).  */
  struct blk_dev *d = blk_swap_dev ();
  uint64_t lba = (uint64_t)pages[2].loc.block * SWAP_SECT_PER_BLOCK;
  TEST_ASSERT (blk_rw_wait (d, false, lba, 8, spare[1]) == VG_OK);
  TEST_ASSERT (matches (spare[1], 2, 7));
  ((uint8_t *)phys_to_virt (spare[1]))[1000] ^= 0x10;
  TEST_ASSERT (blk_rw_wait (d, true, lba, 8, spare[1]) == VG_OK);
  for (unsigned i = 0; i < 4; i++)
    {
      pages[i].status = BLK_PENDING;
      TEST_ASSERT (swap_read (&pages[i].loc, spare[0], read_done, &pages[i])
                   == VG_OK);
      wait_all (4);
    }
  TEST_ASSERT (pages[0].status == VG_OK && pages[1].status == VG_OK);
  TEST_ASSERT (pages[2].status == VG_ECHECKSUM);
  TEST_ASSERT (pages[3].status == VG_OK);
  TEST_ASSERT (swap_get_stats ()->checksum_errors == 1);
  free_all (root, 4);
  TEST_ASSERT (swap_blocks_free () == swap_blocks ());
  return 0;
}

/* blkdebug fails writes touching sector 16 (block 2): that page's write
   reports VG_EIO, its block is freed at once, its frame untouched; the
   rest are written and read back.  */
VG_TEST (swap_eio_write)
{
  TEST_ASSERT (setup (6) == 0);
  struct activity *root = activity_root ();
  TEST_ASSERT (write_all (root, 6, 9) == 0);
  unsigned failed = 0;
  for (unsigned i = 0; i < 6; i++)
    if (pages[i].status == VG_EIO)
      {
        failed++;
        TEST_ASSERT (pages[i].loc.block == SWAP_NONE);
        TEST_ASSERT (matches (pages[i].frame, i, 9)); /* Still resident.  */
      }
    else
      TEST_ASSERT (pages[i].status == VG_OK);
  TEST_ASSERT (failed == 1);
  TEST_ASSERT (swap_get_stats ()->write_errors == 1);
  TEST_ASSERT (root->swap_total == 5);
  for (unsigned i = 0; i < 6; i++)
    if (pages[i].loc.block != SWAP_NONE)
      {
        pages[i].status = BLK_PENDING;
        TEST_ASSERT (swap_read (&pages[i].loc, spare[0], read_done, &pages[i])
                     == VG_OK);
        wait_all (6);
        TEST_ASSERT (pages[i].status == VG_OK && matches (spare[0], i, 9));
      }
  free_all (root, 6);
  TEST_ASSERT (swap_blocks_free () == swap_blocks ());
  return 0;
}

/* blkdebug fails reads touching sector 16: the owner of block 2 gets
   VG_EIO, the others their data; the kernel runs on.  */
VG_TEST (swap_eio_read)
{
  TEST_ASSERT (setup (4) == 0);
  struct activity *root = activity_root ();
  TEST_ASSERT (write_all (root, 4, 11) == 0);
  unsigned failed = 0;
  for (unsigned i = 0; i < 4; i++)
    {
      TEST_ASSERT (pages[i].status == VG_OK);
      pages[i].status = BLK_PENDING;
      TEST_ASSERT (swap_read (&pages[i].loc, spare[0], read_done, &pages[i])
                   == VG_OK);
      wait_all (4);
      if (pages[i].status == VG_EIO)
        failed++;
      else
        TEST_ASSERT (pages[i].status == VG_OK && matches (spare[0], i, 11));
    }
  TEST_ASSERT (failed == 1);
  TEST_ASSERT (swap_get_stats ()->read_errors == 1);
  free_all (root, 4);
  TEST_ASSERT (swap_blocks_free () == swap_blocks ());
  return 0;
}

/* A page written again while its write-back is in flight: the
   completion sees it dirty, frees the new block and keeps the frame; a
   second write-back then carries the new contents.  */
VG_TEST (swap_race)
{
  TEST_ASSERT (setup (2) == 0);
  struct activity *root = activity_root ();
  for (unsigned i = 0; i < 2; i++)
    {
      fill (pages[i].frame, i, 1);
      pages[i].status = BLK_PENDING;
      TEST_ASSERT (write_charged (root, &pages[i], pages[i].frame) == VG_OK);
    }
  /* Written again before completion (interrupts are off: nothing has
     completed yet).  */
  TEST_ASSERT (pages[1].status == BLK_PENDING);
  fill (pages[1].frame, 1, 2);
  pages[1].dirtied = true;
  wait_all (2);
  TEST_ASSERT (pages[0].status == VG_OK);
  TEST_ASSERT (pages[1].status == VG_EBUSY); /* Kept resident.  */
  TEST_ASSERT (pages[1].loc.block == SWAP_NONE);
  TEST_ASSERT (root->swap_total == 1);
  TEST_ASSERT (matches (pages[1].frame, 1, 2));
  pages[1].dirtied = false;
  pages[1].status = BLK_PENDING;
  TEST_ASSERT (write_charged (root, &pages[1], pages[1].frame) == VG_OK);
  wait_all (2);
  TEST_ASSERT (pages[1].status == VG_OK);
  pages[1].status = BLK_PENDING;
  TEST_ASSERT (swap_read (&pages[1].loc, spare[0], read_done, &pages[1])
               == VG_OK);
  wait_all (2);
  TEST_ASSERT (pages[1].status == VG_OK && matches (spare[0], 1, 2));
  free_all (root, 2);
  TEST_ASSERT (swap_blocks_free () == swap_blocks ());
  return 0;
}

/* A disk below SWAP_MIN_BLOCKS is refused (logged), the system runs
   without a store, and writes are refused with VG_ENOMEM.  */
VG_TEST (swap_too_small)
{
  TEST_ASSERT (blk_swap_dev () != NULL);
  TEST_ASSERT (!swap_present ());
  TEST_ASSERT (swap_blocks () == 0);
  paddr_t f = pmm_alloc ();
  TEST_ASSERT (f != 0);
  TEST_ASSERT (write_charged (activity_root (), &pages[0], f) == VG_ENOMEM);
  return 0;
}
