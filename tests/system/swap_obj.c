/* The swap store in the object layer, under overcommit: more important
   pages than free memory, each written with a pattern from its index
   (its "address") and a generation, then read back in a random order
   through object_page_claim, the path a fault takes.  The reclaimer
   evicts pages to disk (written back, or dropped clean when the disk
   copy is valid) and touches read them back, checksums verified.  No
   page may come back wrong; at the end every object is destroyed and
   the store's free count and the root's swap charge must be back where
   they started (no block leaks).  The test runs in the boot context, so
   a page-in waits by halting until the read completes (swapobj.h).  */
#include <arch/io.h>

#include "mm/reclaim.h"
#include "dev/blk.h"
#include "kern/log.h"
#include "kstring.h"
#include "obj/cap.h"
#include "obj/frame.h"
#include "kern/test.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "obj/swapobj.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/object.h"
#include <vg/error.h>

#define MAXPAGES (12 * 1024)
#define GENERATIONS 1

static struct vg_cap folios[MAXPAGES / VG_FOLIO_OBJECTS + 1];
static struct vg_cap pages[MAXPAGES];
static unsigned order[MAXPAGES];

static uint64_t
word (unsigned page, unsigned k, unsigned gen)
{
  return (((uint64_t)gen << 48) ^ ((uint64_t)page << 16) ^ k)
             * 0x9e3779b97f4a7c15ull
         | 1;
}

static void
shuffle (unsigned n, uint32_t *r)
{
  for (unsigned i = 0; i < n; i++)
    order[i] = i;
  for (unsigned i = n - 1; i > 0; i--)
    {
      *r ^= *r << 13;
      *r ^= *r >> 17;
      *r ^= *r << 5;
      unsigned j = *r % (i + 1), x = order[i];
      order[i] = order[j];
      order[j] = x;
    }
}

VG_TEST (swap_overcommit)
{
  TEST_ASSERT (swap_present ());
  struct activity *root = activity_root ();
  uint64_t blocks0 = swap_blocks_free ();
  uint64_t free0 = pmm_free_frames ();
  /* One and a half times the free memory.  */
  unsigned n = (unsigned)(free0 + free0 / 2);
  if (n > MAXPAGES)
    n = MAXPAGES;
  unsigned nf = (n + VG_FOLIO_OBJECTS - 1) / VG_FOLIO_OBJECTS;
  struct vg_cap rc;
  activity_root_cap (&rc);
  const struct vg_object_policy important = { 0, 0 };
  for (unsigned i = 0; i < nf; i++)
    TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&rc, &folios[i])) == VG_OK);
  for (unsigned i = 0; i < n; i++)
    TEST_ASSERT (RECLAIM_RUN (object_alloc_cap (
                     root, &folios[i / VG_FOLIO_OBJECTS], i % VG_FOLIO_OBJECTS,
                     VG_TYPE_PAGE, important, &pages[i]))
                 == VG_OK);
  const struct swapobj_stats *st = swapobj_get_stats ();
  uint32_t r = 2463534242u;
  uint64_t touches = 0, corrupted = 0, page_ins0 = st->page_ins;
  for (unsigned gen = 1; gen <= GENERATIONS; gen++)
    {
      for (unsigned i = 0; i < n; i++)
        {
          void *d;
          TEST_ASSERT (RECLAIM_RUN (object_page_claim (&pages[i], true, &d))
                       == VG_OK);
          uint64_t *w = d;
          for (unsigned k = 0; k < 512; k++)
            w[k] = word (i, k, gen);
          touches++;
        }
      shuffle (n, &r);
      for (unsigned j = 0; j < n; j++)
        {
          unsigned i = order[j];
          void *d;
          TEST_ASSERT (RECLAIM_RUN (object_page_claim (&pages[i], false, &d))
                       == VG_OK);
          const uint64_t *w = d;
          for (unsigned k = 0; k < 512; k++)
            if (w[k] != word (i, k, gen))
              {
                corrupted++;
                break;
              }
          touches++;
        }
    }
  uint64_t page_ins = st->page_ins - page_ins0;
  kprintf ("swap_overcommit: %u pages, %lu free frames at start; %lu "
           "touches, %lu page-ins, %lu corrupted pages; written %lu, "
           "dropped clean %lu, rewritten during write-back %lu, refused "
           "%lu, store busy %lu, waits %lu, checksum errors %lu\n",
           n, free0, touches, page_ins, corrupted, st->written,
           st->dropped_clean, st->redirtied, st->refused, st->busy, st->waits,
           swap_get_stats ()->checksum_errors);
  TEST_ASSERT (corrupted == 0);
  TEST_ASSERT (swap_get_stats ()->checksum_errors == 0);
  /* Overcommitted: the store was used both ways.  */
  TEST_ASSERT (st->written > 0 && page_ins > 0);
  for (unsigned i = 0; i < nf; i++)
    TEST_ASSERT (folio_free_cap (root, &folios[i]) == VG_OK);
  /* Orphaned writes still in flight free their blocks on completion.  */
  uint64_t fl = arch_irq_save ();
  while (swap_inflight ())
    arch_irq_wait ();
  arch_irq_restore (fl);
  TEST_ASSERT (swap_blocks_free () == blocks0);
  TEST_ASSERT (root->swap_total == 0 && root->swap_local == 0);
  return 0;
}

