/* Unit tests for command-line parsing.  */
#include <check.h>
#include <string.h>

#include "kern/cmdline.h"

START_TEST (keys_values_and_bare_words)
{
  ck_assert_int_eq (cmdline_parse ("/boot/kernel.elf log=debug  test=boot "
                                   "verbose hz=0x10 empty="),
                    6);
  ck_assert_str_eq (cmdline_get ("log"), "debug");
  ck_assert_str_eq (cmdline_get ("test"), "boot");
  ck_assert_str_eq (cmdline_get ("verbose"), "");
  ck_assert_str_eq (cmdline_get ("empty"), "");
  ck_assert_ptr_null (cmdline_get ("absent"));
  uint64_t v = 0;
  ck_assert (cmdline_get_u64 ("hz", &v));
  ck_assert_uint_eq (v, 16);
  ck_assert (!cmdline_get_u64 ("log", &v));
  ck_assert (!cmdline_get_u64 ("absent", &v));
  ck_assert_uint_eq (v, 16);
}
END_TEST

START_TEST (last_wins_and_unknown)
{
  cmdline_parse ("kernel hz=10 hz=20 bogus=1 log=info");
  uint64_t v;
  ck_assert (cmdline_get_u64 ("hz", &v));
  ck_assert_uint_eq (v, 20);
  const char *names[4];
  /* "kernel" is the image path (first bare word); "bogus" is unknown.  */
  ck_assert_int_eq (cmdline_unknown (names, 4), 1);
  ck_assert_str_eq (names[0], "bogus");
}
END_TEST

START_TEST (numbers)
{
  uint64_t v;
  ck_assert (cmdline_parse_u64 ("18446744073709551615", &v));
  ck_assert_uint_eq (v, UINT64_MAX);
  ck_assert (!cmdline_parse_u64 ("18446744073709551616", &v));
  ck_assert (!cmdline_parse_u64 ("", &v));
  ck_assert (!cmdline_parse_u64 ("0x", &v));
  ck_assert (!cmdline_parse_u64 ("12a", &v));
  ck_assert (cmdline_parse_u64 ("0xFFff", &v));
  ck_assert_uint_eq (v, 0xffff);
}
END_TEST

START_TEST (limits)
{
  char big[CMDLINE_MAX + 100];
  memset (big, 'a', sizeof big - 1);
  big[sizeof big - 1] = '\0';
  ck_assert_int_eq (cmdline_parse (big), -1);
  ck_assert_ptr_null (cmdline_get ("x"));

  char many[CMDLINE_MAX];
  many[0] = '\0';
  for (int i = 0; i < CMDLINE_MAX_OPTS + 5; i++)
    strcat (many, "k=v ");
  ck_assert_int_eq (cmdline_parse (many), -1);
  ck_assert_str_eq (cmdline_get ("k"), "v");
  ck_assert_int_eq (cmdline_parse ("   "), 0);
}
END_TEST

Suite *cmdline_suite (void);

Suite *
cmdline_suite (void)
{
  Suite *s = suite_create ("cmdline");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, keys_values_and_bare_words);
  tcase_add_test (tc, last_wins_and_unknown);
  tcase_add_test (tc, numbers);
  tcase_add_test (tc, limits);
  suite_add_tcase (s, tc);
  return s;
}
