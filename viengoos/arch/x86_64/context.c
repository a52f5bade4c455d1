/* Kernel contexts (see include/arch/context.h).  */
#include <arch/context.h>
#include <arch/syscall.h>

#include <arch/cpu.h>

#include "gdt.h"
#include "kern/panic.h"

/* What arch_switch_stacks pops from a new context's stack (switch.S).  */
struct initial_frame
{
  uint64_t r15, r14, r13, r12, rbx, rbp;
  uint64_t rip; /* After the ret, rsp is 16-byte aligned, as the
                   trampoline's call needs.  */
};

void arch_switch_stacks (uint64_t *save_rsp, uint64_t new_rsp);
void arch_context_trampoline (void);
_Noreturn void arch_context_returned (void);

void
arch_context_returned (void)
{
  panic ("arch_context: a context's start function returned");
}

void
arch_context_init (struct arch_context *c, void *stack, size_t size,
                   void (*fn) (void *), void *arg)
{
  uint64_t top = ((uint64_t)stack + size) & ~15ull;
  struct initial_frame *f = (struct initial_frame *)top - 1;
  *f = (struct initial_frame){
    .r12 = (uint64_t)fn,
    .r13 = (uint64_t)arg,
    .rip = (uint64_t)arch_context_trampoline,
  };
  c->rsp = (uint64_t)f;
  c->kstack_top = top;
  c->uregs = NULL;
}

void
arch_set_kernel_stack (uint64_t top)
{
  gdt_set_kernel_stack (top);
  syscall_kernel_rsp = top;
}

void
arch_context_switch (struct arch_context *from, struct arch_context *to)
{
  if (to->kstack_top)
    arch_set_kernel_stack (to->kstack_top);
  syscall_user_regs = to->uregs ? to->uregs : &syscall_scratch_regs;
  arch_switch_stacks (&from->rsp, to->rsp);
}

#define MSR_FS_BASE 0xc0000100u
#define MSR_GS_BASE 0xc0000101u

void
arch_thread_load_tls (uint64_t fs_base, uint64_t gs_base)
{
  wrmsr (MSR_FS_BASE, fs_base);
  wrmsr (MSR_GS_BASE, gs_base);
}
