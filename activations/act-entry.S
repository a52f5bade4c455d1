/* The activation entry stub and the exact resume paths (see act.h and
   doc/activations.md).  Offsets come from act-offsets.c.

   act_entry: the kernel enters here in activated mode with rdi = the
   area, rsi = the event, rsp = the handler stack (never the interrupted
   stack), rflags = IF; the FPU registers still hold the interrupted
   state, which the area has a copy of.  */
#include <act-offsets.h>

	.text
	.globl act_entry
	.type act_entry, @function
act_entry:
	cld
	andq $-16, %rsp
	fninit				/* A clean FPU for the handler.  */
	ldmxcsr act_mxcsr_default(%rip)
	movq %rdi, %rbx			/* The area (callee-saved).  */
	call act_dispatch
	movq %rbx, %rdi
	/* Fall through.  */

/* Resume from the area at rdi: put the FPU image back, then let the
   kernel leave activated mode and load the saved registers (or enter
   us again with a queued event).  */
act_resume_area:
	movq %rdi, %rbx
	cmpl $ACT_FPU_XSAVE, AA_FPU_FORMAT(%rbx)
	jne 1f
	movl $-1, %eax
	movl $-1, %edx
	xrstor64 AA_FPU(%rbx)
	jmp 2f
1:	fxrstor64 AA_FPU(%rbx)
2:	movl $ACT_SYS_RETURN, %eax
	syscall
	movq %rbx, %rdi			/* It failed: report, never return.  */
	movl %eax, %esi
	andq $-16, %rsp
	call act_return_failed
	ud2
	.size act_entry, . - act_entry

/* Normal mode: activation_return left activated mode into here with
   rdi = the frame (struct act_frame), on the interrupted stack below its
   red zone or on the alternate stack.  Run the handler, then resume the
   frame's state without the kernel: FPU image, then rflags and rip into
   the two slots below the red zone of the interrupted stack, every
   general register from the frame, rsp pointing at the slots, popfq,
   and `ret $ACT_RET_POP` lands on the interrupted rip with rsp exact.
   The red zone is never written.  */
	.globl act_normal_entry
	.type act_normal_entry, @function
act_normal_entry:
	movq %rdi, %rbx
	call act_normal_run
	cmpl $ACT_FPU_XSAVE, AF_FPU_FORMAT(%rbx)
	jne 1f
	movl $-1, %eax
	movl $-1, %edx
	xrstor64 AF_FPU(%rbx)
	jmp 2f
1:	fxrstor64 AF_FPU(%rbx)
2:	leaq AF_REGS(%rbx), %rsp
	movq AR_RSP(%rsp), %rax
	movq AR_RFLAGS(%rsp), %rcx
	movq %rcx, -ACT_GAP_RFLAGS(%rax)
	movq AR_RIP(%rsp), %rcx
	movq %rcx, -ACT_GAP_RIP(%rax)
	movq AR_RAX(%rsp), %rax
	movq AR_RBX(%rsp), %rbx
	movq AR_RCX(%rsp), %rcx
	movq AR_RDX(%rsp), %rdx
	movq AR_RSI(%rsp), %rsi
	movq AR_RDI(%rsp), %rdi
	movq AR_RBP(%rsp), %rbp
	movq AR_R8(%rsp), %r8
	movq AR_R9(%rsp), %r9
	movq AR_R10(%rsp), %r10
	movq AR_R11(%rsp), %r11
	movq AR_R12(%rsp), %r12
	movq AR_R13(%rsp), %r13
	movq AR_R14(%rsp), %r14
	movq AR_R15(%rsp), %r15
	movq AR_RSP(%rsp), %rsp
	leaq -ACT_GAP_RFLAGS(%rsp), %rsp
	popfq
	ret $ACT_RET_POP
	.size act_normal_entry, . - act_normal_entry

	.section .rodata
	.balign 4
act_mxcsr_default:
	.long 0x1f80

	.section .note.GNU-stack, "", @progbits
