/* Unit tests for folios, objects, caps and versions.  */
#include <check.h>

#include "obj/cap.h"
#include "obj/cappage.h"
#include "fake/fake.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"
#include "mm/evict.h"
#include "mm/reclaim.h"
#include "mm/pmm.h"

static struct vg_cap
mk (const struct vg_cap *folio, unsigned slot, uint8_t type)
{
  struct vg_cap c;
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), folio, slot, type,
                                     os_default_policy, &c)),
      VG_OK);
  return c;
}

START_TEST (folio_alloc_and_free)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f;
  uint64_t free0 = pmm_free_frames ();
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&root, &f)), VG_OK);
  ck_assert_int_eq (f.type, VG_TYPE_FOLIO);
  ck_assert_uint_eq (activity_root ()->folios_local, 1);
  ck_assert_uint_eq (pmm_free_frames (), free0 - 1);
  struct vg_cap p = mk (&f, 5, VG_TYPE_PAGE);
  ck_assert_uint_eq (pmm_free_frames (), free0 - 1); /* Lazy.  */
  void *data;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, true, &data)), VG_OK);
  ck_assert_uint_eq (((unsigned char *)data)[100], 0);
  ck_assert_uint_eq (pmm_free_frames (), free0 - 2);
  ck_assert_uint_eq (activity_frames_local (activity_root ()), 1);
  mk (&f, 6, VG_TYPE_CAPPAGE); /* Eager.  */
  mk (&f, 7, VG_TYPE_THREAD);  /* Object frame and kernel stack.  */
  ck_assert_uint_eq (activity_frames_local (activity_root ()), 4);
  mk (&f, 8, VG_TYPE_MESSENGER);
  ck_assert_uint_eq (pmm_free_frames (), free0 - 6);
  CHECK_OK ();
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_OK);
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_uint_eq (activity_charged_frames (activity_root ()), 0);
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_EDEADCAP);
  CHECK_OK ();
}
END_TEST

START_TEST (page_claim_charges_priority)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), p;
  struct vg_object_policy pol = { 1, -10 };
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 0,
                                                   VG_TYPE_PAGE, pol, &p)),
                    VG_OK);
  ck_assert_uint_eq (vg_object_policy_decode (p.policy).priority, -10);
  ck_assert_uint_eq (vg_object_policy_decode (p.policy).discardable, 1);
  void *d1, *d2;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, false, &d1)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, true, &d2)), VG_OK);
  ck_assert_ptr_eq (d1, d2);
  ck_assert_uint_eq (activity_root ()->frames_local[PRIO_INDEX (-10)], 1);
  ck_assert_uint_eq (evict_policy ()->count (&activity_root ()->pstate), 1);
  CHECK_OK ();
}
END_TEST

START_TEST (dead_after_realloc)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root);
  struct vg_cap p = mk (&f, 3, VG_TYPE_PAGE), d;
  ck_assert_int_eq (cap_derive (&p, VG_RIGHTS_ALL, &d), VG_OK);
  struct vg_cap q = mk (&f, 3, VG_TYPE_PAGE);
  ck_assert_uint_gt (q.version, p.version);
  void *x;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, false, &x)),
                    VG_EDEADCAP);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&d, false, &x)),
                    VG_EDEADCAP);
  ck_assert_int_eq (cap_derive (&p, VG_RIGHTS_ALL, &d), VG_EDEADCAP);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&q, false, &x)), VG_OK);
  /* Same version, other type: dead too.  */
  struct vg_cap forged = q;
  forged.type = VG_TYPE_CAPPAGE;
  ck_assert_int_eq (cappage_get_cap (&forged, 0, &d), VG_EDEADCAP);
  /* Destroying (type VOID) kills the cap as well.  */
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 3, VG_TYPE_VOID,
                                     os_default_policy, &d)),
      VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&q, false, &x)),
                    VG_EDEADCAP);
  CHECK_OK ();
}
END_TEST

