/* Unit tests for libhurd-mm's anonymous memory end to end against the
   fake kernel: demand faults, protection, policies on page objects,
   discard and refill through the fill callback, grow, shrink, free.  */
#include <check.h>

#include <hurd/anon.h>
#include <hurd/as.h>
#include <hurd/mm.h>

#include "fake_kernel.h"
#include <mm-env.h>
#include <vg/cap.h>
#include <vg/syscall.h>

static const struct vg_object_policy imp = { 0, 0 };
static const struct vg_object_policy cache = { 1, -10 };
static unsigned fills;

/* Regenerate a page: a pattern derived from its address.  */
static vg_error_t
fill_pattern (void *cookie, uint64_t addr, void *page)
{
  ck_assert_ptr_eq (cookie, &fills);
  fills++;
  for (unsigned i = 0; i < AS_PAGE; i++)
    ((uint8_t *)page)[i] = (uint8_t)((addr >> 12) * 31 + i * 7);
  return VG_OK;
}

static void
check_pattern (uint64_t va)
{
  uint8_t *p;
  ck_assert_int_eq (fake_touch (va, false, &p), VG_OK);
  for (unsigned i = 0; i < AS_PAGE; i++)
    ck_assert_uint_eq (p[i], (uint8_t)((va >> 12) * 31 + i * 7));
}

static struct anon_region *
mk (uint64_t pages, unsigned flags, struct vg_object_policy pol,
    anon_fill_fn fill)
{
  struct anon_region *r;
  ck_assert_int_eq (anon_create (0, pages * AS_PAGE, flags, pol, fill,
                                 fill ? &fills : NULL, VG_ADDR_VOID, &r),
                    VG_OK);
  return r;
}

START_TEST (touch_allocates)
{
  fake_kernel_mm_init ();
  struct anon_region *r = mk (8, ANON_WRITE, imp, NULL);
  uint64_t va = r->r.start + 3 * AS_PAGE + 100;
  ck_assert_uint_eq (fake_kernel_type (va & ~0xfffull), VG_TYPE_VOID);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (va, true, &p), VG_OK);
  ck_assert_uint_eq (*p, 0); /* Fresh pages are zero.  */
  *p = 42;
  ck_assert_uint_eq (fake_kernel_type (va & ~0xfffull), VG_TYPE_PAGE);
  ck_assert_uint_eq (r->resident, 1);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 1);
  ck_assert_int_eq (fake_touch (va, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 42);
  ck_assert_uint_eq (r->resident, 1);
  /* A stale fault on a present page changes nothing.  */
  ck_assert_int_eq (hurd_mm_fault (va, true, false), VG_OK);
  ck_assert_uint_eq (r->resident, 1);
}
END_TEST

START_TEST (not_mine_and_protection)
{
  fake_kernel_mm_init ();
  struct anon_region *ro = mk (2, 0, imp, NULL);
  uint8_t *p;
  ck_assert_int_eq (hurd_mm_fault (ro->r.end, false, false), VG_EVOID);
  ck_assert_int_eq (hurd_mm_fault (0x1000, true, false), VG_EVOID);
  ck_assert_int_eq (fake_touch (ro->r.start, true, &p), HURD_MM_PROT);
  ck_assert_uint_eq (fake_kernel_type (ro->r.start), VG_TYPE_VOID);
  ck_assert_int_eq (fake_touch (ro->r.start, false, &p), VG_OK);
  ck_assert_uint_eq (fake_kernel_rights (ro->r.start), 0);
  ck_assert_int_eq (fake_touch (ro->r.start, true, &p), HURD_MM_PROT);
}
END_TEST

START_TEST (bad_arguments)
{
  fake_kernel_mm_init ();
  struct anon_region *r;
  struct vg_object_policy bad = { 0, 100 }, two = { 2, 0 };
  ck_assert_int_eq (anon_create (0, 0, 0, imp, NULL, NULL, 0, &r), VG_EINVAL);
  ck_assert_int_eq (anon_create (0, 100, 0, imp, NULL, NULL, 0, &r),
                    VG_EINVAL);
  ck_assert_int_eq (anon_create (0, AS_PAGE, 0, bad, NULL, NULL, 0, &r),
                    VG_EINVAL);
  ck_assert_int_eq (anon_create (0, AS_PAGE, 0, two, NULL, NULL, 0, &r),
                    VG_EINVAL);
  /* A fill callback needs a discardable region.  */
  ck_assert_int_eq (
      anon_create (0, AS_PAGE, 0, imp, fill_pattern, NULL, 0, &r), VG_EINVAL);
  ck_assert_int_eq (anon_create (0, AS_PAGE, 0x80, imp, NULL, NULL, 0, &r),
                    VG_EINVAL);
  /* Outside our range (the image's level-1 slot).  */
  ck_assert_int_eq (anon_create (0x400000, AS_PAGE, 0, imp, NULL, NULL, 0, &r),
                    VG_EINVAL);
  r = mk (4, ANON_WRITE, imp, NULL);
  struct anon_region *r2;
  ck_assert_int_eq (
      anon_create (r->r.start + AS_PAGE, AS_PAGE, 0, imp, NULL, NULL, 0, &r2),
      VG_EBUSY);
}
END_TEST

