/* System tests that boot a user program as the root task
   (tests/system/modules.list says which): pass when its thread exits
   with status 0, the number of failed checks the program counted.  */
#include <vg/error.h>
#include <vg/exregs.h>

#include <arch/cpu.h>

#include "roottask.h"
#include "sched.h"
#include "test.h"

static int
run_root (void)
{
  unsigned why;
  int32_t code;
  TEST_ASSERT (roottask_run (&why, &code) == VG_OK);
  TEST_ASSERT (why == VG_STOP_EXIT);
  TEST_ASSERT (code == 0);
  return 0;
}

VG_TEST (root_hello) { return run_root (); }
VG_TEST (root_syscalls) { return run_root (); }
VG_TEST (root_faults) { return run_root (); }
VG_TEST (root_preempt) { return run_root (); }
VG_TEST (root_act_events) { return run_root (); }

/* newlib programs: libc-port's start code registers the activation
   area and sets up libhurd-mm (malloc through sbrk, faults through
   activations).  */
VG_TEST (root_newlib_printf) { return run_root (); }
VG_TEST (root_newlib_string) { return run_root (); }
VG_TEST (root_newlib_sort) { return run_root (); }
VG_TEST (root_newlib_setjmp) { return run_root (); }
VG_TEST (root_newlib_exit) { return run_root (); }
VG_TEST (root_newlib_malloc) { return run_root (); }

/* Exit status 3 from exit () in a program paging itself.  */
VG_TEST (root_newlib_act_mm)
{
  unsigned why;
  int32_t code;
  TEST_ASSERT (roottask_run (&why, &code) == VG_OK);
  TEST_ASSERT (why == VG_STOP_EXIT);
  TEST_ASSERT (code == 3);
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

/* The activation microbenchmarks (benchmarks/act_*.c) also pass as
   tests: each checks its own counts and exits 0.  */
VG_TEST (bench_act_roundtrip) { return run_root (); }
VG_TEST (bench_act_fault) { return run_root (); }
VG_TEST (bench_act_discard) { return run_root (); }
