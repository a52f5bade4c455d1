/* The policy interface over the lab's frame table: registry, FIFO and
   CLOCK orders, and the invariants every policy keeps.  */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mm/policy.h"

#define NFRAMES 64

static struct frame table[NFRAMES];

static void
setup (void)
{
  memset (table, 0, sizeof table);
  for (uint32_t i = 0; i < NFRAMES; i++)
    {
      table[i].object = 1000 + i;
      table[i].prev = table[i].next = FRAME_NONE;
    }
  lab_frames = table;
}

START_TEST (registry_find)
{
  ck_assert_ptr_eq (policy_find ("fifo"), &policy_fifo_ops);
  ck_assert_ptr_eq (policy_find ("clock"), &policy_clock_ops);
  ck_assert_ptr_null (policy_find ("nosuch"));
  ck_assert_ptr_null (policy_find (""));
  ck_assert_ptr_null (policy_find ("FIFO"));
  for (size_t k = 0; k < policy_registry_count; k++)
    ck_assert_ptr_eq (policy_find (policy_registry[k]->name),
                      policy_registry[k]);
}
END_TEST

START_TEST (registry_names)
{
  char buf[256];
  size_t n = policy_names (buf, sizeof buf);
  ck_assert_uint_eq (n, strlen (buf));
  /* Every name appears, separated by single spaces.  */
  size_t want = 0;
  for (size_t k = 0; k < policy_registry_count; k++)
    {
      ck_assert_ptr_nonnull (strstr (buf, policy_registry[k]->name));
      want += strlen (policy_registry[k]->name) + (k > 0);
    }
  ck_assert_uint_eq (n, want);
  ck_assert_int_eq (strncmp (buf, "viengoos fifo clock", 19), 0);
  /* Truncation: NUL-terminated, full length returned.  */
  char small[6];
  memset (small, 'x', sizeof small);
  ck_assert_uint_eq (policy_names (small, sizeof small), want);
  ck_assert_str_eq (small, "vieng");
  ck_assert_uint_eq (policy_names (NULL, 0), want);
}
END_TEST

START_TEST (fifo_insertion_order)
{
  struct policy_state s;
  const struct policy_ops *p = &policy_fifo_ops;
  p->init (&s);
  ck_assert_uint_eq (p->victim (&s, 8), FRAME_NONE);
  uint32_t order[] = { 5, 3, 9, 0, 7 };
  for (size_t k = 0; k < 5; k++)
    p->add (&s, order[k]);
  p->referenced (&s, 5);
  ck_assert_uint_eq (p->count (&s), 5);
  for (size_t k = 0; k < 5; k++)
    {
      uint32_t v = p->victim (&s, 8);
      ck_assert_uint_eq (v, order[k]);
      ck_assert_uint_eq (p->victim (&s, 8), v);
      p->remove (&s, v);
      ck_assert_uint_eq (table[v].list, FRAME_LIST_NONE);
    }
  ck_assert_uint_eq (p->count (&s), 0);
  ck_assert_uint_eq (p->victim (&s, 8), FRAME_NONE);
}
END_TEST

START_TEST (clock_second_chance)
{
  struct policy_state s;
  const struct policy_ops *p = &policy_clock_ops;
  p->init (&s);
  for (uint32_t i = 0; i < 4; i++)
    p->add (&s, i);
  p->referenced (&s, 0);
  p->referenced (&s, 1);
  /* 0 and 1 get a second chance: 2 goes first.  */
  ck_assert_uint_eq (p->victim (&s, POLICY_STEPS_UNBOUNDED), 2);
  p->remove (&s, 2);
  ck_assert_uint_eq (p->victim (&s, POLICY_STEPS_UNBOUNDED), 3);
  p->remove (&s, 3);
  /* Their bits were cleared on the way past.  */
  ck_assert_uint_eq (p->victim (&s, POLICY_STEPS_UNBOUNDED), 0);
  /* Budget: with every bit set and one step, the hand moves one frame
     and returns the frame under it.  */
  p->add (&s, 9);
  p->referenced (&s, 0);
  p->referenced (&s, 1);
  p->referenced (&s, 9);
  ck_assert_uint_eq (p->victim (&s, 1), 1);
  ck_assert_uint_eq (p->victim (&s, POLICY_STEPS_UNBOUNDED), 0);
}
END_TEST

/* Every policy: victims are held frames, and removing them empties it,
   whatever the references and hints.  */
