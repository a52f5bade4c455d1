/* Thread register state (x86-64): the user registers saved on every
   system call, the kernel context a scheduler switches between, and
   entering user mode.

   Each thread has its own kernel stack.  While a thread runs, its
   stack's top is in the TSS (rsp0, used by traps from ring 3) and in
   syscall_kernel_rsp (used by syscall_entry.S); arch_context_switch keeps both
   current.  A system call saves the user registers straight into the
   thread's own struct user_regs (arch_context_set_user_regs); a trap
   from ring 3 builds a struct trap_frame on the kernel stack.  */
#ifndef ARCH_CONTEXT_H
#define ARCH_CONTEXT_H

#include <stddef.h>
#include <stdint.h>

/* The user-visible integer register state.  syscall_entry.S fills and reads it
   through generated offsets (asm-offsets.c).  On entry by `syscall`, rcx
   holds the user rip and r11 the user rflags, as the CPU left them.  */
struct user_regs
{
  uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
  uint64_t rip, rflags, rsp;
};
_Static_assert(sizeof (struct user_regs) % 16 == 0,
               "syscall_entry.S keeps the stack 16-byte aligned");

/* RFLAGS bits a user program may hold: CF PF AF ZF SF TF DF OF AC ID.
   Returning to user mode keeps these, forces IF and the reserved bit 1
   on, and clears the rest (IOPL, NT, RF, VM, VIF, VIP).  */
#define RFLAGS_USER_MASK 0x240dd5ull
#define RFLAGS_IF 0x200ull
#define RFLAGS_RESERVED 0x2ull

/* The one rflags sanitiser: what any user-supplied or saved rflags
   becomes before it returns to user mode.  */
static inline uint64_t
arch_rflags_user (uint64_t rflags)
{
  return (rflags & RFLAGS_USER_MASK) | RFLAGS_IF | RFLAGS_RESERVED;
}

/* Make R safe to resume in user mode (see arch_rflags_user).  */
static inline void
arch_regs_sanitize (struct user_regs *r)
{
  r->rflags = arch_rflags_user (r->rflags);
}

/* Load a thread's user TLS bases (fs and gs) for its next return to
   user mode.  */
void arch_thread_load_tls (uint64_t fs_base, uint64_t gs_base);

/* A kernel context: what arch_context_switch saves.  The callee-saved
   registers (rbx rbp r12-r15) live on the context's own stack; rsp points
   at them.  */
struct arch_context
{
  uint64_t rsp;            /* Saved stack pointer.  */
  uint64_t kstack_top;     /* Top of this context's kernel stack, loaded into
                              the TSS and syscall_kernel_rsp on switch-in; 0 for
                              a context that never runs user code.  */
  struct user_regs *uregs; /* Where its system calls save the user
                              registers, or NULL: a scratch area.  */
};

/* Prepare C to start FN (ARG) on the stack [STACK, STACK + SIZE) when
   first switched to.  FN must not return (it panics if it does).  */
void arch_context_init (struct arch_context *c, void *stack, size_t size,
                        void (*fn) (void *), void *arg);

/* While C runs, system calls save the user registers in R and return
   to user mode from R (R outlives C's use of user mode).  */
static inline void
arch_context_set_user_regs (struct arch_context *c, struct user_regs *r)
{
  c->uregs = r;
}

/* Save the current kernel context in FROM and resume TO.  Returns when
   something switches back to FROM.  */
void arch_context_switch (struct arch_context *from, struct arch_context *to);

/* Make TOP the kernel stack for traps and system calls from user mode.  */
void arch_set_kernel_stack (uint64_t top);

/* Enter user mode with register state R (by iretq, which also loads rcx
   and r11 from R).  Uses the current stack to build the frame.  The
   thread's kernel stack must already be set (arch_context_switch or
   arch_set_kernel_stack): traps from ring 3 land on it.  Never
   returns; the thread comes back only by a system call or a trap.  */
_Noreturn void arch_enter_user (const struct user_regs *r);

#endif
