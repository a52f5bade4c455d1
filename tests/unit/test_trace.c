/* Kernel memory-event traces (mm/trace.h): mm_trace's argument checks,
   the buffer charged to the asking activity and given back, the events
   recorded (only the owner's subtree), the stream decoded from the fake
   host channel independently of the writer, and the DROPPED count when
   the buffer is full.  */
#include <check.h>
#include <string.h>

#include <vg/hostchan.h>
#include <vg/syscall.h>

#include "fake/fake.h"
#include "kern/hostchan.h"
#include "mm/ager.h"
#include "mm/evict.h"
#include "mm/reclaim.h"
#include "mm/trace.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "objstore_fixture.h"

/* The type-128 payloads on the fake channel, concatenated; the number
   of records and of payloads.  Checks every record's framing.  */
static unsigned char stream[1 << 14];
static size_t stream_len;
static unsigned payloads;

static void
decode (void)
{
  stream_len = 0;
  payloads = 0;
  size_t at = 0;
  while (at < fake_hostchan_len)
    {
      struct vg_host_header h;
      ck_assert_uint_le (at + sizeof h, fake_hostchan_len);
      memcpy (&h, fake_hostchan + at, sizeof h);
      ck_assert_uint_eq (h.magic, VG_HOST_MAGIC);
      size_t body = sizeof h + h.name_len + h.len;
      ck_assert_uint_le (at + body + 4, fake_hostchan_len);
      uint32_t sum = 0;
      memcpy (&sum, fake_hostchan + at + body, 4);
      ck_assert_uint_eq (
          sum, vg_host_fnv1a (VG_HOST_FNV_INIT, fake_hostchan + at, body));
      if (h.type == 128)
        {
          ck_assert_uint_eq (h.len % 32, 0);
          memcpy (stream + stream_len,
                  fake_hostchan + at + sizeof h + h.name_len, h.len);
          stream_len += h.len;
          payloads++;
        }
      at += body + 4;
    }
}

static const struct vg_trace_record *
rec (size_t k)
{
  return (const struct vg_trace_record *)(stream + 32 + 32 * k);
}

static size_t
nrec (void)
{
  return (stream_len - 32) / 32;
}

static struct vg_cap root, act, rf;
static struct activity *a;

static void
boot (void)
{
  ck_assert (evict_test_policy ("fifo"));
  os_boot (16);
  fake_hostchan_absent = false;
  ck_assert (hostchan_init ());
  fake_hostchan_len = 0;
  root = os_root_cap ();
  rf = os_folio (&root);
  act = os_child (&rf, 0, &root);
  ck_assert_int_eq (activity_from_cap (&act, 0, &a), VG_OK);
}

START_TEST (trace_arguments)
{
  boot ();
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, 0, 1)), VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, 4, 1)), VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 0)),
                    VG_EINVAL);
  ck_assert_int_eq (
      RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, VG_TRACE_FRAMES_MAX + 1)),
      VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 0)),
                    VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_FLUSH, 0)),
                    VG_EINVAL);
  struct vg_cap ro = act;
  ro.rights &= (uint8_t)~VG_RIGHT_WRITE;
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&ro, VG_TRACE_START, 1)),
                    VG_EPERM);
  struct vg_cap pg = os_alloc (&rf, 5, VG_TYPE_PAGE);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&pg, VG_TRACE_START, 1)),
                    VG_ETYPE);
  /* A frame limit the buffer would pass: nothing changes.  */
  struct vg_activity_policy p;
  ck_assert_int_eq (activity_policy_get_cap (&act, &p), VG_OK);
  p.frame_limit = 2;
  ck_assert_int_eq (activity_policy_set_cap (&act, VG_ACTIVITY_POLICY_ALL, &p),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 3)),
                    VG_EFRAMES);
  ck_assert_uint_eq (fake_hostchan_len, 0);
  ck_assert (!tracebuf_on);
  /* One trace at a time; only its owner stops it.  */
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 2)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&root, VG_TRACE_START, 1)),
                    VG_EBUSY);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&root, VG_TRACE_STOP, 0)),
                    VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 1)),
                    VG_EINVAL);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 0)), VG_OK);
  ck_assert (!tracebuf_on);
  CHECK_OK ();
}
END_TEST

START_TEST (trace_no_channel)
{
  boot ();
  fake_hostchan_absent = true;
  ck_assert (!hostchan_init ());
  uint64_t before = activity_frames_local (a);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 1)),
                    VG_ENOSYS);
  ck_assert_uint_eq (activity_frames_local (a), before);
}
END_TEST

