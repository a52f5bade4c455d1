/* The eviction policies (viengoos/mm/policy/) built with the kernel's
   environment header, over the kernel's own frame table: FIFO's order,
   every policy leaves frames off any list, so frame_free accepts them,
   and the reclaimer's victims under policy=fifo come in insertion order
   (the lab's tests cover the policies themselves).  */
#include <check.h>

#include <vg/error.h>

#include "mm/policy.h"
#include "mm/evict.h"
#include "mm/reclaim.h"
#include "obj/frame.h"
#include "obj/object.h"
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

/* The reclaimer takes its victims from the policy chosen by policy=:
   under fifo, discardable pages go in the order they were made
   resident, whatever their slots and priorities.  */
START_TEST (reclaimer_fifo_insertion_order)
{
  ck_assert (evict_test_policy ("fifo"));
  os_boot (16);
  ck_assert_str_eq (evict_policy ()->name, "fifo");
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a;
  ck_assert_int_eq (activity_from_cap (&ac, 0, &a), VG_OK);
  struct vg_cap f = os_folio (&ac), pg[16];
  /* The first half at a higher priority than the second, which the
     default policy would take first; fifo must not care.  */
  static const struct vg_object_policy hi = { 1, 5 }, lo = { 1, -5 };
  unsigned order[16];
  void *d;
  for (unsigned k = 0; k < 16; k++)
    {
      unsigned s = order[k] = (k * 7 + 3) % 16;
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s, VG_TYPE_PAGE,
                                         k < 8 ? hi : lo, &pg[s])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
    }
  for (unsigned k = 0; k < 16; k++)
    {
      ck_assert_uint_eq (reclaim_take (a, 1), 1);
      ck_assert_int_eq (
          RECLAIM_RUN (object_page_claim (&pg[order[k]], false, &d)),
          VG_EDISCARDED);
      if (k + 1 < 16)
        ck_assert_int_eq (
            RECLAIM_RUN (object_page_claim (&pg[order[k + 1]], false, &d)),
            VG_OK);
    }
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
  TCase *tr = tcase_create ("reclaimer");
  tcase_add_test (tr, reclaimer_fifo_insertion_order);
  suite_add_tcase (s, tr);
  tcase_add_loop_test (tc, kernel_every_policy_frees, 0,
                       (int)policy_registry_count);
  suite_add_tcase (s, tc);
  return s;
}