/* Wait until no store operation is in flight.  */
static void
drain (void)
{
  uint64_t fl = arch_irq_save ();
  while (swap_inflight ())
    arch_irq_wait ();
  arch_irq_restore (fl);
}

/* The error paths, driven one page at a time: a clean page with a copy
   is dropped without I/O, a page written again during write-back keeps
   its new contents, an owner at its swap quota keeps its pages
   resident, a block corrupted on disk gives VG_ECHECKSUM (never the
   data), and destroying the objects frees every block.  */
VG_TEST (swap_obj_errors)
{
  TEST_ASSERT (swap_present ());
  struct activity *root = activity_root ();
  uint64_t blocks0 = swap_blocks_free ();
  struct vg_cap rc, fc, p[3];
  activity_root_cap (&rc);
  const struct vg_object_policy important = { 0, 0 };
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&rc, &fc)) == VG_OK);
  struct folio *f = NULL;
  unsigned idx;
  for (unsigned i = 0; i < 3; i++)
    {
      TEST_ASSERT (RECLAIM_RUN (object_alloc_cap (root, &fc, i, VG_TYPE_PAGE,
                                                  important, &p[i]))
                   == VG_OK);
      void *d;
      TEST_ASSERT (RECLAIM_RUN (object_page_claim (&p[i], true, &d)) == VG_OK);
      for (unsigned k = 0; k < 512; k++)
        ((uint64_t *)d)[k] = word (i, k, 7);
    }
  TEST_ASSERT (cap_object (&p[0], VG_TYPE_PAGE, 0, &f, &idx) == VG_OK);
  const struct swapobj_stats *st = swapobj_get_stats ();

  /* Page 0: written back, then read back clean and dropped without
     I/O.  */
  TEST_ASSERT (swapobj_evict (f, 0) == SWAPOBJ_QUEUED);
  drain ();
  TEST_ASSERT (f->slots[0].frame == FRAME_NONE);
  TEST_ASSERT (f->swap_state[0] & FOLIO_SWAP_ON_DISK);
  TEST_ASSERT (swap_blocks_free () == blocks0 - 1);
  void *d;
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&p[0], false, &d)) == VG_OK);
  TEST_ASSERT (((uint64_t *)d)[5] == word (0, 5, 7));
  uint64_t writes = swap_get_stats ()->writes, clean = st->dropped_clean;
  TEST_ASSERT (swapobj_evict (f, 0) == SWAPOBJ_FREED);
  TEST_ASSERT (swap_get_stats ()->writes == writes);
  TEST_ASSERT (st->dropped_clean == clean + 1);

  /* Page 1: written again while its write is in flight: keeps the new
     contents and frees the new block.  */
  TEST_ASSERT (swapobj_evict (f, 1) == SWAPOBJ_QUEUED);
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&p[1], true, &d)) == VG_OK);
  ((uint64_t *)d)[3] = 42;
  drain ();
  TEST_ASSERT (f->slots[1].frame != FRAME_NONE);
  TEST_ASSERT (!(f->swap_state[1] & FOLIO_SWAP_ON_DISK));
  TEST_ASSERT (((uint64_t *)object_slot_data (f, 1))[3] == 42);
  TEST_ASSERT (swap_blocks_free () == blocks0 - 1);

  /* At the swap quota: page 2 stays resident.  */
  root->policy.swap_quota = root->swap_total;
  TEST_ASSERT (swapobj_evict (f, 2) == SWAPOBJ_BUSY);
  TEST_ASSERT (f->slots[2].frame != FRAME_NONE);
  root->policy.swap_quota = 0;

  /* Page 0's block corrupted on disk: the touch fails with
     VG_ECHECKSUM, and again on retry; no frame is attached.  */
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&p[0], false, &d)) == VG_OK);
  TEST_ASSERT (swapobj_evict (f, 0) == SWAPOBJ_FREED);
  paddr_t junk = pmm_alloc ();
  TEST_ASSERT (junk != 0);
  memset (phys_to_virt (junk), 0xa5, 4096);
  TEST_ASSERT (blk_rw_wait (blk_swap_dev (), true,
                            (uint64_t)f->swap[0].block * SWAP_SECT_PER_BLOCK,
                            SWAP_SECT_PER_BLOCK, junk)
               == VG_OK);
  pmm_free (junk);
  uint64_t errs = swap_get_stats ()->checksum_errors;
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&p[0], false, &d))
               == VG_ECHECKSUM);
  TEST_ASSERT (f->slots[0].frame == FRAME_NONE);
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&p[0], false, &d))
               == VG_ECHECKSUM);
  TEST_ASSERT (swap_get_stats ()->checksum_errors == errs + 2);

  /* Page 2 written back, and its write still in flight when the folio
     goes: every block comes back.  */
  TEST_ASSERT (swapobj_evict (f, 2) == SWAPOBJ_QUEUED);
  TEST_ASSERT (folio_free_cap (root, &fc) == VG_OK);
  drain ();
  TEST_ASSERT (swap_blocks_free () == blocks0);
  TEST_ASSERT (root->swap_total == 0 && root->swap_local == 0);
  return 0;
}
