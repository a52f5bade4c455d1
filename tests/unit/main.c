/* The host unit-test runner: every suite in suites.h, with check.  Pass
   a suite name to run only that suite.  */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake/fake.h"

#define SUITE(name) Suite *name##_suite (void);
#include "suites.h"
#undef SUITE

int
main (int argc, char **argv)
{
  fake_init ();
  SRunner *sr = NULL;
#define SUITE(name)                                                           \
  if (argc < 2 || strcmp (argv[1], #name) == 0)                               \
    {                                                                         \
      if (!sr)                                                                \
        sr = srunner_create (name##_suite ());                                \
      else                                                                    \
        srunner_add_suite (sr, name##_suite ());                              \
    }
#include "suites.h"
#undef SUITE
  if (!sr)
    {
      fprintf (stderr, "no suite called %s\n", argv[1]);
      return 2;
    }
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
