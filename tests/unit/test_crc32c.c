/* Unit tests for CRC32C (the swap store's block checksum): the standard
   check value, known vectors (RFC 3720 B.4), incremental use, and that
   a single flipped bit anywhere in a page changes the sum.  */
#include <check.h>
#include <string.h>

#include "crc32c.h"

START_TEST (vectors)
{
  ck_assert_uint_eq (crc32c (0, "123456789", 9), 0xe3069283u);
  unsigned char buf[32];
  memset (buf, 0, sizeof buf);
  ck_assert_uint_eq (crc32c (0, buf, 32), 0x8a9136aau);
  memset (buf, 0xff, sizeof buf);
  ck_assert_uint_eq (crc32c (0, buf, 32), 0x62a8ab43u);
  for (int i = 0; i < 32; i++)
    buf[i] = (unsigned char)i;
  ck_assert_uint_eq (crc32c (0, buf, 32), 0x46dd794eu);
  ck_assert_uint_eq (crc32c (0, buf, 0), 0);
}
END_TEST

START_TEST (incremental)
{
  const char *s = "the swap store checks every block";
  size_t n = strlen (s);
  for (size_t k = 0; k <= n; k++)
    ck_assert_uint_eq (crc32c (crc32c (0, s, k), s + k, n - k),
                       crc32c (0, s, n));
}
END_TEST

START_TEST (bit_flips)
{
  static unsigned char page[4096];
  for (int i = 0; i < 4096; i++)
    page[i] = (unsigned char)(i * 7 + 3);
  unsigned sum = crc32c (0, page, sizeof page);
  for (int bit = 0; bit < 4096 * 8; bit += 61)
    {
      page[bit / 8] ^= (unsigned char)(1 << (bit % 8));
      ck_assert_uint_ne (crc32c (0, page, sizeof page), sum);
      page[bit / 8] ^= (unsigned char)(1 << (bit % 8));
    }
  ck_assert_uint_eq (crc32c (0, page, sizeof page), sum);
}
END_TEST

Suite *crc32c_suite (void);

Suite *
crc32c_suite (void)
{
  Suite *s = suite_create ("crc32c");
  TCase *tc = tcase_create ("crc32c");
  tcase_add_test (tc, vectors);
  tcase_add_test (tc, incremental);
  tcase_add_test (tc, bit_flips);
  suite_add_tcase (s, tc);
  return s;
}
