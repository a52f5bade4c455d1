/* Trace readers and writers: text, CSV and kernel traces in; the
   libCacheSim oracleGeneral and CSV formats out, against golden bytes
   written by hand from the format's definition.  */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "mm/trace-record.h"
#include "trace.h"

static bool
read_str (struct lab_trace *t, const char *text, size_t len,
          enum lab_format fmt, const char *column)
{
  FILE *f = fmemopen ((void *)text, len, "rb");
  ck_assert_ptr_nonnull (f);
  trace_init (t);
  bool ok = trace_read_stream (t, f, "test", fmt, column);
  fclose (f);
  return ok;
}

START_TEST (text_keys_and_hints)
{
  struct lab_trace t;
  static const char text[] = "# comment\n"
                             "10\n"
                             "  0x14  \n"
                             "\n"
                             "page-a -5 d\n"
                             "10 3 i\n"
                             "page-a\n";
  ck_assert (read_str (&t, text, strlen (text), LAB_FORMAT_TEXT, NULL));
  ck_assert_uint_eq (t.n, 5);
  ck_assert_uint_eq (t.nkeys, 3);
  ck_assert_uint_eq (t.key[t.id[0]], 10);
  ck_assert_uint_eq (t.key[t.id[1]], 20);
  ck_assert_uint_eq (t.id[3], t.id[0]);
  ck_assert_uint_eq (t.id[4], t.id[2]);
  ck_assert_int_eq (t.priority[2], -5);
  ck_assert_uint_eq (t.discardable[2], 1);
  ck_assert_int_eq (t.priority[3], 3);
  ck_assert_uint_eq (t.discardable[3], 0);
  ck_assert_int_eq (t.priority[4], 0);
  trace_free (&t);
}
END_TEST

START_TEST (text_rejects_bad_priority)
{
  struct lab_trace t;
  static const char text[] = "1\n2 300\n";
  ck_assert (!read_str (&t, text, strlen (text), LAB_FORMAT_TEXT, NULL));
  trace_free (&t);
  static const char text2[] = "1 2 d extra\n";
  ck_assert (!read_str (&t, text2, strlen (text2), LAB_FORMAT_TEXT, NULL));
  trace_free (&t);
}
END_TEST

START_TEST (csv_columns)
{
  struct lab_trace t;
  static const char csv[] = "time,addr,priority,discardable\n"
                            "1,100,-1,1\n"
                            "2,200,0,0\n"
                            "3,\"100\",2,0\n";
  ck_assert (read_str (&t, csv, strlen (csv), LAB_FORMAT_CSV, "addr"));
  ck_assert_uint_eq (t.n, 3);
  ck_assert_uint_eq (t.nkeys, 2);
  ck_assert_uint_eq (t.key[t.id[0]], 100);
  ck_assert_uint_eq (t.id[2], t.id[0]);
  ck_assert_int_eq (t.priority[0], -1);
  ck_assert_uint_eq (t.discardable[0], 1);
  ck_assert_int_eq (t.priority[2], 2);
  trace_free (&t);
  /* By number.  */
  ck_assert (read_str (&t, csv, strlen (csv), LAB_FORMAT_CSV, "2"));
  ck_assert_uint_eq (t.key[t.id[1]], 200);
  trace_free (&t);
  /* Default: a column named key, obj_id or object.  */
  static const char csv2[] = "ts,obj_id\n5,7\n6,8\n";
  ck_assert (read_str (&t, csv2, strlen (csv2), LAB_FORMAT_CSV, NULL));
  ck_assert_uint_eq (t.key[t.id[0]], 7);
  trace_free (&t);
  /* No header: the first column.  */
  static const char csv3[] = "5,7\n6,8\n";
  ck_assert (read_str (&t, csv3, strlen (csv3), LAB_FORMAT_CSV, NULL));
  ck_assert_uint_eq (t.key[t.id[1]], 6);
  trace_free (&t);
  /* Unknown column name, or a row too short.  */
  ck_assert (!read_str (&t, csv, strlen (csv), LAB_FORMAT_CSV, "nosuch"));
  trace_free (&t);
  ck_assert (!read_str (&t, csv3, strlen (csv3), LAB_FORMAT_CSV, "3"));
  trace_free (&t);
}
END_TEST

