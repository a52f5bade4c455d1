/* Traps, exceptions and interrupts (x86-64).

   entry.S builds a struct trap_frame on the kernel stack for every vector
   and calls trap_dispatch().  Its layout is shared with the assembly
   through generated offsets (asm-offsets.c).  */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdbool.h>
#include <stdint.h>

#include <arch/context.h>
#include <arch/cpu.h>

struct trap_frame
{
  uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
  uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
  uint64_t vector, error;
  /* Pushed by the CPU.  */
  uint64_t rip, cs, rflags, rsp, ss;
};

#define TRAP_DE 0
#define TRAP_DB 1
#define TRAP_NMI 2
#define TRAP_BP 3
#define TRAP_UD 6
#define TRAP_NM 7
#define TRAP_DF 8
#define TRAP_GP 13
#define TRAP_PF 14
#define TRAP_MC 18
#define TRAP_IRQ_BASE 32
#define TRAP_NVECTORS 48

void trap_dispatch (struct trap_frame *tf);
void idt_init (void);
void gdt_init (void);

/* Register HANDLER for legacy IRQ line IRQ (0-15) and unmask it.  */
void irq_register (unsigned irq, void (*handler) (struct trap_frame *));

/* The exception table: a kernel instruction that may fault on purpose
   (touching a user address, a test's deliberate fault) is listed with a
   fixup address.  A fault there resumes at the fixup instead of
   panicking, and the fault is recorded for the caller to inspect.  */
struct extable_entry
{
  uint64_t insn;
  uint64_t fixup;
};

#define EXTABLE_ENTRY(insn, fixup)                                            \
  ".pushsection .extable, \"a\"\n\t.balign 8\n\t.quad " #insn ", " #fixup     \
  "\n\t.popsection\n\t"

struct trap_fixup_record
{
  uint64_t count;  /* Fixups taken since boot.  */
  uint64_t vector; /* Of the last one.  */
  uint64_t error;
  uint64_t cr2;
  uint64_t rip;
};

extern struct trap_fixup_record trap_last_fixup;

/* Exceptions from user mode (user_trap.c).  trap_dispatch sends every
   exception taken in ring 3 to user_exception, and also a fault of the
   iretq that returns to user mode (raised in ring 0 on CPUs that check
   the return rip), rebuilt as the user's frame.  Never a kernel panic.

   user_exception calls uentry_exception (viengoos/uentry.c), which
   decides what happens; if it returns, the (possibly changed) frame is
   resumed with user selectors and sanitised rflags.

   A kernel access to a user address (an exception-table instruction,
   such as usercopy.c's) may fault only because a mapping is not cached
   yet: trap.c asks uentry_kernel_user_fault first.  After an interrupt
   taken in ring 3, trap.c calls uentry_irq_exit (preemption).  */
void user_exception (struct trap_frame *tf);
/* The log line of a user exception nobody handles.  */
void user_exception_log (const struct trap_frame *tf);
/* What happens to a faulting user context with no thread to stop (no
   scheduler yet): the CPU idles with interrupts on and never returns.  */
_Noreturn void arch_user_fault_default (struct trap_frame *tf);

/* A user exception, decoded for the generic entry path.  */
struct arch_fault
{
  uint64_t addr;    /* Page faults: the faulting address.  */
  uint32_t vector;  /* CPU vector.  */
  uint32_t error;   /* CPU error code.  */
  bool page_fault;  /* A page fault (the others are exceptions).  */
  bool write, exec; /* Page faults: the access.  */
  bool present;     /* Page faults: a protection violation.  */
};

/* Copy the user state between a trap frame and a struct user_regs;
   arch_frame_from_regs sanitises rflags (arch_rflags_user).
   They sit on every entry from user mode, so they are inline.  */
static inline void
arch_fault_decode (const struct trap_frame *tf, struct arch_fault *f)
{
  bool pf = tf->vector == TRAP_PF;
  *f = (struct arch_fault){
    .addr = pf ? read_cr2 () : 0,
    .vector = (uint32_t)tf->vector,
    .error = (uint32_t)tf->error,
    .page_fault = pf,
    .write = pf && (tf->error & 2),
    .exec = pf && (tf->error & 16),
    .present = pf && (tf->error & 1),
  };
}

static inline void
arch_regs_from_frame (struct user_regs *r, const struct trap_frame *tf)
{
  *r = (struct user_regs){
    .rax = tf->rax,
    .rbx = tf->rbx,
    .rcx = tf->rcx,
    .rdx = tf->rdx,
    .rsi = tf->rsi,
    .rdi = tf->rdi,
    .rbp = tf->rbp,
    .r8 = tf->r8,
    .r9 = tf->r9,
    .r10 = tf->r10,
    .r11 = tf->r11,
    .r12 = tf->r12,
    .r13 = tf->r13,
    .r14 = tf->r14,
    .r15 = tf->r15,
    .rip = tf->rip,
    .rflags = tf->rflags,
    .rsp = tf->rsp,
  };
}

static inline void
arch_frame_from_regs (struct trap_frame *tf, const struct user_regs *r)
{
  tf->rax = r->rax, tf->rbx = r->rbx, tf->rcx = r->rcx, tf->rdx = r->rdx;
  tf->rsi = r->rsi, tf->rdi = r->rdi, tf->rbp = r->rbp, tf->r8 = r->r8;
  tf->r9 = r->r9, tf->r10 = r->r10, tf->r11 = r->r11, tf->r12 = r->r12;
  tf->r13 = r->r13, tf->r14 = r->r14, tf->r15 = r->r15, tf->rip = r->rip;
  tf->rsp = r->rsp;
  tf->rflags = arch_rflags_user (r->rflags);
}

/* iretq faults to ring 3 taken in ring 0 and reported as the user's
   (CPUs that check the return rip in iretq do this; others fault in
   ring 3 on the first fetch).  */
extern uint64_t user_iret_faults;

/* Interrupts taken while in user mode (statistics and tests).  */
extern uint64_t trap_user_irqs;

/* Print the frame's registers and a backtrace from it.  */
void trap_dump (const struct trap_frame *tf);
void backtrace_from (uint64_t rip, uint64_t rbp);
void backtrace_trap (const struct trap_frame *tf);

#endif