START_TEST (policy_reaches_pages)
{
  fake_kernel_mm_init ();
  struct anon_region *r = mk (4, ANON_WRITE, cache, fill_pattern);
  uint8_t *p;
  for (int i = 0; i < 4; i++)
    {
      ck_assert_int_eq (fake_touch (r->r.start + i * AS_PAGE, true, &p),
                        VG_OK);
      *p = (uint8_t)(i + 1);
      struct vg_object_policy got
          = fake_kernel_policy (r->r.start + i * AS_PAGE);
      ck_assert_uint_eq (got.discardable, 1);
      ck_assert_int_eq (got.priority, -10);
    }
  /* Changing the policy re-labels every resident page, keeping data.  */
  struct vg_object_policy hot = { 1, 20 };
  ck_assert_int_eq (anon_set_policy (r, hot), VG_OK);
  for (int i = 0; i < 4; i++)
    {
      uint64_t va = r->r.start + i * AS_PAGE;
      ck_assert_int_eq (fake_kernel_policy (va).priority, 20);
      ck_assert_int_eq (fake_touch (va, false, &p), VG_OK);
      ck_assert_uint_eq (*p, i + 1);
    }
  ck_assert_uint_eq (fills, 0);
  struct vg_object_policy imp_fill = { 0, 0 };
  ck_assert_int_eq (anon_set_policy (r, imp_fill), VG_EINVAL);
}
END_TEST

START_TEST (kernel_discard_refills)
{
  fake_kernel_mm_init ();
  fills = 0;
  struct anon_region *r = mk (3, ANON_WRITE, cache, fill_pattern);
  uint8_t *p;
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (fake_touch (r->r.start + i * AS_PAGE, true, &p), VG_OK);
  ck_assert_uint_eq (fills, 0); /* First touch: zero, no fill.  */
  for (int i = 0; i < 3; i++)
    {
      uint8_t *q = fake_kernel_window (r->r.start + i * AS_PAGE);
      fill_pattern (&fills, r->r.start + i * AS_PAGE, q);
    }
  fills = 0;
  uint64_t va = r->r.start + AS_PAGE;
  fake_kernel_discard (va);
  ck_assert_uint_eq (*(uint8_t *)fake_kernel_window (va), 0x5a);
  check_pattern (va);
  ck_assert_uint_eq (fills, 1);
  check_pattern (r->r.start);
  check_pattern (r->r.start + 2 * AS_PAGE);
  ck_assert_uint_eq (fills, 1);
  ck_assert_uint_eq (r->resident, 3);
  ck_assert_int_eq (fake_kernel_policy (va).priority, -10);
}
END_TEST

