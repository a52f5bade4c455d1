/* Unit tests of the kernel's notices (mm/notice.h): availability events
   by threshold, the availability rule in a nested tree, and the
   pressure state machine (ask, shield, comply, miss, back off, die).  */
#include <check.h>

#include <vg/activation.h>

#include "fake/fake.h"
#include "mm/notice.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "objstore_fixture.h"

#include "reclaim_fixture.h"

/* Make N discardable pages in a fresh folio of activity AC.  */
static struct vg_cap
pages (const struct vg_cap *ac, unsigned n, struct vg_cap *pg)
{
  struct vg_cap f = os_folio (ac);
  void *d;
  for (unsigned s = 0; s < n; s++)
    {
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s, VG_TYPE_PAGE,
                                         rf_discardable, &pg[s])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
    }
  return f;
}

/* The one event of type TYPE/arg[0] KIND A has to post, popped.  */
static bool
take_event (struct activity *a, uint64_t kind, uint64_t arg[3])
{
  struct activity *p = notice_pop ();
  if (!p)
    return false;
  ck_assert_ptr_eq (p, a);
  ck_assert_ptr_null (notice_pop ());
  struct notice_event ev[NOTICE_EVENTS_MAX];
  unsigned n = notice_events (p, ev);
  bool found = false;
  for (unsigned k = 0; k < n; k++)
    if (ev[k].type == VG_ACT_EV_PRESSURE && ev[k].arg[0] == kind)
      {
        arg[0] = ev[k].arg[0];
        arg[1] = ev[k].arg[1];
        arg[2] = ev[k].arg[2];
        found = true;
      }
  notice_done (p);
  return found;
}

/* An availability event goes out at subscription, then only when the
   figure moved by more than the threshold: when a sibling's demand
   rises and when it lets go.  */
START_TEST (avail_events_threshold)
{
  rf_boot_unquota (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root), bc = os_child (&rf, 1, &root);
  struct vg_cap th = os_alloc (&rf, 5, VG_TYPE_THREAD), pg[16];
  rf_set_share (&ac, 0, 1);
  rf_set_share (&bc, 0, 3);
  struct activity *a = rf_act (&ac);
  uint64_t total = pmm_total_frames (), arg[3];
  ck_assert_int_eq (notice_cap (&ac, &th, VG_NOTICE_AVAIL, 10), VG_OK);
  reclaim_notices (1000);
  ck_assert (take_event (a, VG_ACT_PRESSURE_AVAIL, arg));
  ck_assert_uint_eq (arg[1], total / 2);
  ck_assert_uint_eq (arg[2], a->frames_sum_total);
  reclaim_notices (2000);
  ck_assert_ptr_null (notice_pop ());
  struct vg_cap bf = pages (&bc, 10, pg);
  reclaim_notices (3000);
  ck_assert (take_event (a, VG_ACT_PRESSURE_AVAIL, arg));
  ck_assert_uint_eq (arg[1], total / 5);
  ck_assert_int_eq (folio_free_cap (activity_root (), &bf), VG_OK);
  reclaim_notices (4000);
  ck_assert (take_event (a, VG_ACT_PRESSURE_AVAIL, arg));
  ck_assert_uint_eq (arg[1], total / 2);
  ck_assert_uint_eq (a->stats.avail_notices, 3);
  /* A threshold above the change: nothing.  */
  ck_assert_int_eq (notice_cap (&ac, &th, VG_NOTICE_AVAIL, total), VG_OK);
  reclaim_notices (5000);
  ck_assert (take_event (a, VG_ACT_PRESSURE_AVAIL, arg)); /* The first.  */
  bf = pages (&bc, 10, pg);
  reclaim_notices (6000);
  ck_assert_ptr_null (notice_pop ());
  /* Cancelled: nothing, and off the subscriber list.  */
  ck_assert_int_eq (notice_cap (&ac, &th, 0, 0), VG_OK);
  ck_assert_int_eq (folio_free_cap (activity_root (), &bf), VG_OK);
  reclaim_notices (7000);
  ck_assert_ptr_null (notice_pop ());
  CHECK_OK ();
}
END_TEST

