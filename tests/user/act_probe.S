/* act_probe (struct probe *p, fault kind in esi): load a known value
   into every general register (rsp aside), the flags (CF PF AF ZF SF OF
   DF) and xmm0-15, fill the red zone below rsp, take a fault, and store
   what the registers, flags and red zone hold afterwards in *P (see
   act_probe.h).  Kind 0: ud2 (#UD; the handler skips 2 bytes).  Kind 1:
   movabs %al, PROBE_ADDR (a 9-byte write to a fixed address; the
   handler maps it or skips 9 bytes).  */
#define PROBE_ADDR 0x5000000000
	.text
	.globl act_probe
	.type act_probe, @function
act_probe:
	pushq %rbx
	pushq %rbp
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rdi, probe_out(%rip)
	movl %esi, probe_kind(%rip)
	/* xmm0-15 from the pattern table.  */
	leaq xmm_pattern(%rip), %rax
	movdqu 0(%rax), %xmm0
	movdqu 16(%rax), %xmm1
	movdqu 32(%rax), %xmm2
	movdqu 48(%rax), %xmm3
	movdqu 64(%rax), %xmm4
	movdqu 80(%rax), %xmm5
	movdqu 96(%rax), %xmm6
	movdqu 112(%rax), %xmm7
	movdqu 128(%rax), %xmm8
	movdqu 144(%rax), %xmm9
	movdqu 160(%rax), %xmm10
	movdqu 176(%rax), %xmm11
	movdqu 192(%rax), %xmm12
	movdqu 208(%rax), %xmm13
	movdqu 224(%rax), %xmm14
	movdqu 240(%rax), %xmm15
	/* The red zone: 16 quadwords of 0x5252...+i.  */
	movabsq $0x5252525252525200, %rax
	movq $16, %rcx
1:	movq %rax, -136(%rsp,%rcx,8)
	incq %rax
	loop 1b
	movabsq $0x1111111111111111, %rax
	movabsq $0x2222222222222222, %rbx
	movabsq $0x3333333333333333, %rcx
	movabsq $0x4444444444444444, %rdx
	movabsq $0x5555555555555555, %rsi
	movabsq $0x6666666666666666, %rdi
	movabsq $0x7777777777777777, %rbp
	movabsq $0x8888888888888888, %r8
	movabsq $0x9999999999999999, %r9
	movabsq $0xaaaaaaaaaaaaaaaa, %r10
	movabsq $0xbbbbbbbbbbbbbbbb, %r11
	movabsq $0xcccccccccccccccc, %r12
	movabsq $0xdddddddddddddddd, %r13
	movabsq $0xeeeeeeeeeeeeeeee, %r14
	movabsq $0xffffffffffffff0f, %r15
	cmpl $0, probe_kind(%rip)
	/* Flags: CF PF AF ZF SF OF and DF (0xcd5), by popfq from the red
	   zone's first slot (restored below), so no flag is set after.  */
	movq %r15, -8(%rsp)
	movq $0xed7, %r15
	movq %r15, -16(%rsp)
	movq -8(%rsp), %r15
	je 2f
	subq $16, %rsp
	popfq
	leaq 8(%rsp), %rsp
	movabsb %al, PROBE_ADDR
	jmp 3f
2:	subq $16, %rsp
	popfq
	leaq 8(%rsp), %rsp
	ud2
3:	pushfq
	pushq %rax
	movq probe_out(%rip), %rax
	movq %rbx, 8(%rax)
	movq %rcx, 16(%rax)
	movq %rdx, 24(%rax)
	movq %rsi, 32(%rax)
	movq %rdi, 40(%rax)
	movq %rbp, 48(%rax)
	movq %r8, 56(%rax)
	movq %r9, 64(%rax)
	movq %r10, 72(%rax)
	movq %r11, 80(%rax)
	movq %r12, 88(%rax)
	movq %r13, 96(%rax)
	movq %r14, 104(%rax)
	movq %r15, 112(%rax)
	popq %rbx
	movq %rbx, 0(%rax)
	popq %rbx
	movq %rbx, 120(%rax)
	cld
	movdqu %xmm0, 128(%rax)
	movdqu %xmm1, 144(%rax)
	movdqu %xmm2, 160(%rax)
	movdqu %xmm3, 176(%rax)
	movdqu %xmm4, 192(%rax)
	movdqu %xmm5, 208(%rax)
	movdqu %xmm6, 224(%rax)
	movdqu %xmm7, 240(%rax)
	movdqu %xmm8, 256(%rax)
	movdqu %xmm9, 272(%rax)
	movdqu %xmm10, 288(%rax)
	movdqu %xmm11, 304(%rax)
	movdqu %xmm12, 320(%rax)
	movdqu %xmm13, 336(%rax)
	movdqu %xmm14, 352(%rax)
	movdqu %xmm15, 368(%rax)
	/* The red zone (slots -136+8.. ; the two lowest held the flags
	   word and r15 and are not compared).  */
	movq $16, %rcx
4:	movq -136(%rsp,%rcx,8), %rdx
	movq %rdx, 376(%rax,%rcx,8)
	loop 4b
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbp
	popq %rbx
	ret
	.size act_probe, . - act_probe

	.section .rodata
	.balign 16
xmm_pattern:
	.rept 16
	.quad 0x0123456789abcdef + (. - xmm_pattern), 0xfedcba9876543210 - (. - xmm_pattern)
	.endr

	.bss
	.balign 8
probe_out:
	.quad 0
probe_kind:
	.long 0

	.section .note.GNU-stack, "", @progbits
