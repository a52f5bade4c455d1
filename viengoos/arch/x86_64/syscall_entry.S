/* System-call entry and every return to user mode by this path.

   syscall_entry runs with interrupts off (SFMASK clears IF, TF, DF, AC),
   on the user's stack and in ring 0.  It saves the user registers
   straight into the running thread's struct user_regs
   (syscall_user_regs, set by arch_context_switch: no copy on the way in
   or out), switches to the thread's kernel stack (syscall_kernel_rsp;
   single CPU, so globals suffice and GS is never touched) and calls
   syscall_dispatch.  user_return then sends the running thread's
   struct user_regs back to ring 3: by sysretq when that is safe and
   exact, otherwise by iretq (see include/arch/syscall.h).
   arch_enter_user uses the iretq half.  All offsets come from
   asm-offsets.c.  */

#include <asm-offsets.h>

	.text
	.globl syscall_entry
	.balign 16
syscall_entry:
	movq %rsp, syscall_scratch(%rip)
	movq syscall_user_regs(%rip), %rsp	/* Only a base: IF is off.  */
	movq %rax, UR_RAX(%rsp)
	movq %rbx, UR_RBX(%rsp)
	movq %rcx, UR_RCX(%rsp)
	movq %rdx, UR_RDX(%rsp)
	movq %rsi, UR_RSI(%rsp)
	movq %rdi, UR_RDI(%rsp)
	movq %rbp, UR_RBP(%rsp)
	movq %r8, UR_R8(%rsp)
	movq %r9, UR_R9(%rsp)
	movq %r10, UR_R10(%rsp)
	movq %r11, UR_R11(%rsp)
	movq %r12, UR_R12(%rsp)
	movq %r13, UR_R13(%rsp)
	movq %r14, UR_R14(%rsp)
	movq %r15, UR_R15(%rsp)
	movq %rcx, UR_RIP(%rsp)
	movq %r11, UR_RFLAGS(%rsp)
	movq syscall_scratch(%rip), %rax
	movq %rax, UR_RSP(%rsp)
	movq %rsp, %rdi
	movq syscall_kernel_rsp(%rip), %rsp
	xorl %ebp, %ebp			/* End of the backtrace chain.  */
	call syscall_dispatch
	/* The running thread's registers: the same thread, back on its own
	   kernel stack, whatever ran in between.  */
	movq syscall_user_regs(%rip), %rdi
	/* Fall through.  */

/* Return to user mode with the struct user_regs at %rdi.  Interrupts
   must be off.  */
user_return:
	cli
	movq UR_RIP(%rdi), %rcx
	movabsq $USER_END, %rax
	cmpq %rax, %rcx
	jae user_return_iret		/* sysret would #GP in ring 0.  */
	cmpq UR_RCX(%rdi), %rcx
	jne user_return_iret		/* rcx would be lost.  */
	movq UR_RFLAGS(%rdi), %r11
	cmpq UR_R11(%rdi), %r11
	jne user_return_iret		/* r11 would be lost.  */
	andq $RFLAGS_USER, %r11
	orq $RFLAGS_SET, %r11
	movq UR_RAX(%rdi), %rax
	movq UR_RBX(%rdi), %rbx
	movq UR_RDX(%rdi), %rdx
	movq UR_RSI(%rdi), %rsi
	movq UR_RBP(%rdi), %rbp
	movq UR_R8(%rdi), %r8
	movq UR_R9(%rdi), %r9
	movq UR_R10(%rdi), %r10
	movq UR_R12(%rdi), %r12
	movq UR_R13(%rdi), %r13
	movq UR_R14(%rdi), %r14
	movq UR_R15(%rdi), %r15
	movq UR_RSP(%rdi), %rsp
	movq UR_RDI(%rdi), %rdi
	sysretq

	.globl arch_enter_user
arch_enter_user:
	cli
user_return_iret:
	incq syscall_iret_returns(%rip)
	pushq $USER_SS
	pushq UR_RSP(%rdi)
	movq UR_RFLAGS(%rdi), %rax
	andq $RFLAGS_USER, %rax
	orq $RFLAGS_SET, %rax
	pushq %rax
	pushq $USER_CS
	pushq UR_RIP(%rdi)
	movq UR_RAX(%rdi), %rax
	movq UR_RBX(%rdi), %rbx
	movq UR_RCX(%rdi), %rcx
	movq UR_RDX(%rdi), %rdx
	movq UR_RSI(%rdi), %rsi
	movq UR_RBP(%rdi), %rbp
	movq UR_R8(%rdi), %r8
	movq UR_R9(%rdi), %r9
	movq UR_R10(%rdi), %r10
	movq UR_R11(%rdi), %r11
	movq UR_R12(%rdi), %r12
	movq UR_R13(%rdi), %r13
	movq UR_R14(%rdi), %r14
	movq UR_R15(%rdi), %r15
	movq UR_RDI(%rdi), %rdi
	/* A fault here (a non-canonical rip on CPUs that check it in iretq)
	   is raised in ring 0 with the user's registers loaded; trap.c
	   reports it as the user's fault (user_trap.c).  */
	.globl user_iret_insn
user_iret_insn:
	iretq

	.bss
	.balign 8
syscall_scratch:
	.quad 0
