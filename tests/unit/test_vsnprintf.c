/* Unit tests for the kernel's printf engine, against the host's.  */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "vsnprintf.h"

/* Some cases feed deliberately odd formats.  */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-overflow"
#pragma GCC diagnostic ignored "-Wformat-extra-args"

#define SAME(...)                                                             \
  do                                                                          \
    {                                                                         \
      char a[128], b[128];                                                    \
      int na = vg_snprintf (a, sizeof a, __VA_ARGS__);                        \
      int nb = snprintf (b, sizeof b, __VA_ARGS__);                           \
      ck_assert_str_eq (a, b);                                                \
      ck_assert_int_eq (na, nb);                                              \
    }                                                                         \
  while (0)

START_TEST (formats)
{
  SAME ("%d %i %u", -42, 17, 4000000000u);
  SAME ("%x %X %o", 0xbeefu, 0xbeefu, 8u);
  SAME ("%ld %lu %lx", -1234567890123l, 18446744073709551615ul, 0x1ul << 63);
  SAME ("%zu %hhu %hd", (size_t)77, 300, 70000);
  SAME ("[%5d] [%-5d] [%05d] [%-6d]", 42, 42, -42, 7);
  SAME ("[%8s] [%-8s] [%.2s] [%*s]", "ab", "ab", "abcdef", 4, "x");
  SAME ("%c%c%%", 'o', 'k');
  SAME ("%#x %#lx %#o %#x", 255u, 0x1000ul, 8u, 0u);
  SAME ("%016lx", 0xdeadul);
  SAME ("%ld", (long)INT64_MIN);
}
END_TEST

START_TEST (pointer_and_null)
{
  char a[64];
  vg_snprintf (a, sizeof a, "%p", (void *)0x1234);
  ck_assert_str_eq (a, "0x1234");
  vg_snprintf (a, sizeof a, "%s", (char *)NULL);
  ck_assert_str_eq (a, "(null)");
}
END_TEST

START_TEST (truncation)
{
  char a[8];
  memset (a, 'x', sizeof a);
  int n = vg_snprintf (a, 5, "%s", "abcdefgh");
  ck_assert_int_eq (n, 8);
  ck_assert_str_eq (a, "abcd");
  ck_assert_int_eq (a[5], 'x');
  ck_assert_int_eq (vg_snprintf (NULL, 0, "%d", 12345), 5);
}
END_TEST

START_TEST (unknown_conversion_is_visible)
{
  char a[32];
  vg_snprintf (a, sizeof a, "a%qb");
  ck_assert_str_eq (a, "a%qb");
  vg_snprintf (a, sizeof a, "trailing %");
  ck_assert_str_eq (a, "trailing ");
}
END_TEST

Suite *vsnprintf_suite (void);

Suite *
vsnprintf_suite (void)
{
  Suite *s = suite_create ("vsnprintf");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, formats);
  tcase_add_test (tc, pointer_and_null);
  tcase_add_test (tc, truncation);
  tcase_add_test (tc, unknown_conversion_is_visible);
  suite_add_tcase (s, tc);
  return s;
}
