/* Unit tests for activities: quotas, policy, teardown, accounting.  */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>

#include "mm/reclaim.h"
#include "obj/cap.h"
#include "fake/fake.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "obj/reap.h"
#include "objstore_fixture.h"
#include "mm/pmm.h"

static struct activity *
act (const struct vg_cap *c)
{
  struct activity *a;
  ck_assert_int_eq (activity_from_cap (c, 0, &a), VG_OK);
  return a;
}

static void
set_quota (const struct vg_cap *c, uint64_t q)
{
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = q };
  ck_assert_int_eq (activity_policy_set_cap (c, VG_ACTIVITY_POLICY_QUOTA, &p),
                    VG_OK);
}

START_TEST (quota_three_levels)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root), out;
  struct vg_cap a = os_child (&rf, 0, &root);
  struct vg_cap b = os_child (&rf, 1, &a);
  struct vg_cap c = os_child (&rf, 2, &b);
  set_quota (&a, 3);
  set_quota (&b, 5);
  /* A's quota (3) binds C.  */
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&c, &out)), VG_OK);
  uint64_t free0 = pmm_free_frames ();
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&c, &out)), VG_EQUOTA);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&b, &out)), VG_EQUOTA);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&a, &out)), VG_EQUOTA);
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_uint_eq (act (&a)->folios_total, 3);
  ck_assert_uint_eq (act (&c)->folios_local, 3);
  /* Lift A's: now B's (5) binds.  */
  set_quota (&a, 0);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&c, &out)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&b, &out)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&c, &out)), VG_EQUOTA);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&a, &out)),
                    VG_OK); /* A itself: free.  */
  /* A sibling of B is not limited by B.  */
  struct vg_cap s = os_child (&rf, 3, &a), sf = os_folio (&s);
  (void)sf;
  /* A quota below the use blocks growth but takes nothing away.  */
  set_quota (&a, 2);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&s, &out)), VG_EQUOTA);
  ck_assert_uint_eq (act (&a)->folios_total, 7);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&a, &st), VG_OK);
  ck_assert_uint_eq (st.folios_total, 7);
  ck_assert_uint_eq (st.folios_local, 1);
  ck_assert_uint_eq (st.folio_quota, 2);
  CHECK_OK ();
}
END_TEST

START_TEST (root_quota_is_memory)
{
  os_boot (4);
  struct vg_cap root = os_root_cap (), out;
  uint64_t q = activity_root ()->policy.folio_quota;
  ck_assert_uint_eq (q, pmm_free_frames () / 129);
  for (uint64_t i = 0; i < q; i++)
    ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&root, &out)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&root, &out)), VG_EQUOTA);
  CHECK_OK ();
}
END_TEST

START_TEST (policy_and_weak_caps)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), weak, ro;
  struct vg_cap a = os_child (&f, 0, &root);
  struct vg_activity_policy p
      = { .sibling = { -5, 3 }, .child = { 7, 9 }, .folio_quota = 11 },
      got;
  ck_assert_int_eq (activity_policy_get_cap (&a, &got), VG_OK);
  ck_assert_int_eq (got.sibling.weight, 1);
  ck_assert_int_eq (got.folio_quota, 0);
  ck_assert_int_eq (cap_derive (&a, VG_RIGHT_WRITE, &weak), VG_OK);
  ck_assert_int_eq (cap_derive (&a, 0, &ro), VG_OK);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_SIBLING, &p),
      VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_QUOTA, &p), VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&ro, VG_ACTIVITY_POLICY_CHILD, &p), VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_CHILD, &p), VG_OK);
  ck_assert_int_eq (activity_policy_get_cap (&ro, &got), VG_OK);
  ck_assert_int_eq (got.child.priority, 7);
  ck_assert_int_eq (got.sibling.priority, 0); /* Unchanged.  */
  ck_assert_int_eq (activity_policy_set_cap (&a, VG_ACTIVITY_POLICY_ALL, &p),
                    VG_OK);
  ck_assert_int_eq (activity_policy_get_cap (&a, &got), VG_OK);
  ck_assert_mem_eq (&got, &p, sizeof p);
  /* Bad values and flags change nothing.  */
  struct vg_activity_policy bad = p;
  bad.sibling.weight = 0;
  ck_assert_int_eq (activity_policy_set_cap (&a, VG_ACTIVITY_POLICY_ALL, &bad),
                    VG_EINVAL);
  bad = p;
  bad.child.priority = 64;
  ck_assert_int_eq (activity_policy_set_cap (&a, VG_ACTIVITY_POLICY_ALL, &bad),
                    VG_EINVAL);
  bad.child.priority = -65;
  ck_assert_int_eq (
      activity_policy_set_cap (&a, VG_ACTIVITY_POLICY_CHILD, &bad), VG_EINVAL);
  ck_assert_int_eq (activity_policy_set_cap (&a, 0, &p), VG_EINVAL);
  ck_assert_int_eq (activity_policy_set_cap (&a, 0x80, &p), VG_EINVAL);
  ck_assert_int_eq (activity_policy_get_cap (&a, &got), VG_OK);
  ck_assert_mem_eq (&got, &p, sizeof p);
  /* Wrong caps.  */
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&f, &st), VG_ETYPE);
  ck_assert_int_eq (activity_policy_get_cap (&f, &got), VG_ETYPE);
  struct vg_cap v;
  cap_void (&v);
  ck_assert_int_eq (activity_stats_cap (&v, &st), VG_EVOID);
  CHECK_OK ();
}
END_TEST

