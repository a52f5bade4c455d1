/* The lab's unit-test runner: every suite in suites.h, with check.
   Pass suite names to run only those.  */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUITE(name) Suite *name##_suite (void);
#include "suites.h"
#undef SUITE

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
  SRunner *sr = NULL;
#define SUITE(name)                                                           \
  if (wanted (argc, argv, #name))                                             \
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
      fprintf (stderr, "no suite among the names given\n");
      return 2;
    }
  srunner_run_all (sr, CK_NORMAL);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
