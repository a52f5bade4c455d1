/* Unit tests for frame accounting and reclamation: frame limits (the
   aliasing scenario of issue 11, hierarchy, kernel objects refused with
   VG_EFRAMES), read-only activity caps that must make nobody pay, and
   the list invariant checked by os_check after every step.  */
#include <check.h>

#include <arch/layout.h>

#include "fake/fake.h"
#include "mm/as.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"

#define CHECK_OK() ck_assert_msg (os_check () == NULL, "%s", os_check ())
#define TWO_MIB (2ull << 20)

static struct vg_cap
alloc (const struct vg_cap *folio, unsigned slot, uint8_t type)
{
  struct vg_cap c;
  ck_assert_int_eq (object_alloc_cap (activity_root (), folio, slot, type,
                                      os_default_policy, &c),
                    VG_OK);
  return c;
}

static void
set_policy (const struct vg_cap *a, unsigned which, uint64_t folios,
            uint64_t frames)
{
  struct vg_activity_policy p = { .sibling = { 0, 1 },
                                  .child = { 0, 1 },
                                  .folio_quota = folios,
                                  .frame_limit = frames };
  ck_assert_int_eq (activity_policy_set_cap (a, which, &p), VG_OK);
}

static struct activity *
act (const struct vg_cap *c)
{
  struct activity *a;
  ck_assert_int_eq (activity_from_cap (c, 0, &a), VG_OK);
  return a;
}

/* The scenario: in ONE folio, a root cappage and three cappages that
   alias (every slot of a level names the same next-level cappage, the
   last level names one page), and a thread.  One byte read every 2 MiB
   needs a new leaf table and reverse-map page each time.  */
struct alias
{
  struct vg_cap folio, cp[4], page, thread;
};

static void
alias_build (struct alias *t, const struct vg_cap *activity)
{
  t->folio = os_folio (activity);
  for (unsigned l = 0; l < 4; l++)
    t->cp[l] = alloc (&t->folio, l, VG_TYPE_CAPPAGE);
  t->page = alloc (&t->folio, 4, VG_TYPE_PAGE);
  t->thread = alloc (&t->folio, 5, VG_TYPE_THREAD);
  for (unsigned l = 0; l < 4; l++)
    for (unsigned i = 0; i < VG_CAPPAGE_SLOTS; i++)
      ck_assert_int_eq (
          cappage_set_cap (&t->cp[l], i, l < 3 ? &t->cp[l + 1] : &t->page),
          VG_OK);
}

/* Run the aliasing scenario for N steps on a cache paid by A; return
   the most frames A's subtree held at once.  */
static uint64_t
alias_run (struct as_cache *c, const struct alias *t, struct activity *a,
           unsigned n)
{
  uint64_t most = 0;
  for (unsigned k = 0; k < n; k++)
    {
      uint64_t va = (uint64_t)k * TWO_MIB;
      int err = as_fault (c, &t->cp[0], va, false, false);
      ck_assert_msg (err == VG_OK, "step %u: error %d", k, err);
      if (a->frames_sum_total > most)
        most = a->frames_sum_total;
      if (k % 512 == 0)
        CHECK_OK ();
    }
  return most;
}

/* Starred test: quota of one folio, frame limit 40: 3000 regions (6 GiB
   of address space) run to completion within the limit, the page tables
   recycled, and a sibling still allocates.  */
