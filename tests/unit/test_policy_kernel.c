/* The eviction policies (viengoos/mm/policy/) built with the kernel's
   environment header, over the kernel's own frame table: FIFO's order,
   and every policy leaves frames off any list, so frame_free accepts
   them (the lab's tests cover the policies themselves).  */
#include <check.h>

#include "mm/policy.h"
#include "obj/frame.h"
#include "objstore_fixture.h"

#define NF 12

static uint32_t f[NF];

static void
setup (void)
{
  os_boot (4);
  for (unsigned k = 0; k < NF; k++)
    {
      f[k] = frame_alloc (FRAME_OBJECT);
      ck_assert_uint_ne (f[k], FRAME_NONE);
      struct frame *fd = frame_get (f[k]);
      fd->priority = (int8_t)(k % 3) - 1;
      fd->discardable = k % 2;
      fd->folio = f[0];
      fd->slot = (uint8_t)k;
    }
}

START_TEST (kernel_fifo_order)
{
  struct policy_state s;
  const struct policy_ops *p = policy_find ("fifo");
  ck_assert_ptr_nonnull (p);
  p->init (&s);
  for (unsigned k = 0; k < NF; k++)
    p->add (&s, f[k]);
  for (unsigned k = 0; k < NF; k++)
    {
      uint32_t v = p->victim (&s, 4);
      ck_assert_uint_eq (v, f[k]);
      p->remove (&s, v);
      frame_free (v);
    }
  ck_assert_uint_eq (p->victim (&s, 4), FRAME_NONE);
}
END_TEST

START_TEST (kernel_every_policy_frees)
{
  const struct policy_ops *p = policy_registry[_i];
  struct policy_state s;
  p->init (&s);
  for (unsigned k = 0; k < NF; k++)
    p->add (&s, f[k]);
  for (unsigned k = 0; k < NF; k += 3)
    p->referenced (&s, f[k]);
  unsigned freed = 0;
  for (uint32_t v; (v = p->victim (&s, 8)) != FRAME_NONE; freed++)
    {
      ck_assert_uint_ne (frame_get (v)->list, FRAME_LIST_NONE);
      p->remove (&s, v);
      ck_assert_uint_eq (frame_get (v)->list, FRAME_LIST_NONE);
      frame_free (v);
    }
  ck_assert_uint_eq (freed, NF);
  ck_assert_uint_eq (p->count (&s), 0);
}
END_TEST

Suite *policy_kernel_suite (void);

Suite *
policy_kernel_suite (void)
{
  Suite *s = suite_create ("policy_kernel");
  TCase *tc = tcase_create ("policy_kernel");
  tcase_add_checked_fixture (tc, setup, NULL);
  tcase_add_test (tc, kernel_fifo_order);
  tcase_add_loop_test (tc, kernel_every_policy_frees, 0,
                       (int)policy_registry_count);
  suite_add_tcase (s, tc);
  return s;
}
