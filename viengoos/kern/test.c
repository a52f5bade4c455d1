/* The system-test runner (see test.h).  */
#include <arch/machine.h>

#include "kern/exitcode.h"
#include "kstring.h"
#include "kern/log.h"
#include "kern/test.h"
#include "mm/reclaim.h"

extern const struct vg_test __tests_start[], __tests_end[];

static const char *fail_file, *fail_what;
static int fail_line;

void
test_fail (const char *file, int line, const char *what)
{
  if (fail_what)
    return;
  fail_file = file;
  fail_line = line;
  fail_what = what;
}

void
test_run (const char *name)
{
  for (const struct vg_test *t = __tests_start; t < __tests_end; t++)
    {
      if (strcmp (t->name, name) != 0)
        continue;
      kprintf ("TEST START %s\n", name);
      int rc = t->fn ();
      reclaim_print_stats ();
      if (rc == 0 && !fail_what)
        {
          kprintf ("TEST PASS %s\n", name);
          arch_exit (VG_EXIT_PASS);
        }
      if (fail_what)
        kprintf ("TEST FAIL %s: %s:%d: %s\n", name, fail_file, fail_line,
                 fail_what);
      else
        kprintf ("TEST FAIL %s: returned %d\n", name, rc);
      arch_exit (VG_EXIT_FAIL);
    }
  kprintf ("TEST FAIL %s: no such test; the kernel has:", name);
  for (const struct vg_test *t = __tests_start; t < __tests_end; t++)
    kprintf (" %s", t->name);
  kprintf ("\n");
  arch_exit (VG_EXIT_FAIL);
}
