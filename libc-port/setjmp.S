/* setjmp and longjmp for newlib programs.  newlib 3.3.0's x86-64
   longjmp returns VALUE as it is, so longjmp (env, 0) makes setjmp
   return 0 again (C11 7.13.2.1 says 1); this pair replaces it (both
   together, so newlib's object is never linked).  jmp_buf (8 quadwords):
   rbx, rbp, r12, r13, r14, r15, the caller's rsp, the return rip.  */
	.text
	.globl setjmp
	.type setjmp, @function
setjmp:
	movq %rbx, 0(%rdi)
	movq %rbp, 8(%rdi)
	movq %r12, 16(%rdi)
	movq %r13, 24(%rdi)
	movq %r14, 32(%rdi)
	movq %r15, 40(%rdi)
	leaq 8(%rsp), %rax		/* rsp after our return.  */
	movq %rax, 48(%rdi)
	movq (%rsp), %rax		/* Our return address.  */
	movq %rax, 56(%rdi)
	xorl %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp
	.type longjmp, @function
longjmp:
	movl %esi, %eax
	testl %eax, %eax
	jnz 1f
	incl %eax			/* longjmp (env, 0) returns 1.  */
1:	movq 0(%rdi), %rbx
	movq 8(%rdi), %rbp
	movq 16(%rdi), %r12
	movq 24(%rdi), %r13
	movq 32(%rdi), %r14
	movq 40(%rdi), %r15
	movq 48(%rdi), %rsp
	jmpq *56(%rdi)
	.size longjmp, . - longjmp

	.section .note.GNU-stack, "", @progbits