START_TEST (dead_after_folio_reuse)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root);
  struct vg_cap p = mk (&f, 0, VG_TYPE_PAGE);
  struct vg_cap cp = mk (&f, 127, VG_TYPE_CAPPAGE);
  p = mk (&f, 0, VG_TYPE_PAGE); /* Slot 0 now at floor + 2.  */
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_OK);
  struct vg_cap g = os_folio (&root);
  /* pmm hands the same header frame back: same oid, higher versions.  */
  ck_assert_uint_eq (g.oid, f.oid);
  ck_assert_uint_gt (g.version, p.version);
  void *x;
  struct vg_cap out;
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_EDEADCAP);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, false, &x)),
                    VG_EDEADCAP);
  ck_assert_int_eq (cappage_get_cap (&cp, 0, &out), VG_EDEADCAP);
  /* Even once the new folio makes the same types in the same slots.  */
  struct vg_cap p2 = mk (&g, 0, VG_TYPE_PAGE);
  struct vg_cap cp2 = mk (&g, 127, VG_TYPE_CAPPAGE);
  ck_assert_uint_eq (p2.oid, p.oid);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, false, &x)),
                    VG_EDEADCAP);
  ck_assert_int_eq (cappage_get_cap (&cp, 0, &out), VG_EDEADCAP);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p2, false, &x)), VG_OK);
  ck_assert_int_eq (cappage_get_cap (&cp2, 0, &out), VG_OK);
  CHECK_OK ();
}
END_TEST

START_TEST (version_wrap_retires)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root);
  struct folio *fo;
  ck_assert_int_eq (cap_folio (&f, 0, &fo), VG_OK);
  folio_test_set_version (fo, 9, VG_VERSION_MAX - 1);
  struct vg_cap last = mk (&f, 9, VG_TYPE_PAGE);
  ck_assert_uint_eq (last.version, VG_VERSION_MAX);
  struct vg_cap out = { 0 };
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 9, VG_TYPE_PAGE,
                                     os_default_policy, &out)),
      VG_EEXHAUSTED);
  ck_assert_int_eq (out.type, VG_TYPE_VOID);
  void *x;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&last, true, &x)), VG_OK);
  /* Freeing the folio retires its header frame: it will never be a
     folio header again, but serves as object data.  */
  uint32_t hdr = fo->frame;
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_OK);
  ck_assert_uint_eq (frame_retired_idle (), 1);
  ck_assert (frame_get (hdr)->flags & FRAME_RETIRED);
  struct vg_cap g = os_folio (&root);
  ck_assert_uint_ne (g.oid, f.oid);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&last, false, &x)),
                    VG_EDEADCAP);
  struct vg_cap p = mk (&g, 0, VG_TYPE_PAGE);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, true, &x)), VG_OK);
  ck_assert_uint_eq (frame_retired_idle (), 0);
  ck_assert_ptr_eq (x, frame_virt (hdr));
  CHECK_OK ();
  /* And back to the retired list when freed.  */
  ck_assert_int_eq (folio_free_cap (activity_root (), &g), VG_OK);
  ck_assert_uint_eq (frame_retired_idle (), 1);
  CHECK_OK ();
}
END_TEST

/* A folio whose newest version is VG_VERSION_MAX - 1 would leave a floor
   of VG_VERSION_MAX: a later folio there could make no object at all.
   Its header frame is retired instead.  */
START_TEST (version_floor_at_max_retires)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root);
  struct folio *fo;
  ck_assert_int_eq (cap_folio (&f, 0, &fo), VG_OK);
  folio_test_set_version (fo, 3, VG_VERSION_MAX - 2);
  ck_assert_uint_eq (mk (&f, 3, VG_TYPE_PAGE).version, VG_VERSION_MAX - 1);
  uint32_t hdr = fo->frame;
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_OK);
  ck_assert (frame_get (hdr)->flags & FRAME_RETIRED);
  ck_assert_uint_eq (frame_retired_idle (), 1);
  struct vg_cap g = os_folio (&root);
  ck_assert_uint_ne (g.oid, f.oid);
  CHECK_OK ();
}
END_TEST

START_TEST (version_floor_carries)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root);
  struct folio *fo;
  ck_assert_int_eq (cap_folio (&f, 0, &fo), VG_OK);
  uint32_t hdr = fo->frame;
  ck_assert_int_eq (folio_free_cap (activity_root (), &f), VG_OK);
  frame_test_set_floor (hdr, 1000);
  struct vg_cap g = os_folio (&root);
  ck_assert_uint_eq (g.oid, f.oid);
  ck_assert_uint_eq (g.version, 1000);
  ck_assert_uint_eq (mk (&g, 0, VG_TYPE_PAGE).version, 1001);
  ck_assert_int_eq (folio_free_cap (activity_root (), &g), VG_OK);
  ck_assert_uint_eq (frame_get (hdr)->version_floor, 1002);
  CHECK_OK ();
}
END_TEST

