/* System tests of the object store, run on the real kernel: the kernel
   pool never moves under create/destroy cycles of every object type
   ("the rule"), a quota refusal only affects its activity, and every
   frame can be allocated through folios and given back.  */
#include <vg/error.h>

#include "mm/reclaim.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "kern/log.h"
#include "obj/object.h"
#include "mm/pmm.h"
#include "kern/test.h"

static const struct vg_object_policy normal = { 0, 0 };

/* One round: a folio from A with one object of every type (a touched
   page, a cap stored in a cappage, a child activity with its own folio,
   a grandchild), then everything destroyed.  The kernel pool is checked
   after every step.  */
static int
round_trip (const struct vg_cap *a, uint64_t pool)
{
  struct activity *r = activity_root ();
  struct vg_cap f, page, cp, th, ms, child, cf, grand, gf;
  void *data;
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (a, &f)) == VG_OK);
  TEST_ASSERT (frame_kernel_pool () == pool);
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_PAGE, normal, &page))
      == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&page, true, &data)) == VG_OK);
  *(uint64_t *)data = 42;
  TEST_ASSERT (frame_kernel_pool () == pool);
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (r, &f, 1, VG_TYPE_CAPPAGE, normal, &cp))
      == VG_OK);
  TEST_ASSERT (cappage_set_cap (&cp, 7, &page) == VG_OK);
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (r, &f, 2, VG_TYPE_THREAD, normal, &th))
      == VG_OK);
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (r, &f, 3, VG_TYPE_MESSENGER, normal, &ms))
      == VG_OK);
  TEST_ASSERT (frame_kernel_pool () == pool);
  TEST_ASSERT (RECLAIM_RUN (activity_create_cap (r, &f, 4, a, &child))
               == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&child, &cf)) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (activity_create_cap (r, &cf, 0, &child, &grand))
               == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&grand, &gf)) == VG_OK);
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (r, &gf, 9, VG_TYPE_THREAD, normal, &th))
      == VG_OK);
  TEST_ASSERT (frame_kernel_pool () == pool);
  /* Destroy: re-typing a slot, the child subtree, then the folio.  */
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_VOID, normal, &page))
      == VG_OK);
  TEST_ASSERT (activity_destroy_cap (r, &child) == VG_OK);
  TEST_ASSERT (activity_stats_cap (&grand, (void *)&gf) == VG_EDEADCAP);
  TEST_ASSERT (frame_kernel_pool () == pool);
  TEST_ASSERT (folio_free_cap (r, &f) == VG_OK);
  TEST_ASSERT (frame_kernel_pool () == pool);
  TEST_ASSERT (frame_in_use () == activity_charged_frames (r));
  return 0;
}

VG_TEST (objstore_pool)
{
  uint64_t pool = frame_kernel_pool ();
  uint64_t free0 = pmm_free_frames ();
  log_info ("test", "kernel pool %lu frames, %lu free", pool, free0);
  struct vg_cap root, nest, f;
  activity_root_cap (&root);
  /* A nested activity to run half the rounds in.  */
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&root, &f)) == VG_OK);
  TEST_ASSERT (
      RECLAIM_RUN (activity_create_cap (activity_root (), &f, 0, &root, &nest))
      == VG_OK);
  for (int i = 0; i < 200; i++)
    if (round_trip (i % 2 ? &nest : &root, pool))
      return -1;
  TEST_ASSERT (folio_free_cap (activity_root (), &f) == VG_OK);
  TEST_ASSERT (frame_kernel_pool () == pool);
  TEST_ASSERT (pmm_free_frames () + frame_retired_idle () == free0);
  TEST_ASSERT (activity_charged_frames (activity_root ()) == 0);
  return 0;
}

VG_TEST (objstore_quota)
{
  struct vg_cap root, f, child, sib, out;
  activity_root_cap (&root);
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&root, &f)) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (activity_create_cap (activity_root (), &f, 0,
                                                 &root, &child))
               == VG_OK);
  TEST_ASSERT (
      RECLAIM_RUN (activity_create_cap (activity_root (), &f, 1, &root, &sib))
      == VG_OK);
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 5 };
  TEST_ASSERT (activity_policy_set_cap (&child, VG_ACTIVITY_POLICY_QUOTA, &p)
               == VG_OK);
  int n = 0, err;
  while ((err = RECLAIM_RUN (folio_alloc_cap (&child, &out))) == VG_OK)
    n++;
  log_info ("test", "child got %d folios, then error %d", n, err);
  TEST_ASSERT (err == VG_EQUOTA);
  TEST_ASSERT (n == 5);
  /* The refusal is the child's alone.  */
  for (int i = 0; i < 10; i++)
    TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&sib, &out)) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&child, &out)) == VG_EQUOTA);
  TEST_ASSERT (activity_destroy_cap (activity_root (), &child) == VG_OK);
  TEST_ASSERT (activity_destroy_cap (activity_root (), &sib) == VG_OK);
  TEST_ASSERT (folio_free_cap (activity_root (), &f) == VG_OK);
  TEST_ASSERT (activity_charged_frames (activity_root ()) == 0);
  return 0;
}

VG_TEST (objstore_exhaust)
{
  uint64_t free0 = pmm_free_frames ();
  uint64_t pool = frame_kernel_pool ();
  struct vg_cap root, f, page;
  activity_root_cap (&root);
  /* Lift the root's quota so memory, not storage, runs out.  */
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 0 };
  TEST_ASSERT (activity_policy_set_cap (&root, VG_ACTIVITY_POLICY_QUOTA, &p)
               == VG_OK);
  uint64_t folios = 0, pages = 0;
  unsigned slot = VG_FOLIO_OBJECTS;
  int err;
  for (;;)
    {
      if (slot == VG_FOLIO_OBJECTS)
        {
          if ((err = RECLAIM_RUN (folio_alloc_cap (&root, &f))) != VG_OK)
            break;
          folios++;
          slot = 0;
        }
      unsigned s = slot++;
      TEST_ASSERT (RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s,
                                                  VG_TYPE_PAGE, normal, &page))
                   == VG_OK);
      void *data;
      if ((err = RECLAIM_RUN (object_page_claim (&page, true, &data)))
          != VG_OK)
        break;
      pages++;
    }
  log_info ("test", "%lu folios, %lu pages, then error %d", folios, pages,
            err);
  TEST_ASSERT (err == VG_ENOMEM);
  TEST_ASSERT (pmm_free_frames () == 0);
  TEST_ASSERT (folios + pages == free0);
  TEST_ASSERT (frame_kernel_pool () == pool);
  /* Free every folio through the root's list (each free changes it).  */
  struct vg_cap fc;
  while (activity_root ()->folios)
    {
      folio_cap (activity_root ()->folios, &fc);
      TEST_ASSERT (folio_free_cap (activity_root (), &fc) == VG_OK);
    }
  TEST_ASSERT (pmm_free_frames () == free0);
  TEST_ASSERT (activity_charged_frames (activity_root ()) == 0);
  TEST_ASSERT (frame_kernel_pool () == pool);
  return 0;
}