/* Boot, then make A (root's child, in a folio of root), B (A's child,
   in A's folio) and C (root's child, but living in A's folio: A's death
   takes it).  The free frames before A.  */
static uint64_t
three (struct vg_cap *a, struct vg_cap *b, struct vg_cap *c)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  uint64_t free0 = pmm_free_frames ();
  *a = os_child (&rf, 0, &root);
  struct vg_cap af = os_folio (a);
  *b = os_child (&af, 0, a);
  *c = os_child (&af, 1, &root);
  return free0;
}

START_TEST (destroy_returns_everything)
{
  struct vg_cap a, b, c, out;
  uint64_t free0 = three (&a, &b, &c);
  struct vg_cap cf = os_folio (&c);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &cf, 0, VG_TYPE_THREAD,
                                     os_default_policy, &out)),
      VG_OK);
  struct vg_cap bf = os_folio (&b), pg;
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &bf, 0, VG_TYPE_PAGE,
                                     os_default_policy, &pg)),
      VG_OK);
  void *x;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &x)), VG_OK);
  CHECK_OK ();
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &a), VG_OK);
  CHECK_OK ();
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_ptr_null (activity_root ()->first_child);
  ck_assert_int_eq (activity_stats_cap (&a, (void *)&out), VG_EDEADCAP);
  ck_assert_int_eq (activity_stats_cap (&b, (void *)&out), VG_EDEADCAP);
  ck_assert_int_eq (activity_stats_cap (&c, (void *)&out), VG_EDEADCAP);
  ck_assert_int_eq (folio_free_cap (activity_root (), &cf), VG_EDEADCAP);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &x)),
                    VG_EDEADCAP);
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &a), VG_EDEADCAP);
}
END_TEST

/* With a user thread making the call, the commit is the visible effect
   and the frames come back through the reap queue, a bounded chunk at a
   time (obj/reap.h).  */