START_TEST (every_policy_drains)
{
  const struct policy_ops *p = policy_registry[_i];
  struct policy_state s;
  p->init (&s);
  srand (7);
  for (uint32_t i = 0; i < NFRAMES; i++)
    {
      table[i].priority = (int8_t)(rand () % 9 - 4);
      table[i].discardable = rand () % 2;
      p->add (&s, i);
    }
  for (int k = 0; k < 200; k++)
    {
      uint32_t i = (uint32_t)rand () % NFRAMES;
      if (k % 3 == 0)
        {
          struct policy_hint old = { table[i].priority, table[i].discardable };
          table[i].priority = (int8_t)(rand () % 9 - 4);
          table[i].discardable = rand () % 2;
          p->hint_changed (&s, i, old);
        }
      else
        p->referenced (&s, i);
    }
  bool seen[NFRAMES] = { false };
  for (uint32_t n = NFRAMES; n > 0; n--)
    {
      ck_assert_uint_eq (p->count (&s), n);
      uint32_t v = p->victim (&s, 1 + (n % 4));
      ck_assert_uint_lt (v, NFRAMES);
      ck_assert (!seen[v]);
      ck_assert_uint_ne (table[v].list, FRAME_LIST_NONE);
      seen[v] = true;
      p->remove (&s, v);
    }
  ck_assert_uint_eq (p->victim (&s, 4), FRAME_NONE);
}
END_TEST

static void
hint (uint32_t i, int8_t priority, bool discardable)
{
  table[i].priority = priority;
  table[i].discardable = discardable;
}

/* Victims in turn, each removed, into OUT; returns how many.  */
static size_t
drain (const struct policy_ops *p, struct policy_state *s, uint32_t *out,
       size_t max)
{
  size_t n = 0;
  for (uint32_t v;
       n < max && (v = p->victim (s, POLICY_STEPS_UNBOUNDED)) != FRAME_NONE;
       n++)
    {
      out[n] = v;
      p->remove (s, v);
    }
  return n;
}

START_TEST (viengoos_key_order)
{
  const struct policy_ops *p = &policy_viengoos_ops;
  struct policy_state s;
  p->init (&s);
  /* Added in an order unrelated to the key.  */
  hint (4, 2, true);   /* high priority: last */
  hint (3, 0, false);  /* important */
  hint (2, 0, true);   /* discardable, made active */
  hint (1, 0, true);   /* discardable, inactive */
  hint (0, -1, false); /* lowest priority: first, though important */
  for (uint32_t i = 5; i-- > 0;)
    p->add (&s, i);
  p->referenced (&s, 2);
  p->referenced (&s, 4);
  uint32_t got[8];
  ck_assert_uint_eq (drain (p, &s, got, 8), 5);
  for (uint32_t k = 0; k < 5; k++)
    ck_assert_uint_eq (got[k], k);
}
END_TEST

START_TEST (viengoos_hint_change_moves)
{
  const struct policy_ops *p = &policy_viengoos_ops;
  struct policy_state s;
  p->init (&s);
  hint (0, 0, true);
  hint (1, 0, true);
  hint (2, 0, false);
  for (uint32_t i = 0; i < 3; i++)
    p->add (&s, i);
  ck_assert_uint_eq (p->victim (&s, 8), 0);
  /* Frame 0 becomes important, frame 2 discardable at priority -5.  */
  struct policy_hint old = { 0, 1 };
  hint (0, 0, false);
  p->hint_changed (&s, 0, old);
  old = (struct policy_hint){ 0, 0 };
  hint (2, -5, true);
  p->hint_changed (&s, 2, old);
  uint32_t got[4];
  ck_assert_uint_eq (drain (p, &s, got, 4), 3);
  ck_assert_uint_eq (got[0], 2);
  ck_assert_uint_eq (got[1], 1);
  ck_assert_uint_eq (got[2], 0);
}
END_TEST

/* More distinct priorities than slots: still every frame comes out,
   and the lowest-priority frame before those whose priority kept a slot
   of its own.  */
START_TEST (viengoos_many_priorities)
{
  const struct policy_ops *p = &policy_viengoos_ops;
  struct policy_state s;
  p->init (&s);
  for (uint32_t i = 0; i < 20; i++)
    {
      hint (i, (int8_t)(50 - (int)i * 5), i % 2);
      p->add (&s, i);
    }
  uint32_t got[32];
  ck_assert_uint_eq (drain (p, &s, got, 32), 20);
  size_t pos[20];
  for (size_t k = 0; k < 20; k++)
    pos[got[k]] = k;
  for (uint32_t i = 0; i < 5; i++)
    ck_assert_uint_lt (pos[19], pos[i]);
  /* Frames 0..4 had slots of their own: highest priority last.  */
  for (uint32_t i = 0; i < 5; i++)
    ck_assert_uint_eq (got[19 - i], i);
}
END_TEST

START_TEST (lruapprox_active_survives)
{
  const struct policy_ops *p = &policy_lruapprox_ops;
  struct policy_state s;
  p->init (&s);
  for (uint32_t i = 0; i < 6; i++)
    p->add (&s, i);
  p->referenced (&s, 0);
  p->referenced (&s, 1);
  uint32_t got[8];
  ck_assert_uint_eq (drain (p, &s, got, 8), 6);
  /* The unreferenced ones first, in insertion order.  */
  ck_assert_uint_eq (got[0], 2);
  ck_assert_uint_eq (got[1], 3);
  ck_assert_uint_eq (got[2], 4);
  ck_assert_uint_eq (got[3], 5);
}
END_TEST

