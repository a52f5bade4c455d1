/* Unit tests for escape_bytes: what debug_write shows of a program's
   bytes.  */
#include <check.h>
#include <string.h>

#include "escape.h"

static const char *
esc (const char *in, size_t n)
{
  static char out[256];
  size_t len = escape_bytes (out, in, n);
  ck_assert_uint_le (len, ESCAPE_MAX (n));
  out[len] = 0;
  return out;
}

START_TEST (printable_kept)
{
  ck_assert_str_eq (esc ("hello, world\t!", 14), "hello, world\t!");
  ck_assert_str_eq (esc ("", 0), "");
}
END_TEST

START_TEST (controls_escaped)
{
  ck_assert_str_eq (esc ("\x1b[2J", 4), "\\x1b[2J");
  ck_assert_str_eq (esc ("a\rb\x07\x7f", 5), "a\\x0db\\x07\\x7f");
  ck_assert_str_eq (esc ("\0\x9b\xff", 3), "\\x00\\x9b\\xff");
  ck_assert_str_eq (esc ("a\\x1b", 5), "a\\\\x1b"); /* No forged escapes.  */
  char all[256], big[ESCAPE_MAX (256) + 1];
  for (int i = 0; i < 256; i++)
    all[i] = (char)i;
  size_t n = escape_bytes (big, all, 256);
  ck_assert_uint_le (n, ESCAPE_MAX (256));
  for (size_t i = 0; i < n; i++)
    ck_assert (big[i] == '\t' || (big[i] >= 0x20 && big[i] < 0x7f));
}
END_TEST

Suite *escape_suite (void);

Suite *
escape_suite (void)
{
  Suite *s = suite_create ("escape");
  TCase *tc = tcase_create ("escape");
  tcase_add_test (tc, printable_kept);
  tcase_add_test (tc, controls_escaped);
  suite_add_tcase (s, tc);
  return s;
}