START_TEST (destroy_chunked)
{
  struct vg_cap a, b, c, out;
  uint64_t free0 = three (&a, &b, &c);
  struct vg_cap cf = os_folio (&c), bf = os_folio (&b), pg;
  for (unsigned s = 0; s < 4; s++)
    ck_assert_int_eq (object_alloc_cap (activity_root (), &cf, s,
                                        VG_TYPE_THREAD, os_default_policy,
                                        &out),
                      VG_OK);
  void *x;
  for (unsigned s = 0; s < 100; s++)
    {
      ck_assert_int_eq (object_alloc_cap (activity_root (), &bf, s,
                                          VG_TYPE_PAGE, os_default_policy,
                                          &pg),
                        VG_OK);
      ck_assert_int_eq (object_page_claim (&pg, true, &x), VG_OK);
    }
  CHECK_OK ();
  uint64_t charged = activity_root ()->frames_sum_total;
  static uint64_t caller[64];
  sched_running = (struct thread *)caller;
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &a), VG_OK);
  sched_running = NULL;
  uint32_t batch = reap_entry_take ();
  ck_assert_uint_ne (batch, 0);
  /* Committed: every cap dead, the live tree's counters final.  */
  ck_assert_int_eq (activity_stats_cap (&a, (void *)&out), VG_EDEADCAP);
  ck_assert_int_eq (activity_stats_cap (&c, (void *)&out), VG_EDEADCAP);
  ck_assert_int_eq (object_page_claim (&pg, true, &x), VG_EDEADCAP);
  ck_assert_int_eq (folio_free_cap (activity_root (), &bf), VG_EDEADCAP);
  ck_assert_ptr_null (activity_root ()->first_child);
  ck_assert_uint_eq (activity_root ()->folios_total, 1);
  ck_assert (activity_root ()->frames_sum_total < charged);
  /* Released in chunks: the frames come back bit by bit.  */
  ck_assert (!reap_batch_done (batch));
  uint64_t free_before = pmm_free_frames ();
  ck_assert (free_before < free0);
  unsigned chunks = 0;
  while (!reap_idle ())
    {
      unsigned budget = 16;
      reap_step (&budget);
      ck_assert_uint_ge (pmm_free_frames (), free_before);
      free_before = pmm_free_frames ();
      chunks++;
    }
  ck_assert (reap_batch_done (batch));
  ck_assert_uint_gt (chunks, 10);
  ck_assert_uint_eq (pmm_free_frames (), free0);
  CHECK_OK ();
}
END_TEST

START_TEST (folio_free_takes_subtrees)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  uint64_t free0 = pmm_free_frames ();
  struct vg_cap hold = os_folio (&root);
  struct vg_cap a = os_child (&hold, 5, &root);
  struct vg_cap b = os_child (&rf, 0, &a); /* Lives in a surviving folio. */
  os_folio (&b);
  CHECK_OK ();
  ck_assert_int_eq (folio_free_cap (activity_root (), &hold), VG_OK);
  CHECK_OK ();
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_uint_eq (rf.type, VG_TYPE_FOLIO);
  ck_assert_int_eq (activity_root ()->folios_total, 1);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&b, &st), VG_EDEADCAP);
}
END_TEST

START_TEST (busy_changes_nothing)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root), out;
  struct vg_cap a = os_child (&rf, 0, &root);
  struct vg_cap b = os_child (&rf, 1, &a);
  struct vg_cap af = os_folio (&a);
  struct vg_cap c = os_child (&af, 0, &root); /* Lives in A's folio.  */
  struct activity *cb = act (&b), *cc = act (&c);
  uint64_t free0 = pmm_free_frames ();
  ck_assert_int_eq (activity_destroy_cap (cb, &b), VG_EBUSY);
  ck_assert_int_eq (activity_destroy_cap (cb, &a), VG_EBUSY);
  ck_assert_int_eq (activity_destroy_cap (cc, &a), VG_EBUSY);
  ck_assert_int_eq (activity_destroy_cap (cb, &root), VG_EBUSY);
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &root), VG_EBUSY);
  ck_assert_int_eq (folio_free_cap (cb, &rf), VG_EBUSY);
  ck_assert_int_eq (folio_free_cap (cc, &af), VG_EBUSY);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (cb, &rf, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &out)),
                    VG_EBUSY);
  /* A new activity in A's slot whose parent is B (A's child).  */
  ck_assert_int_eq (
      RECLAIM_RUN (activity_create_cap (activity_root (), &rf, 0, &b, &out)),
      VG_EBUSY);
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_uint_eq (cb->doomed + cc->doomed, 0);
  CHECK_OK ();
  /* An unrelated caller may.  */
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (activity_root (), &rf, 0,
                                                   VG_TYPE_MESSENGER,
                                                   os_default_policy, &out)),
                    VG_OK);
  ck_assert_int_eq (activity_stats_cap (&b, (void *)&out), VG_EDEADCAP);
  ck_assert_int_eq (activity_stats_cap (&c, (void *)&out), VG_EDEADCAP);
  CHECK_OK ();
  /* Replacing one activity with another.  */
  struct vg_cap d = os_child (&rf, 2, &root), e;
  ck_assert_int_eq (
      RECLAIM_RUN (activity_create_cap (activity_root (), &rf, 2, &root, &e)),
      VG_OK);
  ck_assert_uint_gt (e.version, d.version);
  ck_assert_int_eq (activity_stats_cap (&d, (void *)&out), VG_EDEADCAP);
  CHECK_OK ();
}
END_TEST

