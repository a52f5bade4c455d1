/* System tests: exceptions in ring 3 reach user_exception with the right
   vector and never panic the kernel, which goes on running user code;
   timer interrupts arrive while a user program spins.  */
#include <arch/cpu.h>
#include <arch/trap.h>

#include "kern/test.h"
#include "user_harness.h"

VG_TEST (user_faults)
{
  struct uh_space u;
  struct uh_result r;
  TEST_ASSERT (uh_setup (&u) == 0);

  uh_run (uh_entry (user_prog_hlt), &r);
  TEST_ASSERT (r.how == UH_FAULT);
  TEST_ASSERT (r.tf.vector == TRAP_GP);
  TEST_ASSERT (r.tf.error == 0);
  TEST_ASSERT (r.tf.rip == uh_entry (user_prog_hlt));
  TEST_ASSERT (r.tf.cs == 0x2b && r.tf.ss == 0x23);

  uh_run (uh_entry (user_prog_div), &r);
  TEST_ASSERT (r.how == UH_FAULT);
  TEST_ASSERT (r.tf.vector == TRAP_DE);
  TEST_ASSERT ((r.tf.cs & 3) == 3);

  uh_run (uh_entry (user_prog_kjmp), &r);
  TEST_ASSERT (r.how == UH_FAULT);
  TEST_ASSERT (r.tf.vector == TRAP_PF);
  TEST_ASSERT (r.cr2 == UP_KERNEL_ADDR);
  TEST_ASSERT (r.tf.rip == UP_KERNEL_ADDR);
  /* Present (a supervisor page), user mode, instruction fetch.  */
  TEST_ASSERT ((r.tf.error & 0x15) == 0x15);

  /* After three faults, a normal run still works.  */
  uh_run (uh_entry (user_prog_main), &r);
  TEST_ASSERT (r.how == UH_EXIT && r.exit_code == 0);
  uh_teardown (&u);
  TEST_ASSERT (uh_tables_out == 0);
  return 0;
}

VG_TEST (user_timer)
{
  struct uh_space u;
  struct uh_result r;
  TEST_ASSERT (uh_setup (&u) == 0);
  uint64_t before = trap_user_irqs;
  uh_run (uh_entry (user_prog_spin), &r);
  TEST_ASSERT (r.how == UH_EXIT && r.exit_code == 0);
  /* Most of the spin is in ring 3, so most ticks land there.  */
  TEST_ASSERT (trap_user_irqs >= before + 3);
  uh_teardown (&u);
  return 0;
}
