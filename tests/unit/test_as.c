/* Unit tests for address spaces: the radix walk and cap slots (depths,
   every error, stores), and the page-table cache over the real pt.c on
   fake memory (mappings, rights, charging, revocation through the
   reverse map, dropping tables for memory, payer death).  */
#include <check.h>

#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/mm.h>

#include "exec/thread.h"
#include "mm/as.h"
#include "mm/as_rmap.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "fake/fake.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"

/* A tree in one folio: cappages L1..L4 (slots 0..3) on the path to VA,
   and a page (slot 4) at VA.  */
#define VA 0x00000ab123456000ull
#define L3_MASK (~((1ull << 20) - 1))
#define L2_MASK (~((1ull << 28) - 1))

struct tree
{
  struct vg_cap root, folio, cp[4], page;
};

static void
build (struct tree *t, uint64_t va)
{
  struct vg_cap root = os_root_cap ();
  t->folio = os_folio (&root);
  for (unsigned l = 0; l < 4; l++)
    t->cp[l] = os_alloc (&t->folio, l, VG_TYPE_CAPPAGE);
  t->page = os_alloc (&t->folio, 4, VG_TYPE_PAGE);
  t->root = t->cp[0];
  for (unsigned l = 0; l < 3; l++)
    ck_assert_int_eq (
        cappage_set_cap (&t->cp[l], vg_addr_index (va, l + 1), &t->cp[l + 1]),
        VG_OK);
  ck_assert_int_eq (
      cappage_set_cap (&t->cp[3], vg_addr_index (va, 4), &t->page), VG_OK);
}

static uint32_t
page_frame (const struct vg_cap *page)
{
  struct folio *f;
  unsigned i;
  ck_assert_int_eq (cap_object (page, VG_TYPE_PAGE, 0, &f, &i), VG_OK);
  return f->slots[i].frame;
}

START_TEST (slot_depths)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct vg_cap *s;
  for (unsigned d = 1; d <= 4; d++)
    {
      ck_assert_int_eq (
          as_slot (&t.root, VG_ADDR (VA, d) & ~(uint64_t)0, 0, &s),
          d < 4 ? VG_EINVAL : VG_OK);
      /* The prefix for depth D keeps only the VA bits the walk uses.  */
      uint64_t keep = ~((1ull << (44 - 8 * d)) - 1);
      ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA & keep, d), true, &s),
                        VG_OK);
      const struct vg_cap *want = d < 4 ? &t.cp[d] : &t.page;
      ck_assert_uint_eq (s->oid, want->oid);
      ck_assert_uint_eq (s->type, want->type);
    }
  /* Storing through a slot is what cappage_get_cap reads back.  */
  uint64_t other = VA + 0x1000;
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (other, 4), true, &s), VG_OK);
  ck_assert_uint_eq (s->type, VG_TYPE_VOID);
  as_slot_store (s, &t.page);
  struct vg_cap got;
  ck_assert_int_eq (cappage_get_cap (&t.cp[3], vg_addr_index (other, 4), &got),
                    VG_OK);
  ck_assert_uint_eq (got.oid, t.page.oid);
  CHECK_OK ();
}
END_TEST

