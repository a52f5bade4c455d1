/* Exception and interrupt entry: one stub per vector pushes a fake error
   code where the CPU pushes none, then the vector, and joins trap_common,
   which completes a struct trap_frame (include/arch/trap.h) and calls
   trap_dispatch().  */

#include <asm-offsets.h>


	.altmacro
	.text
	.macro stub vec
	.balign 16
trap_stub_\vec:
	.if !((\vec == 8) || ((\vec >= 10) && (\vec <= 14)) || (\vec == 17) || (\vec == 21) || (\vec == 29) || (\vec == 30))
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
	.endm

	.set v, 0
	.rept 48
	stub %v
	.set v, v + 1
	.endr

trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	/* The layout just built must be struct trap_frame's.  */
	.if TF_RAX != 14 * 8 || TF_VECTOR != 15 * 8 || TF_RIP != 17 * 8
	.error "struct trap_frame does not match entry.S"
	.endif
	/* Clear AC (a user's AC would switch SMAP off in the kernel) and
	   DF.  IF is already clear: every vector is an interrupt gate.  */
	pushq $2
	popfq
	movq %rsp, %rdi
	call trap_dispatch
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $(TF_RIP - TF_VECTOR), %rsp
	/* A fault here returning to ring 3 is the user's (user_trap.c).  */
	.globl trap_iret_insn
trap_iret_insn:
	iretq

	.section .rodata
	.balign 8
	.globl trap_stubs
trap_stubs:
	.macro stub_ref vec
	.quad trap_stub_\vec
	.endm
	.set v, 0
	.rept 48
	stub_ref %v
	.set v, v + 1
	.endr
