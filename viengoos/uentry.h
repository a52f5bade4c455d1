/* Every entry from user mode (uentry.c).  The architecture's entry code
   calls these directly: arch/x86_64/syscall.c, user_trap.c and trap.c.  */
#ifndef VG_UENTRY_H
#define VG_UENTRY_H

#include <stdbool.h>
#include <stdint.h>

struct user_regs;
struct trap_frame;

/* A system call with user state R; R is what returns to user mode.  */
void uentry_syscall (struct user_regs *r);

/* Interrupt IRQ was taken while interrupts were on (in ring 3 or in
   the idle loop): an entry begins (entry statistics only).  */
void uentry_irq_enter (unsigned irq);

/* The timer interrupt (arch timer.c), from ring 3 or the idle loop:
   wake expired sleepers, the reclaimer's tick (notices, ager, free
   pool), then the scheduler's charge and preemption decision.  */
void uentry_timer_tick (void);

/* An interrupt taken in ring 3 was handled and acknowledged: the
   scheduler may preempt the thread here.  TF is the user's state.  */
void uentry_irq_exit (struct trap_frame *tf);

/* An exception taken in ring 3 (or an iretq fault reported as the
   user's).  Returns only to resume TF.  */
void uentry_exception (struct trap_frame *tf);

/* A kernel access to user address ADDR (an exception-table instruction)
   faulted: fill the address-space cache if the access may succeed.
   True means "mapped now, retry".  */
bool uentry_kernel_user_fault (uint64_t addr, bool write);

#endif
