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

#include "kern/log.h"
#include "kern/test.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include "obj/swapobj.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/object.h"
#include <vg/error.h>

#define MAXPAGES (12 * 1024)
#define GENERATIONS 2

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
    TEST_ASSERT (folio_alloc_cap (&rc, &folios[i]) == VG_OK);
  for (unsigned i = 0; i < n; i++)
    TEST_ASSERT (object_alloc_cap (root, &folios[i / VG_FOLIO_OBJECTS],
                                   i % VG_FOLIO_OBJECTS, VG_TYPE_PAGE,
                                   important, &pages[i])
                 == VG_OK);
  const struct swapobj_stats *st = swapobj_get_stats ();
  uint32_t r = 2463534242u;
  uint64_t touches = 0, corrupted = 0, page_ins0 = st->page_ins;
  for (unsigned gen = 1; gen <= GENERATIONS; gen++)
    {
      for (unsigned i = 0; i < n; i++)
        {
          void *d;
          TEST_ASSERT (object_page_claim (&pages[i], true, &d) == VG_OK);
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
          TEST_ASSERT (object_page_claim (&pages[i], false, &d) == VG_OK);
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