START_TEST (slot_errors)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct vg_cap *s = NULL;
  /* Malformed addresses.  */
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR_VOID, false, &s), VG_EINVAL);
  ck_assert_int_eq (as_slot (&t.root, VA | 5, false, &s), VG_EINVAL);
  ck_assert_int_eq (as_slot (&t.root, VA | 0x10 | 4, false, &s), VG_EINVAL);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA, 2), false, &s), VG_EINVAL);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (1ull << 44, 4), false, &s),
                    VG_EINVAL);
  /* No root, a void root, a void slot on the path.  */
  ck_assert_int_eq (as_slot (NULL, VG_ADDR (VA, 4), false, &s), VG_EVOID);
  struct vg_cap v;
  cap_void (&v);
  ck_assert_int_eq (as_slot (&v, VG_ADDR (VA, 4), false, &s), VG_EVOID);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (0, 4), false, &s), VG_EVOID);
  /* A non-cappage on the path: the page where a cappage is expected.  */
  ck_assert_int_eq (cappage_set_cap (&t.cp[0], 7, &t.page), VG_OK);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (7ull << 36, 2), false, &s),
                    VG_ETYPE);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (7ull << 36, 1), false, &s),
                    VG_OK);
  /* Read-only cappage cap on the path: reads yes, stores no.  */
  struct vg_cap ro;
  ck_assert_int_eq (cap_derive (&t.cp[2], 0, &ro), VG_OK);
  ck_assert_int_eq (cappage_set_cap (&t.cp[1], vg_addr_index (VA, 2), &ro),
                    VG_OK);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA, 4), false, &s), VG_OK);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA, 4), true, &s), VG_EPERM);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA & L3_MASK, 3), true, &s),
                    VG_EPERM);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA & L2_MASK, 2), true, &s),
                    VG_OK);
  /* A dead cappage on the path (its slot reused).  */
  os_alloc (&t.folio, 2, VG_TYPE_CAPPAGE);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA, 4), false, &s),
                    VG_EDEADCAP);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA & L3_MASK, 3), false, &s),
                    VG_EDEADCAP);
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA & L2_MASK, 2), false, &s),
                    VG_OK);
  CHECK_OK ();
}
END_TEST

START_TEST (fault_maps_and_charges)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct activity *root = activity_root ();
  uint64_t before = activity_frames_local (root);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, root), VG_OK);
  ck_assert_uint_eq (activity_frames_local (root), before + 1);
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&c, &t.root, VA + 123, false, false)), VG_OK);
  paddr_t pa;
  unsigned flags;
  ck_assert (pt_lookup (&c.pt, VA, &pa, &flags));
  ck_assert_uint_eq (flags, PT_USER); /* Read: read-only, NX.  */
  uint32_t frame = page_frame (&t.page);
  ck_assert_uint_eq (pa, frame_paddr (frame));
  ck_assert_uint_eq (as_rmap_count (frame), 1);
  /* 3 tables + root + 2 rmap frames, plus the claimed page itself.  */
  ck_assert_uint_eq (as_cache_frames (&c), 6);
  ck_assert_uint_eq (activity_frames_local (root), before + 6 + 1);
  CHECK_OK ();
  /* Write, then exec: permissions grow.  */
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, true, false)),
                    VG_OK);
  ck_assert (pt_lookup (&c.pt, VA, NULL, &flags));
  ck_assert_uint_eq (flags, PT_USER | PT_WRITE);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, true)),
                    VG_OK);
  ck_assert (pt_lookup (&c.pt, VA, NULL, &flags));
  ck_assert_uint_eq (flags, PT_USER | PT_WRITE | PT_EXEC);
  ck_assert_uint_eq (as_rmap_count (frame), 1);
  /* Other errors.  */
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&c, &t.root, VA + 0x1000, false, false)),
      VG_EVOID);
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&c, &t.root, 1ull << 44, false, false)),
      VG_EINVAL);
  ck_assert_int_eq (
      cappage_set_cap (&t.cp[3], vg_addr_index (VA, 4) + 1, &t.cp[0]), VG_OK);
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&c, &t.root, VA + 0x1000, false, false)),
      VG_ETYPE);
  as_cache_flush (&c);
  ck_assert_uint_eq (as_cache_frames (&c), 1);
  ck_assert (!pt_lookup (&c.pt, VA, NULL, NULL));
  ck_assert_uint_eq (as_rmap_count (frame), 0);
  as_cache_fini (&c);
  as_cache_fini (&c);
  ck_assert_uint_eq (activity_frames_local (root), before + 1);
  CHECK_OK ();
}
END_TEST

