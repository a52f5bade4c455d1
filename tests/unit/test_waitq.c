/* Unit tests for wait queues (exec/waitq.c): FIFO wake-up order, removal
   from any position (a stopped or destroyed waiter), and that a thread
   is on one queue at a time.  */
#include <check.h>
#include <string.h>

#include "exec/thread.h"
#include "exec/waitq.h"
#include "fake/fake.h"

static struct thread th[4];

static void
reset (void)
{
  memset (th, 0, sizeof th);
  fake_sched_wakes = 0;
}

START_TEST (waitq_fifo)
{
  reset ();
  struct waitq q = WAITQ_INIT;
  ck_assert (waitq_empty (&q));
  ck_assert (!waitq_wake_one (&q));
  for (unsigned i = 0; i < 3; i++)
    waitq_add (&q, &th[i]);
  ck_assert (!waitq_empty (&q));
  ck_assert (waitq_wake_one (&q));
  ck_assert_uint_eq (fake_sched_wakes, 1);
  ck_assert_ptr_eq (fake_sched_woken[0], &th[0]);
  ck_assert_int_eq (fake_sched_last_wake, VG_OK);
  ck_assert_ptr_null (th[0].waitq);
  waitq_wake_all (&q);
  ck_assert_uint_eq (fake_sched_wakes, 3);
  ck_assert_ptr_eq (fake_sched_woken[1], &th[1]);
  ck_assert_ptr_eq (fake_sched_woken[2], &th[2]);
  ck_assert (waitq_empty (&q));
}
END_TEST

START_TEST (waitq_remove_any)
{
  reset ();
  struct waitq q = WAITQ_INIT, r = WAITQ_INIT;
  for (unsigned i = 0; i < 4; i++)
    waitq_add (&q, &th[i]);
  waitq_remove (&th[1]); /* Middle.  */
  waitq_remove (&th[3]); /* Tail.  */
  waitq_remove (&th[3]); /* Not queued: no effect.  */
  waitq_remove (&th[0]); /* Head.  */
  ck_assert_ptr_eq (q.head, &th[2]);
  ck_assert_ptr_eq (q.tail, &th[2]);
  /* A removed thread may wait elsewhere.  */
  waitq_add (&r, &th[1]);
  ck_assert_ptr_eq (th[1].waitq, &r);
  waitq_wake_all (&q);
  ck_assert_uint_eq (fake_sched_wakes, 1);
  ck_assert_ptr_eq (fake_sched_woken[0], &th[2]);
  ck_assert (!waitq_empty (&r));
  waitq_add (&q, &th[0]);
  waitq_wake_all (&r);
  ck_assert_ptr_eq (fake_sched_woken[1], &th[1]);
  ck_assert_ptr_eq (q.head, &th[0]);
}
END_TEST

START_TEST (waitq_one_queue_only)
{
  reset ();
  struct waitq q = WAITQ_INIT, r = WAITQ_INIT;
  waitq_add (&q, &th[0]);
  ck_assert (FAKE_EXPECT_PANIC (waitq_add (&r, &th[0])));
}
END_TEST

Suite *waitq_suite (void);

Suite *
waitq_suite (void)
{
  Suite *s = suite_create ("waitq");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, waitq_fifo);
  tcase_add_test (tc, waitq_remove_any);
  tcase_add_test (tc, waitq_one_queue_only);
  suite_add_tcase (s, tc);
  return s;
}