/* The buffer's frames are the activity's, as kernel-object frames, and
   go back at stop.  */
START_TEST (trace_charged)
{
  boot ();
  uint64_t local = a->frames_sum_local, kern = a->frames_kind[ACTIVITY_KERNEL];
  uint64_t root_total = activity_root ()->frames_sum_total;
  uint64_t pool = frame_kernel_pool ();
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 5)), VG_OK);
  ck_assert_uint_eq (a->frames_sum_local, local + 5);
  ck_assert_uint_eq (a->frames_kind[ACTIVITY_KERNEL], kern + 5);
  ck_assert_uint_eq (activity_root ()->frames_sum_total, root_total + 5);
  ck_assert_uint_eq (frame_kernel_pool (), pool);
  CHECK_OK ();
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 0)), VG_OK);
  ck_assert_uint_eq (a->frames_sum_local, local);
  ck_assert_uint_eq (a->frames_kind[ACTIVITY_KERNEL], kern);
  ck_assert_uint_eq (activity_root ()->frames_sum_total, root_total);
  CHECK_OK ();
}
END_TEST

/* Faults, a discard, a refault (recorded when the page is back) and a
   referenced sample of the traced
   activity's pages are recorded in order with their hints; the root's
   own pages (outside the subtree) are not.  */
START_TEST (trace_events)
{
  boot ();
  struct vg_cap f = os_folio (&act), other = os_folio (&root), pg[4], op;
  static const struct vg_object_policy d = { 1, -3 };
  void *p;
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 2)), VG_OK);
  for (unsigned k = 0; k < 4; k++)
    {
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (a, &f, k, VG_TYPE_PAGE, d, &pg[k])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[k], true, &p)),
                        VG_OK);
    }
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &other, 0, VG_TYPE_PAGE,
                                     os_default_policy, &op)),
      VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&op, true, &p)), VG_OK);
  ck_assert_uint_eq (reclaim_take (a, 1), 1);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[0], false, &p)),
                    VG_EDISCARDED);
  /* The program re-creates the page in its slot and touches it: the
     fault that brings it back is the refault.  */
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (a, &f, 0, VG_TYPE_PAGE, d, &pg[0])),
      VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[0], false, &p)),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_FLUSH, 0)), VG_OK);
  decode ();
  ck_assert_int_eq (memcmp (stream, VG_TRACE_MAGIC, 8), 0);
  ck_assert_uint_eq (nrec (), 6);
  struct folio *fo;
  unsigned idx;
  ck_assert_int_eq (oid_lookup (f.oid, &fo, &idx), OID_FOLIO);
  static const uint8_t kinds[6]
      = { VG_TRACE_FAULT, VG_TRACE_FAULT,   VG_TRACE_FAULT,
          VG_TRACE_FAULT, VG_TRACE_DISCARD, VG_TRACE_REFAULT };
  static const unsigned slots[6] = { 0, 1, 2, 3, 0, 0 };
  uint64_t last = 0;
  for (unsigned k = 0; k < 6; k++)
    {
      const struct vg_trace_record *r = rec (k);
      ck_assert_uint_eq (r->kind, kinds[k]);
      ck_assert_uint_eq (r->object, object_oid (fo, slots[k]));
      ck_assert_int_eq (r->priority, -3);
      ck_assert_uint_eq (r->flags, VG_TRACE_DISCARDABLE);
      ck_assert_uint_eq (r->activity, (uint32_t)object_oid (a->folio, 0));
      ck_assert_uint_gt (r->time, last);
      last = r->time;
    }
  ck_assert_uint_ne (rec (5)->frame, UINT32_MAX);
  ck_assert_uint_ne (rec (0)->frame, UINT32_MAX);
  /* The ager's sample of a touched page.  */
  fake_hostchan_len = 0;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[1], false, &p)),
                    VG_OK);
  ager_step (1u << 20);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 0)), VG_OK);
  decode ();
  ck_assert_uint_ge (stream_len, 32);
  const struct vg_trace_record *r = (const void *)stream;
  bool seen = false;
  for (size_t k = 0; k < stream_len / 32; k++)
    {
      ck_assert_uint_eq (r[k].kind, VG_TRACE_REFERENCED);
      seen |= r[k].object == object_oid (fo, 1);
    }
  ck_assert (seen);
  CHECK_OK ();
}
END_TEST