START_TEST (read_only_caps)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, activity_root ()), VG_OK);
  struct vg_cap ro;
  unsigned flags;
  /* A read-only page cap.  */
  ck_assert_int_eq (cap_derive (&t.page, 0, &ro), VG_OK);
  ck_assert_int_eq (cappage_set_cap (&t.cp[3], vg_addr_index (VA, 4), &ro),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, true, false)),
                    VG_EPERM);
  ck_assert (!pt_lookup (&c.pt, VA, NULL, NULL));
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, false)),
                    VG_OK);
  ck_assert (pt_lookup (&c.pt, VA, NULL, &flags));
  ck_assert_uint_eq (flags & PT_WRITE, 0);
  /* A writable page under a read-only cappage is read-only too.  */
  ck_assert_int_eq (cappage_set_cap (&t.cp[3], vg_addr_index (VA, 4), &t.page),
                    VG_OK);
  ck_assert (!pt_lookup (&c.pt, VA, NULL, NULL)); /* Shot down.  */
  ck_assert_int_eq (cap_derive (&t.cp[1], 0, &ro), VG_OK);
  ck_assert_int_eq (cappage_set_cap (&t.cp[0], vg_addr_index (VA, 1), &ro),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, true, false)),
                    VG_EPERM);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, false)),
                    VG_OK);
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

START_TEST (revocation)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct as_cache a, b;
  ck_assert_int_eq (as_cache_init (&a, activity_root ()), VG_OK);
  ck_assert_int_eq (as_cache_init (&b, activity_root ()), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&a, &t.root, VA, true, false)),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&b, &t.root, VA, false, false)),
                    VG_OK);
  uint32_t frame = page_frame (&t.page);
  ck_assert_uint_eq (as_rmap_count (frame), 2);
  /* Replacing the page (version bump) unmaps it from both caches.  */
  os_alloc (&t.folio, 4, VG_TYPE_PAGE);
  ck_assert (!pt_lookup (&a.pt, VA, NULL, NULL));
  ck_assert (!pt_lookup (&b.pt, VA, NULL, NULL));
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&a, &t.root, VA, false, false)),
                    VG_EDEADCAP);
  /* Overwriting the slot unmaps what the old cap mapped.  */
  struct vg_cap p2 = os_alloc (&t.folio, 5, VG_TYPE_PAGE);
  struct vg_cap *s;
  ck_assert_int_eq (as_slot (&t.root, VG_ADDR (VA, 4), true, &s), VG_OK);
  as_slot_store (s, &p2);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&a, &t.root, VA, false, false)),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&b, &t.root, VA, false, false)),
                    VG_OK);
  ck_assert_uint_eq (as_rmap_count (page_frame (&p2)), 2);
  struct vg_cap v;
  cap_void (&v);
  as_slot_store (s, &v);
  ck_assert (!pt_lookup (&a.pt, VA, NULL, NULL));
  ck_assert (!pt_lookup (&b.pt, VA, NULL, NULL));
  ck_assert_uint_eq (as_rmap_count (page_frame (&p2)), 0);
  /* Destroying a cappage on the path flushes every cache.  */
  as_slot_store (s, &p2);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&a, &t.root, VA, false, false)),
                    VG_OK);
  os_alloc (&t.folio, 2, VG_TYPE_VOID);
  ck_assert (!pt_lookup (&a.pt, VA, NULL, NULL));
  ck_assert_uint_eq (as_cache_frames (&a), 1);
  as_cache_fini (&a);
  as_cache_fini (&b);
  CHECK_OK ();
}
END_TEST

