/* Unit tests of what the reclaimer reports: availability as the rule in
   reclaim.h computes it, the discard notices, and the machine-wide
   statistics (split from test_reclaim.c).  */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <string.h>

#include <arch/layout.h>

#include "fake/fake.h"
#include "mm/ager.h"
#include "mm/as.h"
#include "mm/pmm.h"
#include "mm/notice.h"
#include "mm/reclaim.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"

#include "reclaim_fixture.h"

/* Availability follows the rule in reclaim.h: it falls when a sibling's
   demand rises and rises again when the sibling lets go.  */
START_TEST (availability_reacts)
{
  rf_boot_unquota (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root), bc = os_child (&rf, 1, &root);
  rf_set_share (&ac, 0, 1);
  rf_set_share (&bc, 0, 3);
  struct activity *a = rf_act (&ac), *b = rf_act (&bc), *r = activity_root ();
  /* The root's own frames (the children's activity objects) are a
     pseudo-child of weight 1 at priority 0.  */
  uint64_t total = pmm_total_frames ();
  ck_assert_uint_gt (r->frames_sum_local, 0);
  ck_assert_uint_eq (notice_available (a), total * 1 / 2);
  struct vg_cap bf = os_folio (&bc), pg;
  void *d;
  for (unsigned s = 0; s < 10; s++)
    {
      pg = os_alloc (&bf, s, VG_TYPE_PAGE);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &d)),
                        VG_OK);
    }
  ck_assert_uint_eq (notice_available (a), total * 1 / 5);
  ck_assert_uint_eq (notice_available (b), total * 3 / 4);
  struct vg_activity_stats st;
  ck_assert_int_eq (notice_activity_stats (&ac, &st), VG_OK);
  ck_assert_uint_eq (st.available, total / 5);
  /* B at a higher priority keeps its 10 frames; A shares the rest with
     the root's own.  */
  rf_set_share (&bc, 1, 3);
  ck_assert_uint_eq (notice_available (a), (total - 10) / 2);
  /* A frame limit caps it.  */
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 100);
  ck_assert_uint_eq (notice_available (a), 100);
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 0);
  rf_set_share (&bc, 0, 3);
  ck_assert_int_eq (folio_free_cap (r, &bf), VG_OK);
  ck_assert_uint_eq (notice_available (a), total / 2);
  CHECK_OK ();
}
END_TEST

/* Discard notices list exactly the discarded objects, as runs of
   consecutive oids, at most VG_NOTICE_RANGES with a count of the rest;
   nothing for an activity that did not subscribe.  */
START_TEST (discard_notices_exact)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root), ro, th, out;
  struct activity *a = rf_act (&ac);
  th = os_alloc (&rf, 5, VG_TYPE_THREAD);
  cap_derive (&ac, 0, &ro);
  ck_assert_int_eq (notice_cap (&ro, &th, VG_NOTICE_DISCARD, 0), VG_EPERM);
  ck_assert_int_eq (notice_cap (&ac, &th, 0x8, 0), VG_EINVAL);
  ck_assert_int_eq (notice_cap (&ac, &th, VG_NOTICE_DISCARD, 5), VG_EINVAL);
  ck_assert_int_eq (notice_cap (&ac, &rf, VG_NOTICE_DISCARD, 0), VG_ETYPE);
  struct vg_cap f = os_folio (&ac), pg[32];
  void *d;
  for (unsigned s = 0; s < 32; s++)
    {
      /* Slots 0-9 and 20-31 discardable, 10-19 important.  */
      struct vg_object_policy pol = { s < 10 || s >= 20, 0 };
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s, VG_TYPE_PAGE,
                                         pol, &pg[s])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
    }
  /* Not subscribed: nothing gathered.  */
  ck_assert_uint_eq (reclaim_take (a, 2), 2);
  ck_assert_ptr_null (notice_pop ());
  ck_assert_int_eq (notice_cap (&ac, &th, VG_NOTICE_DISCARD, 0), VG_OK);
  ck_assert_uint_eq (reclaim_take (a, 20), 20);
  struct activity *n = notice_pop ();
  ck_assert_ptr_eq (n, a);
  ck_assert_ptr_null (notice_pop ());
  /* Exactly the 20 objects now discarded, in runs.  */
  uint64_t listed = 0;
  for (unsigned k = 0; k < n->notice_nranges; k++)
    for (uint64_t j = 0; j < n->notice_n[k]; j++)
      {
        struct folio *fo;
        unsigned idx;
        struct vg_cap c = pg[0];
        c.oid = n->notice_oid[k] + j;
        ck_assert_int_eq (cap_object (&c, VG_TYPE_PAGE, 0, &fo, &idx), VG_OK);
        ck_assert (fo->slots[idx].flags & FOLIO_DISCARDED);
        ck_assert (fo->slots[idx].discardable);
        listed++;
      }
  ck_assert_uint_eq (listed + n->notice_overflow, 20);
  ck_assert_uint_le (n->notice_nranges, VG_NOTICE_RANGES);
  unsigned discarded = 0;
  for (unsigned s = 0; s < 32; s++)
    discarded += RECLAIM_RUN (object_page_claim (&pg[s], false, &d))
                 == VG_EDISCARDED;
  ck_assert_uint_eq (discarded, 22);
  notice_done (n);
  /* Cancelled: nothing more.  */
  ck_assert_int_eq (notice_cap (&ac, &out, 0, 0), VG_OK);
  for (unsigned s = 0; s < 8; s++)
    {
      struct vg_object_policy pol = { 1, 0 };
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s, VG_TYPE_PAGE,
                                         pol, &pg[s])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
    }
  ck_assert_uint_gt (reclaim_take (a, 4), 0);
  ck_assert_ptr_null (notice_pop ());
  CHECK_OK ();
}
END_TEST

/* The machine-wide figures add up.  */
START_TEST (mm_stats_figures)
{
  rf_boot_unquota (4);
  reclaim_test_watermarks (10, 20);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  static struct rf_prog p;
  rf_prog_init (&p, &ac, 16, rf_discardable);
  for (unsigned r = 0; r < 3000; r++)
    rf_prog_step (&p);
  struct vg_mm_stats m;
  reclaim_stats (&m);
  ck_assert_uint_eq (m.frames_total, pmm_total_frames ());
  ck_assert_uint_eq (m.frames_free, pmm_free_frames ());
  ck_assert_uint_eq (m.low_watermark, 10);
  ck_assert_uint_eq (m.high_watermark, 20);
  ck_assert_uint_gt (m.reclaim_passes, 0);
  ck_assert_uint_eq (m.reclaimed, rf_act (&ac)->stats.reclaimed);
  ck_assert_uint_eq (m.discarded, rf_act (&ac)->stats.discarded);
  ck_assert_uint_ge (m.frames_free, 10);
  ck_assert_uint_eq (m.frames_pinned, 0);
  ck_assert_uint_eq (m.aged, 0);
  ager_step (frame_count);
  reclaim_stats (&m);
  ck_assert_uint_eq (m.aged, rf_act (&ac)->frames_kind[ACTIVITY_DATA]);
  ck_assert_uint_eq (m.age_periods, 1);
  CHECK_OK ();
}
END_TEST

Suite *reclaim_stats_suite (void);

Suite *
reclaim_stats_suite (void)
{
  Suite *s = suite_create ("reclaim_stats");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, availability_reacts);
  tcase_add_test (tc, mm_stats_figures);
  tcase_add_test (tc, discard_notices_exact);
  suite_add_tcase (s, tc);
  return s;
}
