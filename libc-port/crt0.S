/* The entry point of newlib programs.  The loader enters _start in ring 3
   with %rdi = the start block's address and %rsi = VG_START_MAGIC when it
   passes arguments (include/vgstart.h), and promises nothing else: not
   the stack, not the other registers.  _start zeroes .bss (__bss_start to
   _end, from activations/user.ld) in case the loader did not, switches to
   its own 64 KiB start stack in .bss, 16-byte aligned at the call as the
   SysV ABI wants, and calls vg_libc_start (start.c), which never
   returns: it moves to the real stack (stack.c) through stack_switch.  */
	.section .text.start, "ax"
	.globl _start
	.type _start, @function
_start:
	cld
	movq %rdi, %r12			/* Start block and magic survive  */
	movq %rsi, %r13			/* the zeroing below.  */
	leaq __bss_start(%rip), %rdi
	leaq _end(%rip), %rcx
	subq %rdi, %rcx
	xorl %eax, %eax
	rep stosb
	xorl %ebp, %ebp			/* Outermost frame for backtraces.  */
	leaq vg_libc_start_stack_top(%rip), %rsp
	andq $-16, %rsp
	movq %r12, %rdi
	movq %r13, %rsi
	call vg_libc_start
1:	pause				/* vg_libc_start does not return.  */
	jmp 1b
	.size _start, . - _start

/* stack_switch (fn, arg, top): call FN (ARG) on the stack ending at
   TOP (stack.h); FN does not return.  */
	.globl stack_switch
	.type stack_switch, @function
stack_switch:
	movq %rdx, %rsp
	andq $-16, %rsp
	xorl %ebp, %ebp			/* Outermost frame again.  */
	movq %rdi, %rax
	movq %rsi, %rdi
	call *%rax
1:	ud2
	.size stack_switch, . - stack_switch

/* newlib is configured with HAVE_INIT_FINI: __libc_init_array calls _init
   and __libc_fini_array _fini.  The constructors are all in
   .init_array/.fini_array; these have nothing to do.  */
	.text
	.globl _init
	.type _init, @function
_init:
	ret
	.size _init, . - _init
	.globl _fini
	.type _fini, @function
_fini:
	ret
	.size _fini, . - _fini

/* The start stack: 64 KiB, until stack.c maps the real one.  */
	.section .bss
	.balign 4096
	.globl vg_libc_start_stack
vg_libc_start_stack:
	.skip 65536
vg_libc_start_stack_top:

	.section .note.GNU-stack, "", @progbits