START_TEST (aliasing_within_frame_limit)
{
  os_boot (32);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct vg_cap sib = os_child (&rf, 1, &root);
  set_policy (&ac, VG_ACTIVITY_POLICY_QUOTA | VG_ACTIVITY_POLICY_FRAMES, 1,
              40);
  struct activity *a = act (&ac);
  struct alias t;
  alias_build (&t, &ac);
  struct vg_cap f2;
  ck_assert_int_eq (folio_alloc_cap (&ac, &f2), VG_EQUOTA);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  uint64_t most = alias_run (&c, &t, a, 3000);
  ck_assert_uint_le (most, 40);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&ac, &st), VG_OK);
  /* Every step built a leaf table and an rmap page; most were dropped
     again, coldest first.  */
  ck_assert_uint_ge (st.cache_built, 2 * 3000);
  ck_assert_uint_ge (st.cache_dropped, st.cache_built - 40);
  ck_assert_uint_eq (st.frames_cache, as_cache_frames (&c));
  ck_assert_uint_eq (st.frames_kernel, 4 + 2); /* Cappages, thread.  */
  ck_assert_uint_eq (st.frames_data, 1);
  ck_assert_uint_le (st.frames_total, 40);
  ck_assert_uint_gt (st.limit_hits, 0);
  /* The most recent regions are still mapped, the oldest are not.  */
  ck_assert (pt_lookup (&c.pt, 2999 * TWO_MIB, NULL, NULL));
  ck_assert (!pt_lookup (&c.pt, 0, NULL, NULL));
  /* A sibling is unaffected.  */
  struct vg_cap sf = os_folio (&sib), sp;
  void *d;
  for (unsigned s = 0; s < 64; s++)
    {
      sp = alloc (&sf, s, VG_TYPE_PAGE);
      ck_assert_int_eq (object_page_claim (&sp, true, &d), VG_OK);
    }
  CHECK_OK ();
  as_cache_fini (&c);
  ck_assert_uint_eq (a->frames_kind[ACTIVITY_CACHE], 0);
  CHECK_OK ();
}
END_TEST

/* The same with the limit in the parent: it holds hierarchically.  */
START_TEST (aliasing_parent_limit)
{
  os_boot (32);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap pc = os_child (&rf, 0, &root);
  set_policy (&pc, VG_ACTIVITY_POLICY_FRAMES, 0, 24);
  struct vg_cap pf = os_folio (&pc);
  struct vg_cap ac = os_child (&pf, 0, &pc);
  struct activity *p = act (&pc), *a = act (&ac);
  struct alias t;
  alias_build (&t, &ac);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  uint64_t before = p->frames_sum_total;
  ck_assert_uint_le (before, 24);
  alias_run (&c, &t, a, 1500);
  ck_assert_uint_le (p->frames_sum_total, 24);
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Kernel objects beyond the frame limit are refused with VG_EFRAMES and
   nothing changes; data pages too once the activity has nothing of its
   own to give back; raising the limit lets them through.  */
START_TEST (kernel_objects_refused_at_limit)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = act (&ac);
  set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 3);
  struct vg_cap f = os_folio (&ac), c1, c2, out;
  c1 = alloc (&f, 0, VG_TYPE_CAPPAGE);
  c2 = alloc (&f, 1, VG_TYPE_CAPPAGE);
  ck_assert_uint_eq (a->frames_sum_total, 2);
  /* A thread needs two frames (object and kernel stack).  */
  uint64_t free_before = pmm_free_frames ();
  ck_assert_int_eq (object_alloc_cap (activity_root (), &f, 2, VG_TYPE_THREAD,
                                      os_default_policy, &out),
                    VG_EFRAMES);
  ck_assert_uint_eq (pmm_free_frames (), free_before);
  ck_assert_int_eq (f.type, VG_TYPE_FOLIO);
  struct folio *fo;
  unsigned idx;
  ck_assert_int_eq (cap_lookup (&f, VG_TYPE_FOLIO, 0, &fo, &idx), VG_OK);
  ck_assert_int_eq (fo->slots[2].type, VG_TYPE_VOID);
  /* A messenger fits (one frame), then nothing does.  */
  ck_assert_int_eq (object_alloc_cap (activity_root (), &f, 2,
                                      VG_TYPE_MESSENGER, os_default_policy,
                                      &out),
                    VG_OK);
  ck_assert_int_eq (object_alloc_cap (activity_root (), &f, 3, VG_TYPE_CAPPAGE,
                                      os_default_policy, &out),
                    VG_EFRAMES);
  struct vg_cap pg = alloc (&f, 4, VG_TYPE_PAGE);
  void *d;
  ck_assert_int_eq (object_page_claim (&pg, true, &d), VG_EFRAMES);
  ck_assert_uint_eq (a->frames_sum_total, 3);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&ac, &st), VG_OK);
  ck_assert_uint_eq (st.limit_hits, 3);
  ck_assert_uint_eq (st.frames_kernel, 3);
  /* Activity creation is charged the same way.  */
  ck_assert_int_eq (activity_create_cap (activity_root (), &f, 5, &ac, &out),
                    VG_EFRAMES);
  set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 6);
  ck_assert_int_eq (object_page_claim (&pg, true, &d), VG_OK);
  ck_assert_int_eq (object_alloc_cap (activity_root (), &f, 3, VG_TYPE_THREAD,
                                      os_default_policy, &out),
                    VG_OK);
  ck_assert_uint_eq (a->frames_sum_total, 6);
  (void)c1;
  (void)c2;
  CHECK_OK ();
}
END_TEST

