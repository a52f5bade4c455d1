/* A tiny ring-3 test program, position-independent, kept in .rodata as a
   blob (user_prog_start..user_prog_end) that the harness copies to a
   user page.  Each user_prog_* label is a separate entry point.  */

#include "user_prog.h"

	.section .rodata
	.balign 16
	.globl user_prog_start, user_prog_end
user_prog_start:

/* Make a system call with known arguments and callee registers, check
   what comes back, and exit with a bitmask of what was wrong (0 = all
   good).  */
	.globl user_prog_main
user_prog_main:
	movq $0x1b, %rbx
	movq $0x1bb, %rbp
	movq $0x12, %r12
	movq $0x13, %r13
	movq $0x14, %r14
	movq $0x15, %r15
	pushq $0x77
	movl $UP_SYS_TEST, %eax
	movq $0x11, %rdi
	movq $0x22, %rsi
	movq $0x33, %rdx
	movq $0x44, %r10
	movq $0x55, %r8
	movq $0x66, %r9
	syscall
	xorl %ecx, %ecx			/* rcx and r11 are clobbered anyway.  */
	cmpq $UP_TEST_RAX, %rax
	je 1f
	orl $1, %ecx
1:	cmpq $UP_TEST_RDX, %rdx
	je 1f
	orl $2, %ecx
1:	cmpq $0x11, %rdi
	jne 2f
	cmpq $0x22, %rsi
	jne 2f
	cmpq $0x44, %r10
	jne 2f
	cmpq $0x55, %r8
	jne 2f
	cmpq $0x66, %r9
	je 1f
2:	orl $4, %ecx
1:	cmpq $0x1b, %rbx
	jne 2f
	cmpq $0x1bb, %rbp
	jne 2f
	cmpq $0x12, %r12
	jne 2f
	cmpq $0x13, %r13
	jne 2f
	cmpq $0x14, %r14
	jne 2f
	cmpq $0x15, %r15
	je 1f
2:	orl $8, %ecx
1:	popq %rax
	cmpq $0x77, %rax
	je 1f
	orl $16, %ecx
1:	cmpq $UP_STACK_TOP, %rsp
	je 1f
	orl $32, %ecx
1:	movl $UP_SYS_EXIT, %eax
	movq %rcx, %rdi
	syscall
	ud2

/* Privileged instruction: #GP.  */
	.globl user_prog_hlt
user_prog_hlt:
	hlt
	ud2

/* Divide by zero: #DE.  */
	.globl user_prog_div
user_prog_div:
	xorl %ecx, %ecx
	movl $1, %eax
	xorl %edx, %edx
	divl %ecx
	ud2

/* Jump into the kernel: #PF, user, instruction fetch, present.  */
	.globl user_prog_kjmp
user_prog_kjmp:
	movabsq $UP_KERNEL_ADDR, %rax
	jmpq *%rax

/* Ask to be returned to a non-canonical rip.  */
	.globl user_prog_noncanon
user_prog_noncanon:
	movl $UP_SYS_NONCANON, %eax
	syscall
	ud2

/* Spin in ring 3 until the timer has ticked 5 times, then exit 0.  */
	.globl user_prog_spin
user_prog_spin:
	movl $UP_SYS_TICKS, %eax
	syscall
	movq %rax, %rbx
2:	movl $100000, %ecx
3:	decl %ecx
	jnz 3b
	movl $UP_SYS_TICKS, %eax
	syscall
	subq %rbx, %rax
	cmpq $5, %rax
	jb 2b
	movl $UP_SYS_EXIT, %eax
	xorl %edi, %edi
	syscall
	ud2

/* Touch the quadword at rdi: store rsi there first unless rsi is 0;
   exit with what is read back.  */
	.globl user_prog_touch
user_prog_touch:
	testq %rsi, %rsi
	jz 1f
	movq %rsi, (%rdi)
1:	movq (%rdi), %rdi
	movl $UP_SYS_EXIT, %eax
	syscall
	ud2

user_prog_end:
