/* The GDT and TSS.  Selector layout (TOOLCHAIN.md): kernel code 0x08,
   kernel data 0x10, a 32-bit user code placeholder 0x18, user data 0x20,
   user code 0x28, TSS 0x30.  STAR is built on this order, so SYSRET lands
   on CS=0x2b, SS=0x23.  The TSS gives #DF, NMI and #MC their own stack
   (IST1) so that a kernel stack overflow is still reported.  */
#include <arch/trap.h>

#include "gdt.h"
#include "kstring.h"

struct tss
{
  uint32_t reserved0;
  uint64_t rsp[3];
  uint64_t reserved1;
  uint64_t ist[7];
  uint64_t reserved2;
  uint16_t reserved3;
  uint16_t iomap_base;
} __attribute__ ((packed));
_Static_assert(sizeof (struct tss) == 104, "TSS layout");

static uint64_t gdt[8] __attribute__ ((aligned (16)));
static struct tss tss __attribute__ ((aligned (16)));
static uint8_t ist_stack[8192] __attribute__ ((aligned (16)));

struct descriptor_pointer
{
  uint16_t limit;
  uint64_t base;
} __attribute__ ((packed));

void
gdt_set_kernel_stack (uint64_t rsp0)
{
  tss.rsp[0] = rsp0;
}

void
gdt_init (void)
{
  gdt[0] = 0;
  gdt[GDT_KCODE >> 3] = 0x00af9a000000ffff;
  gdt[GDT_KDATA >> 3] = 0x00cf92000000ffff;
  gdt[GDT_UCODE32 >> 3] = 0x00cffa000000ffff;
  gdt[GDT_UDATA >> 3] = 0x00cff2000000ffff;
  gdt[GDT_UCODE >> 3] = 0x00affa000000ffff;

  memset (&tss, 0, sizeof tss);
  tss.ist[0] = (uint64_t)(ist_stack + sizeof ist_stack);
  tss.iomap_base = sizeof tss; /* No I/O permission bitmap.  */
  uint64_t base = (uint64_t)&tss, limit = sizeof tss - 1;
  gdt[GDT_TSS >> 3] = (limit & 0xffff) | ((base & 0xffffff) << 16)
                      | (0x89ull << 40) | (((limit >> 16) & 0xf) << 48)
                      | (((base >> 24) & 0xff) << 56);
  gdt[(GDT_TSS >> 3) + 1] = base >> 32;

  struct descriptor_pointer p = { sizeof gdt - 1, (uint64_t)gdt };
  __asm__ volatile("lgdt %0\n\t"
                   "pushq %1\n\t"
                   "leaq 1f(%%rip), %%rax\n\t"
                   "pushq %%rax\n\t"
                   "lretq\n"
                   "1:\n\t"
                   "movw %w2, %%ax\n\t"
                   "movw %%ax, %%ds\n\t"
                   "movw %%ax, %%es\n\t"
                   "movw %%ax, %%ss\n\t"
                   "ltr %w3"
                   :
                   : "m"(p), "i"(GDT_KCODE), "r"(GDT_KDATA), "r"(GDT_TSS)
                   : "rax", "memory");
}