START_TEST (folio_free_unmaps)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct vg_cap root = os_root_cap (), f2 = os_folio (&root);
  struct vg_cap p = os_alloc (&f2, 0, VG_TYPE_PAGE);
  ck_assert_int_eq (cappage_set_cap (&t.cp[3], vg_addr_index (VA, 4), &p),
                    VG_OK);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, activity_root ()), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, true, false)),
                    VG_OK);
  ck_assert (pt_lookup (&c.pt, VA, NULL, NULL));
  ck_assert_int_eq (folio_free_cap (activity_root (), &f2), VG_OK);
  ck_assert (!pt_lookup (&c.pt, VA, NULL, NULL));
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, false)),
                    VG_EDEADCAP);
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Take every free frame for HOG (pages in its own folios).  */
static void
exhaust (const struct vg_cap *hog)
{
  /* Lift the root's quota (derived from memory at boot) so that memory,
     not quota, runs out.  */
  struct vg_activity_policy pol
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 0 };
  struct vg_cap root = os_root_cap ();
  ck_assert_int_eq (
      activity_policy_set_cap (&root, VG_ACTIVITY_POLICY_QUOTA, &pol), VG_OK);
  for (;;)
    {
      struct vg_cap f;
      if (RECLAIM_RUN (folio_alloc_cap (hog, &f)) != VG_OK)
        return;
      for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
        {
          struct vg_cap p;
          void *d;
          ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (
                                activity_root (), &f, s, VG_TYPE_PAGE,
                                os_default_policy, &p)),
                            VG_OK);
          if (RECLAIM_RUN (object_page_claim (&p, true, &d)) != VG_OK)
            return;
        }
    }
}

START_TEST (out_of_memory_drops_own_tables)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap payer_cap = os_child (&rf, 0, &root);
  struct vg_cap hog = os_child (&rf, 1, &root);
  struct activity *payer, *hoga;
  ck_assert_int_eq (activity_from_cap (&payer_cap, 0, &payer), VG_OK);
  ck_assert_int_eq (activity_from_cap (&hog, 0, &hoga), VG_OK);
  /* Two pages in distant regions, both claimed already.  */
  struct tree t;
  build (&t, VA);
  uint64_t far = 0x0000012000000000ull;
  struct vg_cap cp[3], p;
  struct vg_cap f = os_folio (&root);
  for (unsigned l = 0; l < 3; l++)
    cp[l] = os_alloc (&f, l, VG_TYPE_CAPPAGE);
  p = os_alloc (&f, 3, VG_TYPE_PAGE);
  ck_assert_int_eq (cappage_set_cap (&t.root, vg_addr_index (far, 1), &cp[0]),
                    VG_OK);
  for (unsigned l = 0; l < 2; l++)
    ck_assert_int_eq (
        cappage_set_cap (&cp[l], vg_addr_index (far, l + 2), &cp[l + 1]),
        VG_OK);
  ck_assert_int_eq (cappage_set_cap (&cp[2], vg_addr_index (far, 4), &p),
                    VG_OK);
  void *d;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&p, false, &d)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&t.page, false, &d)),
                    VG_OK);

  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, payer), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, false)),
                    VG_OK);
  ck_assert_uint_eq (activity_frames_local (payer), 6);
  /* The cache's own fallback, with the reclaimer (which would take the
     payer's tables for the hog, test_reclaim.c) out of the way.  */
  reclaim_test_pool (false);
  exhaust (&hog);
  ck_assert_uint_eq (pmm_free_frames (), 0);
  uint64_t hog_frames = activity_charged_frames (hoga);
  uint64_t pool = frame_kernel_pool ();
  /* The far page needs 3 tables and an rmap pair: the cache drops its
     own (5 frames) and retries.  */
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, far, false, false)),
                    VG_OK);
  ck_assert_uint_eq (c.drops, 1);
  ck_assert (!pt_lookup (&c.pt, VA, NULL, NULL));
  ck_assert (pt_lookup (&c.pt, far, NULL, NULL));
  ck_assert_uint_eq (activity_frames_local (payer), 6);
  /* Same again the other way.  */
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, false)),
                    VG_OK);
  ck_assert_uint_eq (c.drops, 2);
  /* With nothing left to drop: VG_ENOMEM, nobody else touched.  */
  as_cache_flush (&c);
  exhaust (&hog);
  hog_frames = activity_charged_frames (hoga);
  ck_assert_uint_eq (pmm_free_frames (), 0);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, far, false, false)),
                    VG_ENOMEM);
  ck_assert_uint_eq (c.refusals, 1);
  ck_assert_uint_eq (activity_charged_frames (hoga), hog_frames);
  ck_assert_uint_eq (frame_kernel_pool (), pool);
  ck_assert_uint_eq (activity_frames_local (payer), 1);
  CHECK_OK ();
  as_cache_fini (&c);
  ck_assert_uint_eq (activity_frames_local (payer), 0);
  CHECK_OK ();
}
END_TEST

