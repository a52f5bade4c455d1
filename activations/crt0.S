/* The user program entry point.  The kernel's ELF loader jumps to _start
   in ring 3 with no promise about the registers, the stack included, so
   crt0 switches to its own stack in .bss (aligned as the SysV ABI wants
   at a call) and calls vg_start (start.c), which never returns, passing
   rdi and rsi on untouched (the start block or boot info, and the
   magic: see start.c).  */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	xorl %ebp, %ebp			/* Outermost frame for backtraces.  */
	leaq vg_crt0_stack_top(%rip), %rsp
	andq $-16, %rsp
	call vg_start
1:	pause				/* vg_start does not return.  */
	jmp 1b
	.size _start, . - _start

	.section .bss
	.balign 4096
	.globl vg_crt0_stack
vg_crt0_stack:
	.skip 65536
vg_crt0_stack_top:

	.section .note.GNU-stack, "", @progbits