START_TEST (rights_only_shrink)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), ro, none, back;
  struct vg_cap p = mk (&f, 0, VG_TYPE_PAGE);
  ck_assert_int_eq (cap_derive (&p, VG_RIGHT_POLICY, &ro), VG_OK);
  ck_assert_uint_eq (ro.rights, VG_RIGHT_POLICY);
  ck_assert_int_eq (cap_derive (&ro, VG_RIGHTS_ALL, &back), VG_OK);
  ck_assert_uint_eq (back.rights, VG_RIGHT_POLICY); /* No regrowth.  */
  ck_assert_int_eq (cap_derive (&ro, 0, &none), VG_OK);
  ck_assert_uint_eq (none.rights, 0);
  ck_assert_int_eq (cap_derive (&p, 0x80, &none), VG_EINVAL);
  void *x;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&ro, true, &x)), VG_EPERM);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&ro, false, &x)), VG_OK);
  /* A read-only folio cap can neither allocate nor free.  */
  struct vg_cap rof, out;
  ck_assert_int_eq (cap_derive (&f, 0, &rof), VG_OK);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &rof, 1, VG_TYPE_PAGE,
                                     os_default_policy, &out)),
      VG_EPERM);
  ck_assert_int_eq (folio_free_cap (activity_root (), &rof), VG_EPERM);
  /* A read-only activity cap cannot allocate folios.  */
  struct vg_cap roa;
  ck_assert_int_eq (cap_derive (&root, VG_RIGHT_POLICY, &roa), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&roa, &out)), VG_EPERM);
  /* Root caps are checked too.  */
  struct vg_cap badroot = root;
  badroot.version = 7;
  ck_assert_int_eq (cap_derive (&badroot, VG_RIGHTS_ALL, &out), VG_EDEADCAP);
  CHECK_OK ();
}
END_TEST

START_TEST (cappage_slots)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), out, ro;
  struct vg_cap cp = mk (&f, 0, VG_TYPE_CAPPAGE);
  struct vg_cap p = mk (&f, 1, VG_TYPE_PAGE);
  ck_assert_int_eq (cappage_get_cap (&cp, 255, &out), VG_OK);
  ck_assert_int_eq (out.type, VG_TYPE_VOID);
  ck_assert_int_eq (cappage_set_cap (&cp, 255, &p), VG_OK);
  ck_assert_int_eq (cappage_get_cap (&cp, 255, &out), VG_OK);
  ck_assert_mem_eq (&out, &p, sizeof p);
  ck_assert_int_eq (cappage_set_cap (&cp, 256, &p), VG_ERANGE);
  ck_assert_int_eq (cappage_get_cap (&cp, 256, &out), VG_ERANGE);
  ck_assert_int_eq (cap_derive (&cp, 0, &ro), VG_OK);
  ck_assert_int_eq (cappage_set_cap (&ro, 0, &p), VG_EPERM);
  ck_assert_int_eq (cappage_get_cap (&ro, 255, &out), VG_OK);
  struct vg_cap v;
  cap_void (&v);
  ck_assert_int_eq (cappage_set_cap (&cp, 255, &v), VG_OK);
  mk (&f, 1, VG_TYPE_PAGE); /* P dies.  */
  ck_assert_int_eq (cappage_set_cap (&cp, 0, &p), VG_EDEADCAP);
  ck_assert_int_eq (cappage_get_cap (&p, 0, &out), VG_ETYPE);
  CHECK_OK ();
}
END_TEST

