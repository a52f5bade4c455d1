/* Unit tests for libhurd-mm's side of the notices (hurd/notice.h)
   against the fake kernel and the real reclaimer: oid -> address
   translation, discard notices handed to handlers as exactly the
   addresses of the discarded pages, batches, unknown and unlisted
   objects, the subscription.  */
#include <check.h>

#include <hurd/anon.h>
#include <hurd/as.h>
#include <hurd/mm.h>
#include <hurd/notice.h>

#include "fake_kernel.h"
#include "mm/notice.h"
#include "mm/reclaim.h"
#include "obj/activity.h"
#include "objstore_fixture.h"
#include "reclaim_fixture.h"
#include <mm-env.h>
#include <vg/cap.h>
#include <vg/syscall.h>

static const struct vg_object_policy cache = { 1, -10 };

/* What the handlers were given.  */
static struct
{
  uint64_t addr[512];
  unsigned n, calls;
  uint64_t unknown, unlisted;
} got;

static void
record (void *cookie, const struct hurd_discard_info *info)
{
  ck_assert_ptr_eq (cookie, &got);
  ck_assert_uint_le (info->count, HURD_DISCARD_BATCH);
  for (unsigned i = 0; i < info->count; i++)
    {
      ck_assert_uint_lt (got.n, 512);
      got.addr[got.n++] = info->addr[i];
    }
  got.calls++;
  got.unknown += info->unknown;
  got.unlisted += info->unlisted;
}

static bool
listed (uint64_t va)
{
  for (unsigned i = 0; i < got.n; i++)
    if (got.addr[i] == va)
      return true;
  return false;
}

static struct anon_region *
touched (uint64_t pages)
{
  struct anon_region *r;
  ck_assert_int_eq (anon_create (0, pages * AS_PAGE, ANON_WRITE, cache, NULL,
                                 NULL, VG_ADDR_VOID, &r),
                    VG_OK);
  for (uint64_t p = 0; p < pages; p++)
    {
      uint8_t *b;
      ck_assert_int_eq (fake_touch (r->r.start + p * AS_PAGE, true, &b),
                        VG_OK);
      *b = 1;
    }
  return r;
}

/* Every page libhurd-mm mapped translates back to its address, across
   folios; unmapped pages, folios and strangers' oids do not.  */
START_TEST (oid_translates)
{
  fake_kernel_mm_init ();
  struct anon_region *r = touched (200); /* Two data folios.  */
  for (uint64_t p = 0; p < 200; p++)
    {
      uint64_t va = r->r.start + p * AS_PAGE;
      uint64_t oid = fake_kernel_oid (va);
      ck_assert_uint_ne (oid % VG_OID_STRIDE, 0);
      ck_assert_uint_eq (hurd_oid_addr (oid), va);
    }
  uint64_t va = r->r.start + 7 * AS_PAGE, oid = fake_kernel_oid (va);
  ck_assert_uint_eq (hurd_oid_addr (VG_OID_FOLIO (oid)), 0);
  ck_assert_int_eq (hurd_mm_munmap ((void *)va, AS_PAGE), 0);
  ck_assert_uint_eq (hurd_oid_addr (oid), 0);
  /* The metadata's own objects are not tracked.  */
  ck_assert_uint_eq (hurd_oid_addr (1), 0);
  ck_assert_uint_eq (hurd_notice_stats.untracked, 0);
}
END_TEST

/* A synthetic event: a run of 70 oids, two of them not ours, with an
   overflow count, reaches the handler as 68 addresses in batches of at
   most HURD_DISCARD_BATCH, 2 unknown and the overflow as unlisted.  */
