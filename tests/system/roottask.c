/* System tests that boot a user program as the root task
   (tests/system/modules.list says which): pass when its thread exits
   with status 0, the number of failed checks the program counted.  */
#include <vg/error.h>
#include <vg/exregs.h>

#include <arch/cpu.h>

#include "kern/rootload.h"
#include "exec/sched.h"
#include "kern/test.h"

/* Boot the root task and require it to exit with WANT.  */
static int
run_root_want (int32_t want)
{
  unsigned why;
  int32_t code;
  TEST_ASSERT (roottask_run (&why, &code) == VG_OK);
  TEST_ASSERT (why == VG_STOP_EXIT);
  TEST_ASSERT (code == want);
  return 0;
}

static int
run_root (void)
{
  return run_root_want (0);
}

VG_TEST (root_hello) { return run_root (); }
VG_TEST (root_syscalls) { return run_root (); }
VG_TEST (root_faults) { return run_root (); }
VG_TEST (root_preempt) { return run_root (); }
VG_TEST (root_ipc) { return run_root (); }
VG_TEST (root_ipc_pingpong) { return run_root (); }

VG_TEST (root_act_events) { return run_root (); }
/* Message events: messenger_bind (tests/user/ipc_bind.c).  */
VG_TEST (root_ipc_bind) { return run_root (); }
/* A system-call fuzzer (tests/user/fuzz_syscalls.c).  */
VG_TEST (root_fuzz_syscalls) { return run_root (); }

/* newlib programs: libc-port's start code registers the activation
   area and sets up libhurd-mm (malloc through sbrk, faults through
   activations).  */
VG_TEST (root_newlib_printf) { return run_root (); }
VG_TEST (root_newlib_string) { return run_root (); }
VG_TEST (root_newlib_sort) { return run_root (); }
VG_TEST (root_newlib_setjmp) { return run_root (); }
VG_TEST (root_newlib_exit) { return run_root (); }
VG_TEST (root_newlib_malloc) { return run_root (); }
/* The POSIX names (libc-port/posix.c), built with the stack protector.  */
VG_TEST (root_newlib_posix) { return run_root (); }
/* A smashed stack canary: newlib's __stack_chk_fail writes its message
   and aborts, status 128 + SIGABRT.  */
VG_TEST (root_newlib_ssp) { return run_root_want (134); }

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

/* libhurd-mm/roottask/roottask.c starting modules through libhurd-mm's spawn
   (doc/roottask.md).  argsum checks its boot info and caps and exits
   with the sum of its arguments: 3 + 4 + 10, passed on as the root
   task's status.  */
VG_TEST (root_spawn_args) { return run_root_want (17); }

/* A module that is no ELF executable is refused by spawn's parser (the
   kernel's, built for user space); the root task exits with -2, its
   status for a refused image (-1 is any other failure).  */
VG_TEST (root_spawn_bad_elf) { return run_root_want (-2); }

/* Two modules with quota=4 each: both exit 0, so the root task does.  */
VG_TEST (root_spawn_many) { return run_root (); }

/* The most boot modules the kernel takes (BOOT_MAX_MODULES): each, and
   its string, must be reserved, or the frame allocator hands out a
   module's bytes (it did with 32 reservation entries).  */
VG_TEST (root_spawn_max_modules) { return run_root (); }

/* A newlib program (tests/user/newlib_args.c): argv from the start
   block, exit status 2 + 3 through exit () and the root task.  */
VG_TEST (root_spawn_newlib) { return run_root_want (5); }

/* The Hurd problem (doc/roottask.md): the page server checks the outcome
   it was told to expect and exits 0 only if it holds; the root task
   exits 0 only if every module did.  Compiled in once the kernel has
   IPC (tests/Makefrag.mk).  */
#ifdef VG_HAVE_IPC
VG_TEST (hurd_client_pays) { return run_root (); }
VG_TEST (hurd_server_pays) { return run_root (); }
#endif

/* The activation microbenchmarks (benchmarks/act_*.c) also pass as
   tests: each checks its own counts and exits 0.  */
VG_TEST (bench_act_roundtrip) { return run_root (); }
VG_TEST (bench_act_fault) { return run_root (); }
VG_TEST (bench_act_discard) { return run_root (); }