START_TEST (explicit_discard)
{
  fake_kernel_mm_init ();
  fills = 0;
  struct anon_region *c = mk (4, ANON_WRITE, cache, fill_pattern);
  struct anon_region *z = mk (2, ANON_WRITE, imp, NULL);
  uint8_t *p;
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (fake_touch (c->r.start + i * AS_PAGE, true, &p), VG_OK);
  ck_assert_int_eq (fake_touch (z->r.start, true, &p), VG_OK);
  *p = 9;
  uint64_t frames = fake_kernel_stats (FK_PROG).frames_local;
  ck_assert_int_eq (anon_discard (c->r.start, 2 * AS_PAGE), VG_OK);
  ck_assert_int_eq (anon_discard (z->r.start, AS_PAGE), VG_OK);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, frames - 3);
  /* object_discard: the frames went, the objects and mappings stay,
     marked discarded in the kernel.  */
  ck_assert_uint_eq (fake_kernel_type (c->r.start), VG_TYPE_PAGE);
  ck_assert_ptr_null (fake_kernel_window (c->r.start));
  ck_assert_uint_eq (c->resident, 4);
  check_pattern (c->r.start);
  check_pattern (c->r.start + AS_PAGE);
  ck_assert_uint_eq (fills, 2);
  /* Untouched by the discard: still zero (never filled).  */
  ck_assert_int_eq (fake_touch (c->r.start + 2 * AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0);
  /* Without a callback the page comes back zeroed.  */
  ck_assert_int_eq (fake_touch (z->r.start, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0);
  ck_assert_int_eq (anon_discard (c->r.end - AS_PAGE, 2 * AS_PAGE), VG_EVOID);
  ck_assert_int_eq (anon_discard (c->r.start, 1), VG_EINVAL);
}
END_TEST

/* A read-only region's pages cannot be object_discard-ed (VG_EPERM):
   anon_discard unmaps them instead, and must mark them discarded, so the
   next touch calls the fill callback rather than mapping a zero page.  */
START_TEST (read_only_discard_refills)
{
  fake_kernel_mm_init ();
  fills = 0;
  struct anon_region *c = mk (2, 0, cache, fill_pattern);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (c->r.start, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0); /* A first touch is not a refill.  */
  ck_assert_uint_eq (fills, 0);
  ck_assert_int_eq (anon_discard (c->r.start, AS_PAGE), VG_OK);
  ck_assert_uint_eq (fake_kernel_type (c->r.start), VG_TYPE_VOID);
  check_pattern (c->r.start); /* Refilled, not a zero page.  */
  ck_assert_uint_eq (fills, 1);
}
END_TEST

static vg_error_t
fill_fails (void *cookie, uint64_t addr, void *page)
{
  (void)cookie, (void)addr, (void)page;
  return VG_EINVAL;
}

START_TEST (fill_error)
{
  fake_kernel_mm_init ();
  struct anon_region *r;
  ck_assert_int_eq (
      anon_create (0, AS_PAGE, ANON_WRITE, cache, fill_fails, NULL, 0, &r),
      VG_OK);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (r->r.start, true, &p), VG_OK);
  ck_assert_int_eq (anon_discard (r->r.start, AS_PAGE), VG_OK);
  ck_assert_int_eq (fake_touch (r->r.start, true, &p), VG_EINVAL);
  ck_assert_uint_eq (fake_kernel_type (r->r.start), VG_TYPE_VOID);
  ck_assert_uint_eq (r->resident, 0);
}
END_TEST

START_TEST (grow_shrink_free)
{
  fake_kernel_mm_init ();
  struct anon_region *r;
  uint64_t start = HURD_MM_VA_LO + 16 * AS_PAGE;
  ck_assert_int_eq (
      anon_create (start, 2 * AS_PAGE, ANON_WRITE, imp, NULL, NULL, 0, &r),
      VG_OK);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (start + 2 * AS_PAGE, true, &p), VG_EVOID);
  ck_assert_int_eq (anon_resize (r, 8 * AS_PAGE), VG_OK);
  for (int i = 0; i < 8; i++)
    {
      ck_assert_int_eq (fake_touch (start + i * AS_PAGE, true, &p), VG_OK);
      *p = (uint8_t)i;
    }
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 8);
  ck_assert_int_eq (anon_resize (r, 3 * AS_PAGE), VG_OK);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 3);
  ck_assert_uint_eq (fake_kernel_type (start + 3 * AS_PAGE), VG_TYPE_VOID);
  ck_assert_int_eq (fake_touch (start + 2 * AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 2);
  /* Growing into a neighbour fails and leaves R as it was.  */
  struct anon_region *n;
  ck_assert_int_eq (
      anon_create (start + 5 * AS_PAGE, AS_PAGE, 0, imp, NULL, NULL, 0, &n),
      VG_OK);
  ck_assert_int_eq (anon_resize (r, 6 * AS_PAGE), VG_EBUSY);
  ck_assert_uint_eq (r->r.end, start + 3 * AS_PAGE);
  ck_assert_int_eq (anon_resize (r, 5 * AS_PAGE), VG_OK);
  anon_free (r);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 0);
  for (int i = 0; i < 5; i++)
    ck_assert_uint_eq (fake_kernel_type (start + i * AS_PAGE), VG_TYPE_VOID);
  ck_assert_int_eq (hurd_mm_fault (start, false, false), VG_EVOID);
  ck_assert_ptr_eq (anon_find (start + 5 * AS_PAGE), n);
}
END_TEST

