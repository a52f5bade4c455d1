/* The host unit-test runner: every suite in the test registry
   (tests/registry, through the generated suites.h), with check.  Pass
   suite names to run only those.

   The last line says how many of the test cases the suites added ran:
   "unit: ran N of M tests in S suites".  check's own environment
   variables (CK_RUN_SUITE, CK_RUN_CASE, tags) can run fewer, and
   tools/check fails the run when N < M.  */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake/fake.h"

#define SUITE(name) Suite *name##_suite (void);
#include "tests/suites.h"
#undef SUITE

/* Every test case added, loop iterations counted one by one: the link
   wraps check's _tcase_add_test (tests/unit/Makefrag.mk).  */
static int tests_added;

void __real__tcase_add_test (TCase *tc, const TTest *ttest, int signal,
                             int allowed_exit_value, int start, int end);
void __wrap__tcase_add_test (TCase *tc, const TTest *ttest, int signal,
                             int allowed_exit_value, int start, int end);

void
__wrap__tcase_add_test (TCase *tc, const TTest *ttest, int signal,
                        int allowed_exit_value, int start, int end)
{
  if (end > start)
    tests_added += end - start;
  __real__tcase_add_test (tc, ttest, signal, allowed_exit_value, start, end);
}

static int
wanted (int argc, char **argv, const char *name)
{
  if (argc < 2)
    return 1;
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], name) == 0)
      return 1;
  return 0;
}

int
main (int argc, char **argv)
{
  fake_init ();
  SRunner *sr = NULL;
  int suites = 0;
#define SUITE(name)                                                           \
  if (wanted (argc, argv, #name))                                             \
    {                                                                         \
      if (!sr)                                                                \
        sr = srunner_create (name##_suite ());                                \
      else                                                                    \
        srunner_add_suite (sr, name##_suite ());                              \
      suites++;                                                               \
    }
#include "tests/suites.h"
#undef SUITE
  if (!sr)
    {
      fprintf (stderr, "no suite among the names given\n");
      return 2;
    }
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  int ran = srunner_ntests_run (sr);
  srunner_free (sr);
  printf ("unit: ran %d of %d tests in %d suites\n", ran, tests_added, suites);
  if (ran < tests_added)
    printf ("unit: %d tests did not run (CK_RUN_SUITE, CK_RUN_CASE or tags "
            "set?)\n",
            tests_added - ran);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
