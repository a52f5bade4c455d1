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
  ck_assert_int_eq (strncmp (buf, "fifo clock", 10), 0);
  /* Truncation: NUL-terminated, full length returned.  */
  char small[6];
  memset (small, 'x', sizeof small);
  ck_assert_uint_eq (policy_names (small, sizeof small), want);
  ck_assert_str_eq (small, "fifo ");
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
      table[i].priority = (int8_t)(rand () % 5 - 2);
      table[i].discardable = rand () % 2;
      p->add (&s, i);
    }
  for (int k = 0; k < 200; k++)
    {
      uint32_t i = (uint32_t)rand () % NFRAMES;
      if (k % 3 == 0)
        {
          struct policy_hint old = { table[i].priority, table[i].discardable };
          table[i].priority = (int8_t)(rand () % 5 - 2);
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

Suite *policy_suite (void);

Suite *
policy_suite (void)
{
  Suite *s = suite_create ("policy");
  TCase *tc = tcase_create ("policy");
  tcase_add_checked_fixture (tc, setup, NULL);
  tcase_add_test (tc, registry_find);
  tcase_add_test (tc, registry_names);
  tcase_add_test (tc, fifo_insertion_order);
  tcase_add_test (tc, clock_second_chance);
  tcase_add_loop_test (tc, every_policy_drains, 0, (int)policy_registry_count);
  suite_add_tcase (s, tc);
  return s;
}