START_TEST (payer_destroyed)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap payer_cap = os_child (&rf, 0, &root);
  struct activity *payer;
  ck_assert_int_eq (activity_from_cap (&payer_cap, 0, &payer), VG_OK);
  struct tree t;
  build (&t, VA);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, payer), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, true, false)),
                    VG_OK);
  uint64_t root_total = activity_frames_total (activity_root ());
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &payer_cap),
                    VG_OK);
  ck_assert_uint_eq (activity_frames_total (activity_root ()),
                     root_total - 6 - 1 /* the activity's own frame */);
  ck_assert_uint_eq (as_cache_frames (&c), 0);
  ck_assert_uint_eq (as_rmap_count (page_frame (&t.page)), 0);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&c, &t.root, VA, false, false)),
                    VG_ENOMEM);
  CHECK_OK ();
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* A thread's own cache (struct thread's AS) is finalised when the
   thread object dies (thread_destroy).  */
START_TEST (thread_object_destroyed)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct vg_cap th = os_alloc (&t.folio, 10, VG_TYPE_THREAD);
  struct folio *f;
  unsigned i;
  ck_assert_int_eq (cap_object (&th, VG_TYPE_THREAD, 0, &f, &i), VG_OK);
  struct thread *thr = object_slot_data (f, i);
  struct as_cache *c = &thr->as;
  uint64_t before = activity_frames_local (activity_root ());
  ck_assert_int_eq (as_cache_init (c, activity_root ()), VG_OK);
  thr->as_live = 1;
  ck_assert_int_eq (RECLAIM_RUN (as_fault (c, &t.root, VA, false, false)),
                    VG_OK);
  os_alloc (&t.folio, 10, VG_TYPE_VOID);
  /* The cache's 6 frames and the thread's 2 (object and kernel stack)
     went; the page came.  */
  ck_assert_uint_eq (activity_frames_local (activity_root ()), before - 1);
  ck_assert_uint_eq (as_rmap_count (page_frame (&t.page)), 0);
  CHECK_OK ();
}
END_TEST

/* The kernel's user-copy fault path maps through the current cache
   only.  */
START_TEST (kernel_fault_hook)
{
  os_boot (16);
  struct tree t;
  build (&t, VA);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, activity_root ()), VG_OK);
  ck_assert_int_ne (as_kernel_user_fault (VA, false), VG_OK);
  as_set_current (&c, &t.root);
  /* Not loaded in CR3: declined (a retry could never succeed).  */
  ck_assert_int_ne (as_kernel_user_fault (VA, false), VG_OK);
  as_cache_activate (&c);
  ck_assert_uint_eq (fake_cr3, c.pt.root);
  ck_assert_int_eq (as_kernel_user_fault (VA + 8, false), VG_OK);
  ck_assert (pt_lookup (&c.pt, VA, NULL, NULL));
  ck_assert_int_eq (as_kernel_user_fault (VA + 8, true), VG_OK);
  ck_assert_int_ne (as_kernel_user_fault (VA + 0x1000, false), VG_OK);
  as_cache_fini (&c);
  ck_assert_int_ne (as_kernel_user_fault (VA, false), VG_OK);
  CHECK_OK ();
}
END_TEST

Suite *as_suite (void);

Suite *
as_suite (void)
{
  Suite *s = suite_create ("as");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, slot_depths);
  tcase_add_test (tc, slot_errors);
  tcase_add_test (tc, fault_maps_and_charges);
  tcase_add_test (tc, read_only_caps);
  tcase_add_test (tc, revocation);
  tcase_add_test (tc, folio_free_unmaps);
  tcase_add_test (tc, out_of_memory_drops_own_tables);
  tcase_add_test (tc, payer_destroyed);
  tcase_add_test (tc, thread_object_destroyed);
  tcase_add_test (tc, kernel_fault_hook);
  suite_add_tcase (s, tc);
  return s;
}