/* A teardown closure 100 folios deep through storage (each folio is
   owned by an activity in the folio before it), with parent chains of
   the deepest allowed depth inside each folio: 12,800 activities,
   destroyed from the top on a thread with a 64 KiB stack.  Teardown
   must not recurse.  */
#define DEEP_FOLIOS 100
static struct vg_cap deep_top;
static int deep_rc;

static void *
deep_destroy (void *arg)
{
  (void)arg;
  deep_rc = activity_destroy_cap (activity_root (), &deep_top);
  return NULL;
}

START_TEST (destroy_deep_tree)
{
  os_boot (64);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  uint64_t free0 = pmm_free_frames ();
  deep_top = os_child (&rf, 0, &root);
  struct vg_cap owner = deep_top;
  for (unsigned k = 0; k < DEEP_FOLIOS; k++)
    {
      struct vg_cap f = os_folio (&owner), parent = root;
      for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
        {
          if (s % VG_ACTIVITY_DEPTH_MAX == 0)
            parent = root;
          parent = os_child (&f, s, &parent);
          ck_assert_uint_eq (act (&parent)->depth,
                             s % VG_ACTIVITY_DEPTH_MAX + 1);
        }
      owner = parent;
    }
  ck_assert_uint_eq (act (&deep_top)->folios_total, 1);
  CHECK_OK ();
  pthread_attr_t attr;
  pthread_t t;
  pthread_attr_init (&attr);
  pthread_attr_setstacksize (&attr, 64 * 1024);
  ck_assert_int_eq (pthread_create (&t, &attr, deep_destroy, NULL), 0);
  pthread_join (t, NULL);
  ck_assert_int_eq (deep_rc, VG_OK);
  CHECK_OK ();
  /* Only the root's folio (now empty) remains.  */
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_ptr_null (activity_root ()->first_child);
}
END_TEST

/* No activity deeper than VG_ACTIVITY_DEPTH_MAX: the call that would
   make one fails with VG_EDEPTH and changes nothing.  */
START_TEST (depth_limit)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), f = os_folio (&root), parent = root;
  for (unsigned d = 1; d <= VG_ACTIVITY_DEPTH_MAX; d++)
    {
      parent = os_child (&f, d - 1, &parent);
      ck_assert_uint_eq (act (&parent)->depth, d);
    }
  uint64_t free0 = pmm_free_frames ();
  uint64_t total0 = activity_charged_frames (activity_root ());
  struct vg_cap out;
  cap_void (&out);
  ck_assert_int_eq (RECLAIM_RUN (activity_create_cap (activity_root (), &f, 40,
                                                      &parent, &out)),
                    VG_EDEPTH);
  ck_assert_uint_eq (out.type, VG_TYPE_VOID);
  ck_assert_uint_eq (pmm_free_frames (), free0);
  ck_assert_uint_eq (activity_charged_frames (activity_root ()), total0);
  ck_assert_ptr_null (act (&parent)->first_child);
  CHECK_OK ();
}
END_TEST

