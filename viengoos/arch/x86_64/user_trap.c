/* Exceptions from user mode (see include/arch/trap.h).  */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/trap.h>

#include "gdt.h"
#include "kern/log.h"
#include "uentry.h"
#include "user_trap.h"

/* The two iretq instructions that return to user mode.  */
extern char user_iret_insn[], trap_iret_insn[];

uint64_t user_iret_faults;

void
user_exception_log (const struct trap_frame *tf)
{
  log_warn ("user",
            "exception %lu, error %#lx, rip %#lx, cr2 %#lx: thread stopped",
            tf->vector, tf->error, tf->rip,
            tf->vector == TRAP_PF ? read_cr2 () : 0ul);
}

void
arch_user_fault_default (struct trap_frame *tf)
{
  (void)tf;
  for (;;)
    cpu_sti_halt ();
}

void
user_exception (struct trap_frame *tf)
{
  uentry_exception (tf);
  /* Resuming: whatever the entry path did, the frame goes back to ring 3
     with user selectors and only user-controllable flags.  */
  tf->cs = GDT_UCODE | 3;
  tf->ss = GDT_UDATA | 3;
  tf->rflags = arch_rflags_user (tf->rflags);
}

/* An iretq to ring 3 faulted in ring 0 (#GP for a non-canonical rip or a
   bad selector, #SS, #NP).  Every general register already holds the
   user's value, so TF has them; the user's rip, cs, rflags, rsp and ss
   are the iretq frame at TF->rsp.  Report that state as a user #GP; if
   the handler returns, put its changes back and retry the iretq.  */
bool
user_iret_fault (struct trap_frame *tf)
{
  if ((tf->rip != (uint64_t)user_iret_insn
       && tf->rip != (uint64_t)trap_iret_insn)
      || (tf->vector != TRAP_GP && tf->vector != 11 && tf->vector != 12))
    return false;
  user_iret_faults++;
  uint64_t *frame = (uint64_t *)tf->rsp;
  struct trap_frame u = *tf;
  u.rip = frame[0];
  u.cs = frame[1];
  u.rflags = frame[2];
  u.rsp = frame[3];
  u.ss = frame[4];
  user_exception (&u);
  frame[0] = u.rip;
  frame[1] = u.cs;
  frame[2] = u.rflags;
  frame[3] = u.rsp;
  frame[4] = u.ss;
  struct trap_frame k = *tf;
  *tf = u;
  tf->rip = k.rip;
  tf->cs = k.cs;
  tf->rflags = k.rflags;
  tf->rsp = k.rsp;
  tf->ss = k.ss;
  return true;
}