START_TEST (s3fifo_small_then_main_then_ghost)
{
  const struct policy_ops *p = &policy_s3fifo_ops;
  struct policy_state s;
  p->init (&s);
  for (uint32_t i = 0; i < 10; i++)
    p->add (&s, i);
  for (uint32_t i = 0; i < 5; i++)
    p->referenced (&s, i);
  uint32_t got[16];
  ck_assert_uint_eq (drain (p, &s, got, 16), 10);
  static const uint32_t want[] = { 5, 6, 7, 8, 9, 0, 1, 2, 3, 4 };
  for (uint32_t k = 0; k < 10; k++)
    ck_assert_uint_eq (got[k], want[k]);
  /* 5..9 left the small queue, so they are ghosts: frame 20 holding
     object 1005 (frame 5's) goes to main, frame 21 (new) to small.  */
  table[20].object = 1005;
  p->add (&s, 20);
  p->add (&s, 21);
  ck_assert_uint_ne (table[20].list, table[21].list);
  /* The ghost entry was consumed: re-adding it goes to small.  */
  p->remove (&s, 20);
  p->add (&s, 20);
  ck_assert_uint_eq (table[20].list, table[21].list);
}
END_TEST

START_TEST (s3fifo_hint_spares_important)
{
  const struct policy_ops *p = &policy_s3fifo_hint_ops;
  struct policy_state s;
  p->init (&s);
  /* Ten frames go to main through the ghost trick: add, remove (ghost),
     add again.  Odd ones important.  */
  for (uint32_t i = 0; i < 10; i++)
    {
      hint (i, 0, i % 2 == 0);
      p->add (&s, i);
      p->remove (&s, i);
      p->add (&s, i);
    }
  uint32_t got[16];
  ck_assert_uint_eq (drain (p, &s, got, 16), 10);
  for (uint32_t k = 0; k < 5; k++)
    ck_assert_uint_eq (got[k], 2 * k);
  /* Hint-blind: insertion order.  */
  p = &policy_s3fifo_ops;
  p->init (&s);
  for (uint32_t i = 0; i < 10; i++)
    {
      p->add (&s, i);
      p->remove (&s, i);
      p->add (&s, i);
    }
  ck_assert_uint_eq (drain (p, &s, got, 16), 10);
  for (uint32_t k = 0; k < 10; k++)
    ck_assert_uint_eq (got[k], k);
}
END_TEST

START_TEST (dfifo_discardable_first)
{
  const struct policy_ops *p = &policy_dfifo_ops;
  struct policy_state s;
  p->init (&s);
  hint (0, 0, false);
  hint (1, 0, true);
  hint (2, 0, false);
  hint (3, 0, true);
  for (uint32_t i = 0; i < 4; i++)
    p->add (&s, i);
  /* Frame 3 becomes important: it queues behind 0 and 2.  */
  struct policy_hint old = { 0, 1 };
  hint (3, 0, false);
  p->hint_changed (&s, 3, old);
  uint32_t got[4];
  ck_assert_uint_eq (drain (p, &s, got, 4), 4);
  ck_assert_uint_eq (got[0], 1);
  ck_assert_uint_eq (got[1], 0);
  ck_assert_uint_eq (got[2], 2);
  ck_assert_uint_eq (got[3], 3);
}
END_TEST

Suite *policy_suite (void);

Suite *
policy_suite (void)
{
  Suite *s = suite_create ("policy");
  TCase *tc = tcase_create ("policy");
  /* Sanitised code on a loaded 2-core machine: check's default 4 s
     is too tight (these take about 1 s alone).  */
  tcase_set_timeout (tc, 60);
  tcase_add_checked_fixture (tc, setup, NULL);
  tcase_add_test (tc, registry_find);
  tcase_add_test (tc, registry_names);
  tcase_add_test (tc, fifo_insertion_order);
  tcase_add_test (tc, clock_second_chance);
  tcase_add_test (tc, dfifo_discardable_first);
  tcase_add_test (tc, viengoos_key_order);
  tcase_add_test (tc, viengoos_hint_change_moves);
  tcase_add_test (tc, viengoos_many_priorities);
  tcase_add_test (tc, lruapprox_active_survives);
  tcase_add_test (tc, s3fifo_small_then_main_then_ghost);
  tcase_add_test (tc, s3fifo_hint_spares_important);
  tcase_add_loop_test (tc, every_policy_drains, 0, (int)policy_registry_count);
  suite_add_tcase (s, tc);
  return s;
}