/* A one-page buffer and no tick: 128 events fit, the next 72 are lost,
   and the stop sends the full page and a DROPPED record of 72.  */
START_TEST (trace_dropped)
{
  boot ();
  struct vg_cap f[2] = { os_folio (&act), os_folio (&act) }, pg;
  void *p;
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 1)), VG_OK);
  for (unsigned k = 0; k < 200; k++)
    {
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (a, &f[k / 128], k % 128, VG_TYPE_PAGE,
                                         os_default_policy, &pg)),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &p)),
                        VG_OK);
    }
  struct trace_stats st;
  trace_get_stats (&st);
  ck_assert_uint_eq (st.recorded, 128);
  ck_assert_uint_eq (st.dropped, 72);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 0)), VG_OK);
  decode ();
  ck_assert_uint_eq (payloads, 3);
  ck_assert_uint_eq (nrec (), 129);
  for (unsigned k = 0; k < 128; k++)
    ck_assert_uint_eq (rec (k)->kind, VG_TRACE_FAULT);
  ck_assert_uint_eq (rec (128)->kind, VG_TRACE_DROPPED);
  ck_assert_uint_eq (rec (128)->object, 72);
  CHECK_OK ();
}
END_TEST

/* A FLUSH with more than TRACE_PUMP_PAGES full pages is bounded work:
   a run sends that many and asks to run again (OBJ_AGAIN, the entry
   path's restart); the last run sends the rest and the partial page.  */
START_TEST (trace_flush_chunked)
{
  boot ();
  struct vg_cap f = os_folio (&act), pg;
  void *p;
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 12)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (a, &f, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &pg)),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &p)), VG_OK);
  struct folio *fo;
  unsigned s;
  ck_assert_int_eq (cap_object (&pg, VG_TYPE_PAGE, 0, &fo, &s), VG_OK);
  /* The fault above, then enough samples for ten full pages and 6
     records over.  */
  for (unsigned k = 1; k < 10 * TRACE_PAGE_RECORDS + 6; k++)
    trace_frame_event (fo->slots[s].frame, VG_TRACE_REFERENCED);
  struct trace_stats st;
  trace_get_stats (&st);
  ck_assert_uint_eq (st.recorded, 10 * TRACE_PAGE_RECORDS + 6);
  uint64_t sent = st.pages_sent;
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_FLUSH, 0)),
                    OBJ_AGAIN);
  trace_get_stats (&st);
  ck_assert_uint_eq (st.pages_sent, sent + TRACE_PUMP_PAGES);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_FLUSH, 0)), VG_OK);
  trace_get_stats (&st);
  ck_assert_uint_eq (st.pages_sent, sent + 11); /* 2 full, 1 partial.  */
  ck_assert_uint_eq (st.dropped, 0);
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_STOP, 0)), VG_OK);
  CHECK_OK ();
}
END_TEST

/* Destroying the owner stops the trace, sends what it held and gives
   the frames back before the activity's counters go.  */
START_TEST (trace_owner_destroyed)
{
  boot ();
  struct vg_cap f = os_folio (&act), pg;
  void *p;
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&act, VG_TRACE_START, 3)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (a, &f, 0, VG_TYPE_PAGE,
                                                   os_default_policy, &pg)),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &p)), VG_OK);
  ck_assert_int_eq (activity_destroy_cap (NULL, &act), VG_OK);
  ck_assert (!tracebuf_on);
  decode ();
  ck_assert_uint_eq (nrec (), 1);
  ck_assert_uint_eq (rec (0)->kind, VG_TRACE_FAULT);
  CHECK_OK ();
  ck_assert_int_eq (RECLAIM_RUN (trace_cap (&root, VG_TRACE_START, 1)), VG_OK);
}
END_TEST

Suite *trace_suite (void);

Suite *
trace_suite (void)
{
  Suite *s = suite_create ("trace");
  TCase *tc = tcase_create ("trace");
  tcase_add_test (tc, trace_arguments);
  tcase_add_test (tc, trace_flush_chunked);
  tcase_add_test (tc, trace_no_channel);
  tcase_add_test (tc, trace_charged);
  tcase_add_test (tc, trace_events);
  tcase_add_test (tc, trace_dropped);
  tcase_add_test (tc, trace_owner_destroyed);
  suite_add_tcase (s, tc);
  return s;
}