static size_t
put_record (unsigned char *buf, uint64_t time, uint64_t object, uint8_t kind,
            int8_t prio, uint8_t flags)
{
  struct vg_trace_record r;
  memset (&r, 0, sizeof r);
  r.time = time;
  r.object = object;
  r.activity = 1;
  r.frame = UINT32_MAX;
  r.kind = kind;
  r.priority = prio;
  r.flags = flags;
  memcpy (buf, &r, sizeof r);
  return sizeof r;
}

START_TEST (kernel_trace)
{
  unsigned char buf[32 * 10];
  struct vg_trace_header h;
  memset (&h, 0, sizeof h);
  memcpy (h.magic, VG_TRACE_MAGIC, 8);
  h.version = VG_TRACE_VERSION;
  h.record_size = sizeof (struct vg_trace_record);
  memcpy (buf, &h, sizeof h);
  size_t n = sizeof h;
  n += put_record (buf + n, 100, 0x500, VG_TRACE_FAULT, -2,
                   VG_TRACE_DISCARDABLE);
  n += put_record (buf + n, 200, 0x600, VG_TRACE_FAULT, 0, 0);
  n += put_record (buf + n, 300, 0x500, VG_TRACE_REFERENCED, -2,
                   VG_TRACE_DISCARDABLE);
  n += put_record (buf + n, 400, 0x500, VG_TRACE_DISCARD, -2,
                   VG_TRACE_DISCARDABLE);
  n += put_record (buf + n, 450, 0x600, VG_TRACE_EVICT, 0, 0);
  n += put_record (buf + n, 500, 7, VG_TRACE_DROPPED, 0, 0);
  n += put_record (buf + n, 600, 0x500, VG_TRACE_REFAULT, -2,
                   VG_TRACE_DISCARDABLE);
  struct lab_trace t;
  ck_assert (read_str (&t, (const char *)buf, n, LAB_FORMAT_KERNEL, NULL));
  ck_assert_uint_eq (t.n, 4);
  ck_assert_uint_eq (t.nkeys, 2);
  ck_assert_uint_eq (t.key[t.id[3]], 0x500);
  ck_assert_int_eq (t.priority[0], -2);
  ck_assert_uint_eq (t.discardable[0], 1);
  ck_assert_uint_eq (t.discardable[1], 0);
  ck_assert_uint_eq (t.kernel_discards, 1);
  ck_assert_uint_eq (t.kernel_evictions, 1);
  ck_assert_uint_eq (t.dropped, 7);
  trace_free (&t);
  /* Only activity 2's events: none here.  */
  trace_init (&t);
  t.activity = 2;
  FILE *f = fmemopen (buf, n, "rb");
  ck_assert (trace_read_stream (&t, f, "test", LAB_FORMAT_KERNEL, NULL));
  fclose (f);
  ck_assert_uint_eq (t.n, 0);
  ck_assert_uint_eq (t.dropped, 0);
  trace_free (&t);
  t.activity = 1;
  f = fmemopen (buf, n, "rb");
  ck_assert (trace_read_stream (&t, f, "test", LAB_FORMAT_KERNEL, NULL));
  fclose (f);
  ck_assert_uint_eq (t.n, 4);
  trace_free (&t);
  /* Truncated last record, bad magic, unknown kind: errors.  */
  ck_assert (
      !read_str (&t, (const char *)buf, n - 3, LAB_FORMAT_KERNEL, NULL));
  trace_free (&t);
  buf[0] = 'X';
  ck_assert (!read_str (&t, (const char *)buf, n, LAB_FORMAT_KERNEL, NULL));
  trace_free (&t);
  buf[0] = 'V';
  buf[32 + 24] = 99;
  ck_assert (!read_str (&t, (const char *)buf, n, LAB_FORMAT_KERNEL, NULL));
  trace_free (&t);
}
END_TEST