/* Random operations with a fixed seed; after each, every invariant.  */
#define MAXA 64
#define MAXF 256
START_TEST (random_accounting)
{
  os_boot (24);
  srandom (12345);
  struct vg_cap acts[MAXA], folios[MAXF], pages[512];
  unsigned na = 1, nf = 0, np = 0;
  acts[0] = os_root_cap ();
  unsigned counts[VG_ERROR_COUNT] = { 0 };
  for (int step = 0; step < 4000; step++)
    {
      struct vg_cap out;
      int err = VG_OK;
      unsigned ai = random () % na, fi = nf ? random () % nf : 0;
      struct vg_cap *a = &acts[ai];
      struct vg_cap *f = nf ? &folios[fi] : NULL;
      switch (random () % 8)
        {
        case 0:
        case 1:
          err = RECLAIM_RUN (folio_alloc_cap (a, &out));
          if (!err && nf < MAXF)
            folios[nf++] = out;
          break;
        case 2:
          if (f)
            err = folio_free_cap (activity_root (), f);
          break;
        case 3:
          if (f)
            {
              err = RECLAIM_RUN (activity_create_cap (
                  activity_root (), f, random () % VG_FOLIO_OBJECTS, a, &out));
              if (!err && na < MAXA)
                acts[na++] = out;
            }
          break;
        case 4:
          if (na > 1)
            {
              ai = 1 + random () % (na - 1);
              a = &acts[ai];
              err = activity_destroy_cap (activity_root (), a);
            }
          break;
        case 5:
          if (f)
            {
              static const uint8_t types[]
                  = { VG_TYPE_PAGE, VG_TYPE_CAPPAGE, VG_TYPE_THREAD,
                      VG_TYPE_MESSENGER, VG_TYPE_VOID };
              struct vg_object_policy p
                  = { random () % 2, (int8_t)(random () % 128 - 64) };
              err = RECLAIM_RUN (object_alloc_cap (
                  activity_root (), f, random () % VG_FOLIO_OBJECTS,
                  types[random () % 5], p, &out));
              if (!err && out.type == VG_TYPE_PAGE && np < 512)
                pages[np++] = out;
            }
          break;
        case 6:
          if (np)
            {
              void *x;
              err = RECLAIM_RUN (
                  object_page_claim (&pages[random () % np], true, &x));
            }
          break;
        case 7:
          {
            struct vg_activity_policy p
                = { .sibling
                    = { (int32_t)(random () % 140 - 70), random () % 3 },
                    .child = { 0, 1 },
                    .folio_quota = random () % 40 };
            err = activity_policy_set_cap (a, 1 + random () % 7, &p);
          }
          break;
        }
      ck_assert_int_lt (err, VG_ERROR_COUNT);
      counts[err]++;
      /* Forget dead caps (never the root's) so the run stays busy.  */
      if (err == VG_EDEADCAP)
        {
          struct vg_activity_stats st;
          if (ai && activity_stats_cap (a, &st) == VG_EDEADCAP)
            acts[ai] = acts[--na];
          struct vg_cap tmp;
          if (f && cap_derive (f, 0, &tmp) == VG_EDEADCAP)
            folios[fi] = folios[--nf];
        }
      const char *why = os_check ();
      ck_assert_msg (why == NULL, "step %d: %s", step, why);
    }
  /* The run exercised successes and the interesting failures.  */
  ck_assert_msg (counts[VG_OK] > 1500, "%u ok, %u dead, %u quota, %u inval",
                 counts[VG_OK], counts[VG_EDEADCAP], counts[VG_EQUOTA],
                 counts[VG_EINVAL]);
  ck_assert_uint_gt (counts[VG_EDEADCAP], 0);
  ck_assert_uint_gt (counts[VG_EQUOTA], 0);
  ck_assert_uint_gt (counts[VG_EINVAL], 0);
  /* Destroying everything returns every frame.  */
  for (unsigned i = 1; i < na; i++)
    activity_destroy_cap (activity_root (), &acts[i]);
  for (unsigned i = 0; i < nf; i++)
    folio_free_cap (activity_root (), &folios[i]);
  CHECK_OK ();
  ck_assert_uint_eq (activity_charged_frames (activity_root ()), 0);
  ck_assert_uint_eq (pmm_free_frames () + frame_retired_idle (),
                     pmm_total_frames ());
}
END_TEST

Suite *activity_suite (void);

Suite *
activity_suite (void)
{
  Suite *s = suite_create ("activity");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, quota_three_levels);
  tcase_add_test (tc, root_quota_is_memory);
  tcase_add_test (tc, policy_and_weak_caps);
  tcase_add_test (tc, destroy_returns_everything);
  tcase_add_test (tc, destroy_chunked);
  tcase_add_test (tc, folio_free_takes_subtrees);
  tcase_add_test (tc, busy_changes_nothing);
  tcase_add_test (tc, destroy_deep_tree);
  tcase_add_test (tc, depth_limit);
  tcase_add_test (tc, random_accounting);
  suite_add_tcase (s, tc);
  return s;
}