START_TEST (error_paths_change_nothing)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), out, v;
  cap_void (&v);
  uint64_t free0 = pmm_free_frames ();
  struct vg_object_policy bad1 = { 0, 64 }, bad2 = { 2, 0 }, bad3 = { 0, -65 };
  struct activity *r = activity_root ();
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &f, 128, VG_TYPE_PAGE,
                                                   os_default_policy, &out)),
                    VG_ERANGE);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_COUNT,
                                                   os_default_policy, &out)),
                    VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_FOLIO,
                                                   os_default_policy, &out)),
                    VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_ACTIVITY,
                                                   os_default_policy, &out)),
                    VG_EINVAL);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_PAGE, bad1, &out)),
      VG_EINVAL);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_PAGE, bad2, &out)),
      VG_EINVAL);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (r, &f, 0, VG_TYPE_PAGE, bad3, &out)),
      VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &v, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &out)),
                    VG_EVOID);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &root, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &out)),
                    VG_ETYPE);
  struct vg_cap junk = f;
  junk.type = 99;
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &junk, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &out)),
                    VG_EINVAL);
  junk = f;
  junk.oid = 12345; /* No folio header there.  */
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (r, &junk, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &out)),
                    VG_EDEADCAP);
  junk.oid = ~0ull; /* Beyond every frame.  */
  ck_assert_int_eq (folio_free_cap (r, &junk), VG_EDEADCAP);
  junk = f;
  junk.oid += 1; /* Slot 0's oid with a folio type.  */
  ck_assert_int_eq (folio_free_cap (r, &junk), VG_EDEADCAP);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&v, &out)), VG_EVOID);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&f, &out)), VG_ETYPE);
  void *x;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&f, false, &x)), VG_ETYPE);
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_uint_eq (r->folios_total, 1);
  CHECK_OK ();
}
END_TEST

START_TEST (enomem_changes_nothing)
{
  os_boot (2);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), out;
  /* Lift the root's quota so memory, not storage, runs out.  */
  struct vg_activity_policy nolimit
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 0 };
  ck_assert_int_eq (
      activity_policy_set_cap (&root, VG_ACTIVITY_POLICY_QUOTA, &nolimit),
      VG_OK);
  struct vg_cap p = mk (&f, 0, VG_TYPE_PAGE), f0 = f, held;
  ck_assert_int_eq (RECLAIM_RUN (activity_create_cap (activity_root (), &f, 1,
                                                      &root, &held)),
                    VG_OK);
  /* Use up every frame through folios and pages.  */
  unsigned slot = 2;
  for (;;)
    {
      if (slot == VG_FOLIO_OBJECTS)
        {
          int err = RECLAIM_RUN (folio_alloc_cap (&root, &f));
          if (err)
            {
              ck_assert_int_eq (err, VG_ENOMEM);
              break;
            }
          slot = 0;
        }
      struct vg_cap q = mk (&f, slot++, VG_TYPE_PAGE);
      void *x;
      int err = RECLAIM_RUN (object_page_claim (&q, true, &x));
      if (err)
        {
          ck_assert_int_eq (err, VG_ENOMEM);
          break;
        }
    }
  ck_assert_uint_eq (pmm_free_frames (), 0);
  CHECK_OK ();
  uint64_t charged = activity_charged_frames (activity_root ());
  void *x;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, true, &x)), VG_ENOMEM);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&root, &out)), VG_ENOMEM);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 127,
                                                   VG_TYPE_CAPPAGE,
                                                   os_default_policy, &out)),
                    VG_ENOMEM);
  struct vg_cap a;
  ck_assert_int_eq (
      RECLAIM_RUN (activity_create_cap (activity_root (), &f, 127, &root, &a)),
      VG_ENOMEM);
  /* Replacing an activity fails before the activity is touched.  */
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &f0, 1, VG_TYPE_THREAD,
                                     os_default_policy, &out)),
      VG_ENOMEM);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&held, &st), VG_OK);
  ck_assert_uint_eq (activity_charged_frames (activity_root ()), charged);
  CHECK_OK ();
}
END_TEST

Suite *objstore_suite (void);

Suite *
objstore_suite (void)
{
  Suite *s = suite_create ("objstore");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, folio_alloc_and_free);
  tcase_add_test (tc, page_claim_charges_priority);
  tcase_add_test (tc, dead_after_realloc);
  tcase_add_test (tc, dead_after_folio_reuse);
  tcase_add_test (tc, version_wrap_retires);
  tcase_add_test (tc, version_floor_carries);
  tcase_add_test (tc, version_floor_at_max_retires);
  tcase_add_test (tc, rights_only_shrink);
  tcase_add_test (tc, cappage_slots);
  tcase_add_test (tc, error_paths_change_nothing);
  tcase_add_test (tc, enomem_changes_nothing);
  suite_add_tcase (s, tc);
  return s;
}
