/* No frame, reclaim, run again (obj/room.h): the object store asks no
   reclaimer; a call that needs room returns OBJ_NOFRAME having changed
   nothing, and when it runs again it sees the answer reclaim_serve
   recorded, exactly once per run.  */
#include <check.h>

#include "fake/fake.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "obj/room.h"
#include "objstore_fixture.h"
#include "reclaim_fixture.h"

/* At a frame limit with nothing to take back: the first run asks, the
   reclaimer answers VG_EFRAMES, and the run after that returns it.  */
START_TEST (limit_answer_replayed)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = rf_act (&ac);
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 3);
  struct vg_cap f = os_folio (&ac), out;
  (void)os_alloc (&f, 0, VG_TYPE_CAPPAGE);
  (void)os_alloc (&f, 1, VG_TYPE_CAPPAGE);
  uint64_t free_before = pmm_free_frames ();
  room_run ();
  ck_assert_int_eq (object_alloc_cap (activity_root (), &f, 2, VG_TYPE_THREAD,
                                      os_default_policy, &out),
                    OBJ_NOFRAME);
  /* Nothing changed, and the request names the payer and both frames
     (object and kernel stack).  */
  struct folio *fo;
  ck_assert_int_eq (cap_folio (&f, 0, &fo), VG_OK);
  ck_assert_int_eq (fo->slots[2].type, VG_TYPE_VOID);
  ck_assert_uint_eq (pmm_free_frames (), free_before);
  ck_assert_uint_eq (a->frames_sum_total, 2);
  const struct room_request *q = room_wanted ();
  ck_assert_int_eq (q->kind, ROOM_LIMIT);
  ck_assert_ptr_eq (q->a, a);
  ck_assert_uint_eq (q->n, 2);
  uint64_t hits = a->stats.limit_hits;
  reclaim_serve ();
  ck_assert_uint_eq (a->stats.limit_hits, hits + 1);
  room_run ();
  ck_assert_int_eq (object_alloc_cap (activity_root (), &f, 2, VG_TYPE_THREAD,
                                      os_default_policy, &out),
                    VG_EFRAMES);
  ck_assert_int_eq (fo->slots[2].type, VG_TYPE_VOID);
  room_done ();
  CHECK_OK ();
}
END_TEST

/* The free pool below its watermark: the reclaimer finds nothing to
   take, answers VG_OK, and the call goes on below the watermark, as
   after reclaim_pool.  The answer serves one check per run: a second
   folio in the same run asks again.  */
START_TEST (pool_answer_once_per_run)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), f1, f2;
  uint64_t free_now = pmm_free_frames ();
  reclaim_test_watermarks (free_now + 100, free_now + 200);
  room_run ();
  ck_assert_int_eq (folio_alloc_cap (&root, &f1), OBJ_NOFRAME);
  ck_assert_uint_eq (pmm_free_frames (), free_now);
  ck_assert_int_eq (room_wanted ()->kind, ROOM_POOL);
  ck_assert_uint_eq (room_wanted ()->n, 1);
  reclaim_serve ();
  room_run ();
  ck_assert_int_eq (folio_alloc_cap (&root, &f1), VG_OK);
  ck_assert_int_eq (folio_alloc_cap (&root, &f2), OBJ_NOFRAME);
  /* The next run replays the first answer and needs a second.  */
  reclaim_serve ();
  room_run ();
  ck_assert_int_eq (folio_alloc_cap (&root, &f2), VG_OK);
  ck_assert_uint_eq (pmm_free_frames (), free_now - 2);
  room_done ();
  /* Answers end with the entry.  */
  room_run ();
  ck_assert_int_eq (folio_alloc_cap (&root, &f2), OBJ_NOFRAME);
  room_done ();
  CHECK_OK ();
}
END_TEST

Suite *room_suite (void);

Suite *
room_suite (void)
{
  Suite *s = suite_create ("room");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, limit_answer_replayed);
  tcase_add_test (tc, pool_answer_once_per_run);
  suite_add_tcase (s, tc);
  return s;
}