/* The rule two levels down (doc/reclamation.md): A {0, 1} beside B
   {0, 3} under the root; A's children A1 {0, 1} and A2 {0, 1}, with A's
   child share {0, 2} for its own frames.  */
START_TEST (avail_rule_nested)
{
  rf_boot_unquota (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root), pg[16];
  struct vg_cap ac = os_child (&rf, 0, &root), bc = os_child (&rf, 1, &root);
  rf_set_share (&ac, 0, 1);
  rf_set_share (&bc, 0, 3);
  struct vg_cap af = os_folio (&ac);
  struct vg_cap a1 = os_child (&af, 0, &ac), a2 = os_child (&af, 1, &ac);
  rf_set_share (&a1, 0, 1);
  rf_set_share (&a2, 0, 1);
  struct vg_activity_policy p = { .sibling = { 0, 1 }, .child = { 0, 2 } };
  ck_assert_int_eq (
      activity_policy_set_cap (&ac, VG_ACTIVITY_POLICY_CHILD, &p), VG_OK);
  uint64_t total = pmm_total_frames ();
  struct activity *x1 = rf_act (&a1);
  /* B holds nothing: A gets T/2 (with the root's own); A holds its
     children's activity objects (weight 2); A2 holds nothing.  */
  ck_assert_uint_gt (rf_act (&ac)->frames_sum_local, 0);
  ck_assert_uint_eq (notice_available (x1), total / 2 * 1 / 3);
  pages (&a2, 4, pg);
  ck_assert_uint_eq (notice_available (x1), total / 2 * 1 / 4);
  pages (&bc, 4, pg);
  ck_assert_uint_eq (notice_available (x1), total / 5 * 1 / 4);
  /* A2 at a higher priority keeps its 4; A1 shares the rest with A's
     own.  */
  rf_set_share (&a2, 1, 1);
  ck_assert_uint_eq (notice_available (x1), (total / 5 - 4) * 1 / 3);
  CHECK_OK ();
}
END_TEST

/* Two siblings with discardable pages, A (priority -1, so the share
   rule picks it first) subscribed to pressure, and watermarks that make
   the reclaimer want WANT frames.  */
struct pfix
{
  struct vg_cap ac, bc, th, apg[100], bpg[40];
  struct activity *a, *b;
};

