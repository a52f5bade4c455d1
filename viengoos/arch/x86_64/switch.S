/* Kernel stack switching for arch_context_switch (context.c).

   arch_switch_stacks (uint64_t *save_rsp, uint64_t new_rsp): push the
   callee-saved registers, store rsp in *save_rsp, load new_rsp, pop the
   registers saved there and return into the other context.  The order
   here must match the initial frame context.c builds (struct
   initial_frame).  */

	.text
	.globl arch_switch_stacks
arch_switch_stacks:
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq %rsi, %rsp
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret

/* First code of a new context: r12 = fn, r13 = arg (context.c).  */
	.globl arch_context_trampoline
arch_context_trampoline:
	movq %r13, %rdi
	xorl %ebp, %ebp
	call *%r12
	call arch_context_returned
	ud2
