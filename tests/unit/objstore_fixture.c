/* The object-store unit-test fixture (see objstore_fixture.h).  */
#include <check.h>

#include <arch/layout.h>

#include "mm/bootmem.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"
#include "mm/pmm.h"
#include "mm/evict.h"
#include "mm/reclaim.h"

#define MiB (1ull << 20)

static struct memmap m;
static uint64_t boot_pool_frames;
const struct vg_object_policy os_default_policy = { 0, 0 };

void
os_boot (unsigned mib)
{
  struct memmap_entry e[] = { { 0, MiB + mib * MiB, MEMMAP_AVAILABLE } };
  struct memmap_range res[] = { { 0, MiB } };
  memmap_build (&m, e, 1, res, 1, 0);
  bootmem_init (&m, 4ull << 30);
  frame_init (m.free[0].start, m.free[m.nfree - 1].end);
  activity_root_init ();
  pmm_init (&m);
  activity_root_grant ();
  bootmem_seal ();
  boot_pool_frames = bootmem_used () / PAGE_SIZE;
  ck_assert_uint_eq (frame_kernel_pool (), boot_pool_frames);
}

struct vg_cap
os_root_cap (void)
{
  struct vg_cap c;
  activity_root_cap (&c);
  return c;
}

struct vg_cap
os_folio (const struct vg_cap *activity)
{
  struct vg_cap c;
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (activity, &c)), VG_OK);
  return c;
}

struct vg_cap
os_child (const struct vg_cap *folio, unsigned slot,
          const struct vg_cap *parent)
{
  struct vg_cap c;
  ck_assert_int_eq (RECLAIM_RUN (activity_create_cap (activity_root (), folio,
                                                      slot, parent, &c)),
                    VG_OK);
  return c;
}

/* Per-activity checks: totals = local + children's totals; the folio
   list and the frame lists match the local counts.  */
static const char *
check_one (const struct activity *a)
{
  uint64_t folios = a->folios_local;
  uint64_t frames[VG_PRIORITY_LEVELS];
  for (unsigned p = 0; p < VG_PRIORITY_LEVELS; p++)
    frames[p] = a->frames_local[p];
  for (const struct activity *c = a->first_child; c; c = c->next_sibling)
    {
      if (c->parent != a)
        return "child's parent link";
      folios += c->folios_total;
      for (unsigned p = 0; p < VG_PRIORITY_LEVELS; p++)
        frames[p] += c->frames_total[p];
    }
  if (folios != a->folios_total)
    return "folios_total != local + children";
  uint64_t sum = a->frames_sum_local;
  for (const struct activity *c = a->first_child; c; c = c->next_sibling)
    sum += c->frames_sum_total;
  if (sum != a->frames_sum_total)
    return "frames_sum_total != local + children";
  for (unsigned p = 0; p < VG_PRIORITY_LEVELS; p++)
    {
      if (frames[p] != a->frames_total[p])
        return "frames_total != local + children";
    }
  if (evict_policy ()->count (&a->pstate) != a->frames_kind[ACTIVITY_DATA])
    return "policy's frames != frames_kind[DATA]";
  uint64_t ev = a->evictable_local;
  for (const struct activity *c = a->first_child; c; c = c->next_sibling)
    ev += c->evictable_total;
  if (ev != a->evictable_total)
    return "evictable_total != local + children";
  if (frame_list_count (&a->kernel_frames) != a->frames_kind[ACTIVITY_KERNEL])
    return "kernel list != frames_kind[KERNEL]";
  if (frame_list_count (&a->cache_tables) + frame_list_count (&a->cache_rmap)
      != a->frames_kind[ACTIVITY_CACHE])
    return "cache lists != frames_kind[CACHE]";
  if (a->frames_kind[ACTIVITY_DATA] + a->frames_kind[ACTIVITY_KERNEL]
          + a->frames_kind[ACTIVITY_CACHE]
      != a->frames_sum_local)
    return "frame lists != frames_local";
  uint64_t n = 0;
  for (const struct folio *f = a->folios; f; f = f->next, n++)
    if (f->owner != a)
      return "folio owner";
  if (n != a->folios_local)
    return "folio list != folios_local";
  return NULL;
}

const char *
os_check (void)
{
  /* Walk the tree without recursion.  */
  const struct activity *a = activity_root ();
  while (a)
    {
      const char *why = check_one (a);
      if (why)
        return why;
      if (a->first_child)
        a = a->first_child;
      else
        {
          while (a && !a->next_sibling)
            a = a->parent;
          if (a)
            a = a->next_sibling;
        }
    }
  /* Count frame descriptors independently of the counters.  */
  uint64_t used = 0;
  for (uint64_t pfn = pmm_lowest () >> PAGE_SHIFT;
       pfn < pmm_highest () >> PAGE_SHIFT; pfn++)
    {
      uint32_t i;
      if (!frame_valid_pfn (pfn, &i) || frame_get (i)->kind == FRAME_FREE)
        continue;
      used++;
      const struct frame *fd = frame_get (i);
      if (fd->kind == FRAME_FOLIO)
        {
          if (fd->list != FRAME_LIST_NONE)
            return "folio header on a list";
          continue;
        }
      if (!fd->activity)
        return "resident frame charged to no activity";
      uint8_t want;
      switch (activity_frame_kind (i))
        {
        case ACTIVITY_KERNEL:
          want = FRAME_LIST_KERNEL;
          break;
        case ACTIVITY_CACHE:
          want = fd->kind == FRAME_RMAP ? FRAME_LIST_RMAP : FRAME_LIST_TABLE;
          break;
        default:
          /* The policy's: any nonzero list byte.  */
          want = fd->list ? fd->list : FRAME_LIST_ACTIVE;
          break;
        }
      if (fd->list != want)
        return "frame on the wrong list for its kind";
    }
  if (used != frame_in_use ())
    return "descriptors in use != frame_in_use";
  if (used != activity_charged_frames (activity_root ()))
    return "descriptors in use != frames charged to the root's subtree";
  if (pmm_total_frames ()
      != pmm_free_frames () + used + frame_retired_idle ()
             + (frame_kernel_pool () - boot_pool_frames))
    return "total != free + charged + retired + kernel";
  if (frame_kernel_pool () != boot_pool_frames)
    return "kernel pool moved";
  return NULL;
}

struct vg_cap
os_alloc (const struct vg_cap *folio, unsigned slot, uint8_t type)
{
  struct vg_cap c;
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), folio, slot, type,
                                     os_default_policy, &c)),
      VG_OK);
  return c;
}
