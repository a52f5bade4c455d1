/* Unit tests for the host channel's framing (kern/hostchan.c,
   <vg/hostchan.h>): the bytes on the wire, decoded here independently
   of the encoder, as tools/host-extract decodes them.  */
#include <check.h>
#include <string.h>

#include "fake.h"
#include "kern/hostchan.h"

static uint32_t
le32 (const unsigned char *p)
{
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16
         | (uint32_t)p[3] << 24;
}

/* FNV-1a written out again, so an encoder bug is not checked against
   itself.  */
static uint32_t
fnv (const unsigned char *p, size_t n)
{
  uint32_t h = 0x811c9dc5u;
  while (n--)
    {
      h ^= *p++;
      h *= 0x01000193u;
    }
  return h;
}

/* Decode the record at P: its type, name, payload; its total length,
   or 0 if malformed.  */
static size_t
decode (const unsigned char *p, size_t avail, unsigned *type, char *name,
        const unsigned char **payload, uint32_t *len, uint32_t *seq)
{
  if (avail < 20 || memcmp (p, "VGHR", 4) != 0 || p[6] || p[7])
    return 0;
  *type = p[4];
  size_t nl = p[5];
  *len = le32 (p + 8);
  *seq = le32 (p + 12);
  size_t total = 16 + nl + *len + 4;
  if (avail < total || le32 (p + total - 4) != fnv (p, total - 4))
    return 0;
  memcpy (name, p + 16, nl);
  name[nl] = 0;
  *payload = p + 16 + nl;
  return total;
}

START_TEST (records_frame_and_count)
{
  fake_hostchan_absent = false;
  fake_hostchan_len = 0;
  ck_assert (hostchan_init ());
  uint32_t seq0 = hostchan_seq ();
  ck_assert (hostchan_send (VG_HOST_FILE_DATA, "out.txt", 7, "hello\n", 6));
  uint64_t size = 6;
  ck_assert (hostchan_send (VG_HOST_FILE_END, "out.txt", 7, &size, 8));
  ck_assert (hostchan_send (200, "", 0, "", 0));
  ck_assert_uint_eq (hostchan_seq (), seq0 + 3);

  unsigned type;
  char name[256];
  const unsigned char *pl;
  uint32_t len, seq;
  size_t off = 0, n;
  n = decode (fake_hostchan, fake_hostchan_len, &type, name, &pl, &len, &seq);
  ck_assert_uint_eq (n, 16 + 7 + 6 + 4);
  ck_assert_uint_eq (type, VG_HOST_FILE_DATA);
  ck_assert_str_eq (name, "out.txt");
  ck_assert_uint_eq (len, 6);
  ck_assert (memcmp (pl, "hello\n", 6) == 0);
  ck_assert_uint_eq (seq, seq0);
  off += n;
  n = decode (fake_hostchan + off, fake_hostchan_len - off, &type, name, &pl,
              &len, &seq);
  ck_assert_uint_eq (type, VG_HOST_FILE_END);
  ck_assert_uint_eq (len, 8);
  ck_assert_uint_eq (pl[0], 6);
  ck_assert_uint_eq (seq, seq0 + 1);
  off += n;
  n = decode (fake_hostchan + off, fake_hostchan_len - off, &type, name, &pl,
              &len, &seq);
  ck_assert_uint_eq (n, 20);
  ck_assert_uint_eq (type, 200);
  ck_assert_uint_eq (off + n, fake_hostchan_len);

  /* A flipped payload bit fails the checksum.  */
  fake_hostchan[16 + 7] ^= 1;
  ck_assert_uint_eq (
      decode (fake_hostchan, fake_hostchan_len, &type, name, &pl, &len, &seq),
      0);
}
END_TEST

START_TEST (no_device_sends_nothing)
{
  fake_hostchan_absent = true;
  fake_hostchan_len = 0;
  ck_assert (!hostchan_init ());
  ck_assert (!hostchan_present ());
  ck_assert (!hostchan_send (VG_HOST_FILE_DATA, "x", 1, "y", 1));
  ck_assert_uint_eq (fake_hostchan_len, 0);
  fake_hostchan_absent = false;
}
END_TEST

Suite *hostchan_suite (void);

Suite *
hostchan_suite (void)
{
  Suite *s = suite_create ("hostchan");
  TCase *tc = tcase_create ("framing");
  tcase_add_test (tc, records_frame_and_count);
  tcase_add_test (tc, no_device_sends_nothing);
  suite_add_tcase (s, tc);
  return s;
}