/* At its limit, an activity's data page is taken from its own page
   tables before the claim is refused.  */
START_TEST (data_page_drops_own_tables)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = act (&ac);
  struct alias t;
  alias_build (&t, &ac);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  alias_run (&c, &t, a, 8);
  uint64_t held = a->frames_sum_total;
  ck_assert_uint_eq (held, 6 + 1 + 1 + 8 * 2 + 2); /* + PDPT, PD.  */
  set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, held);
  struct vg_cap pg = alloc (&t.folio, 6, VG_TYPE_PAGE);
  void *d;
  ck_assert_int_eq (object_page_claim (&pg, true, &d), VG_OK);
  ck_assert_uint_le (a->frames_sum_total, held);
  ck_assert_uint_eq (a->stats.cache_dropped, 2);
  ck_assert (!pt_lookup (&c.pt, 0, NULL, NULL)); /* The coldest.  */
  ck_assert (pt_lookup (&c.pt, 7 * TWO_MIB, NULL, NULL));
  CHECK_OK ();
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Read-only activity caps make nobody pay: no folio, no child, no
   policy change.  (thread_exregs SET_ACTIVITY is checked in QEMU by the
   root_syscalls test.)  */
START_TEST (read_only_activity_pays_nothing)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root), ro, out;
  cap_derive (&ac, 0, &ro);
  struct activity *a = act (&ac);
  ck_assert_int_eq (folio_alloc_cap (&ro, &out), VG_EPERM);
  ck_assert_int_eq (activity_create_cap (activity_root (), &rf, 1, &ro, &out),
                    VG_EPERM);
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .frame_limit = 1 };
  ck_assert_int_eq (
      activity_policy_set_cap (&ro, VG_ACTIVITY_POLICY_FRAMES, &p), VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&ro, VG_ACTIVITY_POLICY_CPU_CHILD, &p),
      VG_EPERM);
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &ro), VG_EPERM);
  ck_assert_uint_eq (activity_charged_frames (a), 0);
  /* A weak cap (write, no policy) may not change limits either.  */
  struct vg_cap weak;
  cap_derive (&ac, VG_RIGHT_WRITE, &weak);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_FRAMES, &p),
      VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_CPU_CHILD, &p),
      VG_OK);
  CHECK_OK ();
}
END_TEST

Suite *reclaim_suite (void);

Suite *
reclaim_suite (void)
{
  Suite *s = suite_create ("reclaim");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, aliasing_within_frame_limit);
  tcase_add_test (tc, aliasing_parent_limit);
  tcase_add_test (tc, kernel_objects_refused_at_limit);
  tcase_add_test (tc, data_page_drops_own_tables);
  tcase_add_test (tc, read_only_activity_pays_nothing);
  suite_add_tcase (s, tc);
  return s;
}