static void
pfix_init (struct pfix *x)
{
  rf_boot_unquota (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  x->ac = os_child (&rf, 0, &root);
  x->bc = os_child (&rf, 1, &root);
  x->th = os_alloc (&rf, 5, VG_TYPE_THREAD);
  rf_set_share (&x->ac, -1, 1);
  rf_set_share (&x->bc, 0, 1);
  x->a = rf_act (&x->ac);
  x->b = rf_act (&x->bc);
  pages (&x->ac, 100, x->apg);
  pages (&x->bc, 40, x->bpg);
  ck_assert_int_eq (notice_cap (&x->ac, &x->th, VG_NOTICE_PRESSURE, 0), VG_OK);
  reclaim_notices (1000000);
}

/* Reclaim until 30 more frames are free.  */
static uint64_t
squeeze (void)
{
  uint64_t f = pmm_free_frames ();
  reclaim_test_watermarks (f + 20, f + 30);
  return reclaim_pass (f + 30, 64);
}

/* Asked, A is shielded: the reclaimer takes from B meanwhile.  A frees
   frames of its choice; at the next tick it has complied and nothing
   was taken from it.  */
START_TEST (pressure_comply)
{
  struct pfix x;
  pfix_init (&x);
  uint64_t got = squeeze ();
  ck_assert_uint_ge (got, 30);
  ck_assert_uint_eq (x.a->stats.pressure_requests, 1);
  ck_assert_uint_eq (x.a->stats.discarded, 0);
  ck_assert_uint_eq (x.b->stats.discarded, got);
  ck_assert_uint_eq (notice_asked_count (), 1);
  uint64_t arg[3];
  ck_assert (take_event (x.a, VG_ACT_PRESSURE_RECLAIM, arg));
  ck_assert_uint_eq (arg[1], 30);
  ck_assert_uint_eq (arg[2], 1000000 + notice_pressure_ns ());
  /* More pressure: still nothing from A, and no second request.  */
  squeeze ();
  ck_assert_uint_eq (x.a->stats.discarded, 0);
  ck_assert_uint_eq (x.a->stats.pressure_requests, 1);
  /* A discards the last 30 of its pages itself: its choice.  */
  for (unsigned s = 70; s < 100; s++)
    ck_assert_int_eq (object_discard_cap (&x.apg[s]), VG_OK);
  reclaim_notices (1000000 + 1);
  ck_assert_uint_eq (x.a->stats.pressure_met, 1);
  ck_assert_uint_eq (x.a->stats.pressure_missed, 0);
  ck_assert_uint_eq (notice_asked_count (), 0);
  ck_assert_uint_eq (x.a->notice_shield, 0);
  ck_assert_uint_eq (activity_root ()->notice_shield, 0);
  void *d;
  for (unsigned s = 0; s < 70; s++)
    ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&x.apg[s], false, &d)),
                      VG_OK);
  CHECK_OK ();
}
END_TEST

/* A ignores the request: nothing is taken before the deadline; at it
   the shortfall is taken by policy and the miss counted; then A is not
   asked for a while, only reclaimed.  */
START_TEST (pressure_miss)
{
  struct pfix x;
  pfix_init (&x);
  squeeze ();
  uint64_t dl = 1000000 + notice_pressure_ns ();
  reclaim_notices (dl - 1);
  ck_assert_uint_eq (x.a->stats.discarded, 0);
  ck_assert_uint_eq (x.a->stats.pressure_missed, 0);
  reclaim_notices (dl);
  ck_assert_uint_eq (x.a->stats.pressure_missed, 1);
  ck_assert_uint_eq (x.a->stats.discarded, 30);
  ck_assert_uint_eq (notice_asked_count (), 0);
  ck_assert_uint_eq (activity_root ()->notice_shield, 0);
  /* Backing off: the next squeeze takes from A without asking.  */
  (void)notice_pop ();
  notice_done (x.a);
  squeeze ();
  ck_assert_uint_eq (x.a->stats.pressure_requests, 1);
  ck_assert_uint_gt (x.a->stats.discarded, 30);
  /* After the back-off (two deadlines after one miss) it is asked
     again.  */
  reclaim_notices (dl + 2 * notice_pressure_ns ());
  squeeze ();
  ck_assert_uint_eq (x.a->stats.pressure_requests, 2);
  CHECK_OK ();
}
END_TEST

/* An activity that dies while asked lifts its shield.  */
START_TEST (pressure_dies)
{
  struct pfix x;
  pfix_init (&x);
  squeeze ();
  ck_assert_uint_eq (activity_root ()->notice_shield, 1);
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &x.ac), VG_OK);
  ck_assert_uint_eq (notice_asked_count (), 0);
  ck_assert_uint_eq (activity_root ()->notice_shield, 0);
  ck_assert_ptr_null (notice_pop ());
  reclaim_notices (2000000000);
  CHECK_OK ();
}
END_TEST

Suite *notice_suite (void);

Suite *
notice_suite (void)
{
  Suite *s = suite_create ("notice");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, avail_events_threshold);
  tcase_add_test (tc, avail_rule_nested);
  tcase_add_test (tc, pressure_comply);
  tcase_add_test (tc, pressure_miss);
  tcase_add_test (tc, pressure_dies);
  suite_add_tcase (s, tc);
  return s;
}