START_TEST (dispatch_batches)
{
  fake_kernel_mm_init ();
  got.n = got.calls = 0;
  got.unknown = got.unlisted = 0;
  struct anon_region *r = touched (100);
  uint64_t oid0 = fake_kernel_oid (r->r.start);
  /* Pages come from consecutive slots of one folio.  */
  ck_assert_uint_eq (fake_kernel_oid (r->r.start + 69 * AS_PAGE), oid0 + 69);
  ck_assert_int_eq (
      hurd_mm_munmap ((void *)(r->r.start + 10 * AS_PAGE), 2 * AS_PAGE), 0);
  ck_assert_int_eq (hurd_notice_discard_add (record, &got, 0), VG_OK);
  ck_assert_uint_eq (fake_kernel_notices.calls, 1);
  ck_assert_uint_eq (fake_kernel_notices.events, VG_NOTICE_DISCARD);
  ck_assert_uint_eq (fake_kernel_notices.activity, FK_PROG);
  struct vg_act_event ev
      = { .type = VG_ACT_EV_DISCARDED, .arg = { oid0, 70, 5 } };
  ck_assert (!hurd_notice_dispatch (&ev, 0));
  ck_assert_uint_eq (got.n, 68);
  ck_assert_uint_eq (got.calls, 3);
  ck_assert_uint_eq (got.unknown, 2);
  ck_assert_uint_eq (got.unlisted, 5);
  for (uint64_t p = 0; p < 70; p++)
    ck_assert (listed (r->r.start + p * AS_PAGE) == (p != 10 && p != 11));
  /* Handlers for normal mode are not run in activated mode.  */
  static int other;
  ck_assert_int_eq (
      hurd_notice_discard_add (record, &other, HURD_NOTICE_NORMAL), VG_OK);
  ck_assert_uint_eq (fake_kernel_notices.calls, 1);
  got.n = 0;
  ev.arg[1] = 1;
  ck_assert (hurd_notice_dispatch (&ev, 0));
  ck_assert_uint_eq (got.n, 1);
  ck_assert_int_eq (hurd_notice_discard_remove (record, &other), VG_OK);
  ck_assert_int_eq (hurd_notice_discard_remove (record, &other), VG_EVOID);
  ck_assert_int_eq (hurd_notice_discard_add (NULL, NULL, 0), VG_EINVAL);
  ck_assert_int_eq (hurd_notice_discard_add (record, &got, 0x10), VG_EINVAL);
  for (int k = 1; k < HURD_NOTICE_HANDLERS; k++)
    ck_assert_int_eq (hurd_notice_discard_add (record, &got, 0), VG_OK);
  ck_assert_int_eq (hurd_notice_discard_add (record, &got, 0), VG_ENOMEM);
  for (int k = 0; k < HURD_NOTICE_HANDLERS; k++)
    ck_assert_int_eq (hurd_notice_discard_remove (record, &got), VG_OK);
  /* The last one cancels the subscription.  */
  ck_assert_uint_eq (fake_kernel_notices.calls, 2);
  ck_assert_uint_eq (fake_kernel_notices.events, 0);
}
END_TEST

/* End to end with the real reclaimer: the runs it gathers, posted as
   the kernel posts them, become exactly the addresses of the pages it
   discarded.  */
START_TEST (reclaimer_notice_exact)
{
  fake_kernel_mm_init ();
  got.n = got.calls = 0;
  got.unknown = got.unlisted = 0;
  struct anon_region *r = touched (150);
  struct vg_cap prog = fake_kernel_cap (FK_PROG);
  struct activity *a = rf_act (&prog);
  struct vg_cap f = os_folio (&prog);
  struct vg_cap th = os_alloc (&f, 0, VG_TYPE_THREAD);
  ck_assert_int_eq (notice_cap (&prog, &th, VG_NOTICE_DISCARD, 0), VG_OK);
  ck_assert_int_eq (hurd_notice_discard_add (record, &got, 0), VG_OK);
  uint64_t before = a->stats.discarded;
  ck_assert_uint_eq (reclaim_take (a, 40), 40);
  ck_assert_uint_eq (a->stats.discarded - before, 40);
  struct activity *n = notice_pop ();
  ck_assert_ptr_eq (n, a);
  for (unsigned k = 0; k < n->notice_nranges; k++)
    {
      struct vg_act_event ev
          = { .type = VG_ACT_EV_DISCARDED,
              .arg = { n->notice_oid[k], n->notice_n[k],
                       k + 1 == n->notice_nranges ? n->notice_overflow : 0 } };
      hurd_notice_dispatch (&ev, 0);
    }
  notice_done (n);
  unsigned discarded = 0;
  for (uint64_t p = 0; p < 150; p++)
    {
      uint64_t va = r->r.start + p * AS_PAGE;
      bool d = fake_kernel_discarded (va);
      discarded += d;
      ck_assert (listed (va) == d);
    }
  ck_assert_uint_eq (discarded, 40);
  ck_assert_uint_eq (got.n, 40);
  ck_assert_uint_eq (got.unknown + got.unlisted, 0);
  ck_assert_int_eq (notice_cap (&prog, &th, 0, 0), VG_OK);
}
END_TEST

Suite *mm_notice_suite (void);

Suite *
mm_notice_suite (void)
{
  Suite *s = suite_create ("mm_notice");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, oid_translates);
  tcase_add_test (tc, dispatch_batches);
  tcase_add_test (tc, reclaimer_notice_exact);
  suite_add_tcase (s, tc);
  return s;
}