/* Keys 10 20 10 30 20 10.  oracleGeneral: 24-byte packed little-endian
   records {u32 clock_time, u64 obj_id, u32 obj_size, i64
   next_access_vtime}; next_access_vtime is the 1-based position of the
   object's next request, -1 if none.  Written out field by field.  */
static const unsigned char golden_oracle[6 * 24] = {
  /* 0: t=0 id=10 size=4096 next=3 (position 3 is request 2) */
  0,
  0,
  0,
  0,
  10,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00,
  0x10,
  0,
  0,
  3,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  /* 1: t=1 id=20 next=5 */
  1,
  0,
  0,
  0,
  20,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00,
  0x10,
  0,
  0,
  5,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  /* 2: t=2 id=10 next=6 */
  2,
  0,
  0,
  0,
  10,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00,
  0x10,
  0,
  0,
  6,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  /* 3: t=3 id=30 next=-1 */
  3,
  0,
  0,
  0,
  30,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00,
  0x10,
  0,
  0,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  /* 4: t=4 id=20 next=-1 */
  4,
  0,
  0,
  0,
  20,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00,
  0x10,
  0,
  0,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  /* 5: t=5 id=10 next=-1 */
  5,
  0,
  0,
  0,
  10,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0x00,
  0x10,
  0,
  0,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
  0xff,
};

static const char golden_csv[] = "time,obj_id,obj_size\n"
                                 "0,10,4096\n"
                                 "1,20,4096\n"
                                 "2,10,4096\n"
                                 "3,30,4096\n"
                                 "4,20,4096\n"
                                 "5,10,4096\n";

START_TEST (writers_match_golden)
{
  struct lab_trace t;
  trace_init (&t);
  static const uint64_t keys[] = { 10, 20, 10, 30, 20, 10 };
  for (int i = 0; i < 6; i++)
    ck_assert (trace_append (&t, keys[i], 0, false));
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  ck_assert (trace_write_oracle (&t, f));
  fclose (f);
  ck_assert_uint_eq (len, sizeof golden_oracle);
  ck_assert_mem_eq (buf, golden_oracle, sizeof golden_oracle);
  free (buf);
  f = open_memstream (&buf, &len);
  ck_assert (trace_write_csv (&t, f));
  fclose (f);
  ck_assert_str_eq (buf, golden_csv);
  free (buf);
  /* The CSV we write reads back as the same trace.  */
  struct lab_trace u;
  ck_assert (
      read_str (&u, golden_csv, strlen (golden_csv), LAB_FORMAT_CSV, NULL));
  ck_assert_uint_eq (u.n, 6);
  for (int i = 0; i < 6; i++)
    ck_assert_uint_eq (u.key[u.id[i]], keys[i]);
  trace_free (&u);
  trace_free (&t);
}
END_TEST

START_TEST (many_keys_grow)
{
  struct lab_trace t;
  trace_init (&t);
  for (uint32_t k = 0; k < 100000; k++)
    ck_assert (trace_append (&t, (uint64_t)(k % 30000) << 20, 0, false));
  ck_assert_uint_eq (t.n, 100000);
  ck_assert_uint_eq (t.nkeys, 30000);
  for (uint32_t k = 0; k < 100000; k += 997)
    ck_assert_uint_eq (t.key[t.id[k]], (uint64_t)(k % 30000) << 20);
  trace_free (&t);
}
END_TEST

Suite *trace_suite (void);

Suite *
trace_suite (void)
{
  Suite *s = suite_create ("trace");
  TCase *tc = tcase_create ("trace");
  /* Sanitised code on a loaded 2-core machine: check's default 4 s
     is too tight (these take about 1 s alone).  */
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, text_keys_and_hints);
  tcase_add_test (tc, text_rejects_bad_priority);
  tcase_add_test (tc, csv_columns);
  tcase_add_test (tc, kernel_trace);
  tcase_add_test (tc, writers_match_golden);
  tcase_add_test (tc, many_keys_grow);
  suite_add_tcase (s, tc);
  return s;
}
