/* System tests that boot a user program as the root task.  The
   registry's root tests (tests/registry) are generated: each calls
   roottask_test_run with the status the registry expects.  */
#include <vg/error.h>
#include <vg/exregs.h>

#include <arch/cpu.h>

#include "kern/rootload.h"
#include "exec/sched.h"
#include "kern/test.h"

int roottask_test_run (int32_t want);

/* Boot the root task and require it to exit with WANT.  */
int
roottask_test_run (int32_t want)
{
  unsigned why;
  int32_t code;
  TEST_ASSERT (roottask_run (&why, &code) == VG_OK);
  TEST_ASSERT (why == VG_STOP_EXIT);
  TEST_ASSERT (code == want);
  return 0;
}

/* A module that is not an ELF executable is refused with a logged
   error, and the kernel runs on (ticks keep coming).  */
VG_TEST (root_bad_elf)
{
  struct thread *t;
  TEST_ASSERT (roottask_boot (&t) == VG_EINVAL);
  uint64_t t0 = sched_now_ns ();
  while (sched_now_ns () < t0 + 50000000ull)
    {
      cpu_sti_halt ();
      cpu_cli ();
    }
  return 0;
}
