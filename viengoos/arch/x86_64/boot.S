/* Multiboot v1 entry: 32-bit protected mode to 64-bit long mode, then a
   jump to the higher-half kernel.  The boot page tables map the first
   4 GiB of physical memory three times: identity (dropped once in C),
   the direct map at DIRECT_MAP_BASE, and the kernel image window at
   KERNEL_VMA.  mm.c extends the direct map past 4 GiB.  */

#include <arch/layout.h>

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00010003 /* page-align modules, memory map, a.out kludge */
#define MB_BOOT_MAGIC 0x2BADB002
#define PHYS(x) ((x) - KERNEL_VMA)

	.section .multiboot, "a"
	.balign 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long PHYS(mb_header)
	.long 0x100000			/* load_addr */
	.long _load_end_phys		/* load_end_addr */
	.long _kernel_end_phys		/* bss_end_addr */
	.long PHYS(_start)		/* entry_addr */

	.section .text.boot, "ax"
	.code32
	.globl _start
_start:
	cli
	cld
	movl $PHYS(boot_stack_top), %esp
	movl %eax, %edi			/* multiboot magic, kept for kmain */
	movl %ebx, %esi			/* multiboot info (physical) */

	cmpl $MB_BOOT_MAGIC, %eax
	jne no_long_mode

	/* Long mode available?  */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb no_long_mode
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc no_long_mode

	movl $PHYS(boot_pml4), %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $(1 << 5), %eax		/* PAE */
	movl %eax, %cr4
	movl $0xC0000080, %ecx		/* EFER */
	rdmsr
	orl $((1 << 8) | (1 << 11)), %eax	/* LME, NXE */
	wrmsr
	movl %cr0, %eax
	orl $((1 << 31) | (1 << 16) | 1), %eax	/* PG, WP, PE */
	movl %eax, %cr0

	lgdt PHYS(boot_gdtr)
	ljmp $0x08, $PHYS(start64_low)

no_long_mode:
	/* Say why on COM1 and stop; there is nothing else we can do.  */
	movl $PHYS(no_lm_msg), %ebx
1:	movb (%ebx), %al
	testb %al, %al
	jz 3f
	movw $0x3fd, %dx
2:	inb %dx, %al
	testb $0x20, %al
	jz 2b
	movb (%ebx), %al
	movw $0x3f8, %dx
	outb %al, %dx
	incl %ebx
	jmp 1b
3:	cli
	hlt
	jmp 3b

	.code64
start64_low:
	movabsq $start64_high, %rax
	jmp *%rax

	.text
start64_high:
	movw $0x10, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $boot_stack_top, %rsp
	xorl %ebp, %ebp
	/* %edi = magic, %esi = multiboot info physical address.  */
	call kmain
4:	cli
	hlt
	jmp 4b

	.section .rodata
no_lm_msg:
	.asciz "viengoos: not loaded by multiboot or CPU lacks long mode; stopping\r\n"

	.data
	.balign 8
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08 kernel code64 */
	.quad 0x00cf92000000ffff	/* 0x10 kernel data */
boot_gdt_end:
boot_gdtr:
	.word boot_gdt_end - boot_gdt - 1
	.long PHYS(boot_gdt)

	.balign 4096
	.globl boot_pml4
boot_pml4:
	.quad PHYS(boot_pdpt_low) + 3
	.fill 255, 8, 0
	.quad PHYS(boot_pdpt_low) + 3	/* DIRECT_MAP_BASE */
	.fill 254, 8, 0
	.quad PHYS(boot_pdpt_high) + 3	/* KERNEL_VMA */
boot_pdpt_low:
	.quad PHYS(boot_pd) + 3
	.quad PHYS(boot_pd) + 0x1000 + 3
	.quad PHYS(boot_pd) + 0x2000 + 3
	.quad PHYS(boot_pd) + 0x3000 + 3
	.fill 508, 8, 0
boot_pdpt_high:
	.fill 510, 8, 0
	.quad PHYS(boot_pd) + 3
	.quad PHYS(boot_pd) + 0x1000 + 3
boot_pd:
	.set i, 0
	.rept 2048
	.quad (i << 21) | 0x83
	.set i, i + 1
	.endr

	.bss
	.balign 4096
	.globl boot_stack_bottom
boot_stack_bottom:
	.skip 16384
	.globl boot_stack_top
boot_stack_top:
