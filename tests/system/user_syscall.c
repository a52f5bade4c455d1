/* System tests: entering ring 3, a system call round trip with all six
   arguments, and the return path's sysret/iret choice.  */
#include <arch/syscall.h>

#include "kern/log.h"
#include "kern/test.h"
#include "user_harness.h"

VG_TEST (user_syscall)
{
  struct uh_space u;
  struct uh_result r;
  TEST_ASSERT (uh_setup (&u) == 0);
  uint64_t irets = syscall_iret_returns;
  uh_run (uh_entry (user_prog_main), &r);
  TEST_ASSERT (r.how == UH_EXIT);
  TEST_ASSERT (r.test_call_ok);
  log_info ("test", "user program exit code %#lx", r.exit_code);
  TEST_ASSERT (r.exit_code == 0);
  /* Entered by iretq once; the test call returned by sysretq.  */
  TEST_ASSERT (syscall_iret_returns == irets + 1);
  uh_teardown (&u);
  TEST_ASSERT (uh_tables_out == 0);
  return 0;
}

/* sysret to a non-canonical rip would fault in ring 0 on the user's
   stack.  The return path must take iretq instead, and the fault must
   reach user_exception as the user's #GP.  */
VG_TEST (user_sysret_noncanonical)
{
  struct uh_space u;
  struct uh_result r;
  TEST_ASSERT (uh_setup (&u) == 0);
  uh_run (uh_entry (user_prog_noncanon), &r);
  TEST_ASSERT (r.how == UH_FAULT);
  TEST_ASSERT (r.tf.vector == TRAP_GP);
  TEST_ASSERT (r.tf.rip == UP_NONCANON);
  TEST_ASSERT ((r.tf.cs & 3) == 3);
  TEST_ASSERT (syscall_iret_returns == r.iret_before + 1);
  log_info ("test", "the iretq fault was taken in ring %d",
            user_iret_faults ? 0 : 3);
  uh_teardown (&u);
  /* And the kernel still runs user code.  */
  TEST_ASSERT (uh_setup (&u) == 0);
  uh_run (uh_entry (user_prog_main), &r);
  TEST_ASSERT (r.how == UH_EXIT && r.exit_code == 0);
  uh_teardown (&u);
  return 0;
}
