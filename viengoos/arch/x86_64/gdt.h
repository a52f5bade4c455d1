/* Segment selectors and the TSS (see gdt.c).  */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include <stdint.h>

#define GDT_KCODE 0x08
#define GDT_KDATA 0x10
#define GDT_UCODE32 0x18
#define GDT_UDATA 0x20
#define GDT_UCODE 0x28
#define GDT_TSS 0x30

/* The stack the CPU switches to on a trap from user mode.  */
void gdt_set_kernel_stack (uint64_t rsp0);

#endif
