/* System-call entry (x86-64).

   Convention: `syscall` with the call number in rax and arguments in
   rdi, rsi, rdx, r10, r8, r9.  Results come back in rax (and rdx).  The
   CPU clobbers rcx (return rip) and r11 (rflags); every other register
   is preserved unless the call changes it on purpose.  See
   doc/usermode.md.

   syscall_entry.S saves the full state in the running thread's struct
   user_regs (syscall_user_regs), calls syscall_dispatch on the thread's
   kernel stack with interrupts disabled, and
   returns with sysretq, or with iretq when sysret would be unsafe or
   lossy (see syscall_dispatch).  */
#ifndef ARCH_SYSCALL_H
#define ARCH_SYSCALL_H

#include <stdint.h>

#include <arch/context.h>
#include <vg/error.h>

/* Program EFER.SCE, STAR, LSTAR and SFMASK.  Call after gdt_init.  */
void syscall_init (void);

/* Called by syscall_entry.S for every system call.  R may be changed; the
   return path sends R back to user mode.  It uses sysretq when R->rip is
   a user address, R->rcx == R->rip and R->r11 == R->rflags (true unless
   the call changed them), and iretq otherwise: sysret with a
   non-canonical rip faults in ring 0 on the user's stack, so it is never
   given one.  Calls uentry_syscall (viengoos/uentry.c).  */
void syscall_dispatch (struct user_regs *r);

/* Returned in rax for a call nothing handles: the ABI's VG_ENOSYS, like
   an unknown call number.  */
#define SYSCALL_ENOSYS ((uint64_t)VG_ENOSYS)

/* Length of the system-call instruction (syscall: 0f 05).  */
#define ARCH_SYSCALL_INSN_LEN 2

/* Make the saved state R execute the same system call again: rip back
   over the instruction (rax still holds the call number, and the
   argument registers are as the call found them).  The return then
   takes the iretq path, since rcx no longer equals rip.  */
static inline void
arch_syscall_restart (struct user_regs *r)
{
  r->rip -= ARCH_SYSCALL_INSN_LEN;
}

/* Set argument I (0 to 5, in syscalls.def's order: rdi, rsi, rdx, r10,
   r8, r9) of the system call saved in R to V: a call that restarts
   having done part of its work advances its own arguments, so that the
   call executed again goes on from there (as `rep movs' advances rsi,
   rdi and rcx).  The stubs treat argument registers as destroyed
   (<vg/syscall-trap.h>).  */
static inline void
arch_syscall_set_arg (struct user_regs *r, unsigned i, uint64_t v)
{
  switch (i)
    {
    case 0:
      r->rdi = v;
      break;
    case 1:
      r->rsi = v;
      break;
    case 2:
      r->rdx = v;
      break;
    case 3:
      r->r10 = v;
      break;
    case 4:
      r->r8 = v;
      break;
    case 5:
      r->r9 = v;
      break;
    }
}

/* Returns to user mode taken through iretq instead of sysretq (tests and
   statistics).  */
extern uint64_t syscall_iret_returns;

/* The kernel stack top syscall_entry.S switches to (set by
   arch_set_kernel_stack).  */
extern uint64_t syscall_kernel_rsp;

/* Where syscall_entry.S saves the user registers and user_return reads
   them: the running context's (arch_context_set_user_regs), or a
   scratch area for contexts without one (the bare ring-3 tests).  */
extern struct user_regs *syscall_user_regs;
extern struct user_regs syscall_scratch_regs;

#endif