START_TEST (populate_rolls_back)
{
  fake_kernel_mm_init ();
  fake_kernel_set_quota (FK_PROG, 1);
  struct anon_region *r;
  ck_assert_int_eq (anon_create (0, 200 * AS_PAGE, ANON_WRITE | ANON_POPULATE,
                                 imp, NULL, NULL, 0, &r),
                    VG_EQUOTA);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 0);
  ck_assert_int_eq (anon_create (0, 100 * AS_PAGE, ANON_WRITE | ANON_POPULATE,
                                 imp, NULL, NULL, 0, &r),
                    VG_OK);
  ck_assert_uint_eq (r->resident, 100);
  ck_assert_uint_eq (fake_kernel_type (r->r.start + 99 * AS_PAGE),
                     VG_TYPE_PAGE);
}
END_TEST

/* A populate that fails part-way leaves no discarded mark behind: a
   later region's first touch there is a fresh zero page, not a fill.  */
START_TEST (populate_failure_leaves_no_mark)
{
  fake_kernel_mm_init ();
  uint64_t start = HURD_MM_VA_LO + 32 * AS_PAGE;
  struct anon_region *r;
  /* Read-only populate: page 1's as_protect (cap_copy) fails.  */
  fake_kernel_fail_call (VG_SYS_CAP_COPY, 1, VG_ENOMEM);
  ck_assert_int_eq (anon_create (start, 2 * AS_PAGE, ANON_POPULATE, cache,
                                 NULL, NULL, 0, &r),
                    VG_ENOMEM);
  ck_assert_ptr_null (anon_find (start));
  for (int i = 0; i < 2; i++)
    {
      ck_assert_uint_eq (fake_kernel_type (start + i * AS_PAGE), VG_TYPE_VOID);
      struct shadow_entry *e = as_lookup (start + i * AS_PAGE);
      ck_assert (!e || !(e->flags & SHADOW_DISCARDED));
    }
  fills = 0;
  ck_assert_int_eq (anon_create (start, 2 * AS_PAGE, ANON_WRITE, cache,
                                 fill_pattern, &fills, 0, &r),
                    VG_OK);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (start + AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (fills, 0);
  ck_assert_uint_eq (*p, 0);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 1);
}
END_TEST

/* anon_protect back to writable failing part-way leaves later pages
   with read-only caps in a writable region: a write fault there makes
   the page writable (keeping its contents) instead of looping.  */
START_TEST (protect_failure_write_fault)
{
  fake_kernel_mm_init ();
  struct anon_region *r = mk (3, ANON_WRITE, imp, NULL);
  uint8_t *p;
  for (int i = 0; i < 3; i++)
    {
      ck_assert_int_eq (fake_touch (r->r.start + i * AS_PAGE, true, &p),
                        VG_OK);
      *p = (uint8_t)(0x40 + i);
    }
  ck_assert_int_eq (anon_protect (r, 0), VG_OK);
  /* Re-creating page 1 fails; page 2 is never reached.  */
  fake_kernel_fail_call (VG_SYS_OBJECT_ALLOC, 1, VG_ENOMEM);
  ck_assert_int_eq (anon_protect (r, ANON_WRITE), VG_ENOMEM);
  uint64_t last = r->r.start + 2 * AS_PAGE;
  ck_assert_uint_eq (fake_kernel_rights (last) & VG_RIGHT_WRITE, 0);
  ck_assert_int_eq (fake_touch (last, true, &p), VG_OK);
  ck_assert_uint_eq (*p, 0x42);
  ck_assert_uint_eq (fake_kernel_rights (last) & VG_RIGHT_WRITE,
                     VG_RIGHT_WRITE);
  ck_assert_int_eq (fake_touch (r->r.start, true, &p), VG_OK);
  ck_assert_uint_eq (*p, 0x40);
}
END_TEST

Suite *mm_anon_suite (void);

Suite *
mm_anon_suite (void)
{
  Suite *s = suite_create ("mm_anon");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, touch_allocates);
  tcase_add_test (tc, read_only_discard_refills);
  tcase_add_test (tc, not_mine_and_protection);
  tcase_add_test (tc, bad_arguments);
  tcase_add_test (tc, policy_reaches_pages);
  tcase_add_test (tc, kernel_discard_refills);
  tcase_add_test (tc, explicit_discard);
  tcase_add_test (tc, fill_error);
  tcase_add_test (tc, grow_shrink_free);
  tcase_add_test (tc, populate_rolls_back);
  tcase_add_test (tc, populate_failure_leaves_no_mark);
  tcase_add_test (tc, protect_failure_write_fault);
  suite_add_tcase (s, tc);
  return s;
}
