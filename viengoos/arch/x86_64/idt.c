/* The IDT: 32 exception vectors and 16 legacy IRQs, all interrupt gates
   into entry.S's stubs.  #DF, NMI and #MC run on IST1.  */
#include <arch/trap.h>

#include "gdt.h"

struct gate
{
  uint16_t off0;
  uint16_t sel;
  uint8_t ist;
  uint8_t type;
  uint16_t off1;
  uint32_t off2;
  uint32_t reserved;
} __attribute__ ((packed));
_Static_assert(sizeof (struct gate) == 16, "IDT gate layout");

extern const uint64_t trap_stubs[TRAP_NVECTORS];
static struct gate idt[256] __attribute__ ((aligned (16)));

void
idt_init (void)
{
  for (unsigned v = 0; v < TRAP_NVECTORS; v++)
    {
      uint64_t a = trap_stubs[v];
      idt[v] = (struct gate){
        .off0 = a & 0xffff,
        .sel = GDT_KCODE,
        .ist = (v == TRAP_DF || v == TRAP_NMI || v == 18) ? 1 : 0,
        .type = 0x8e, /* Present, DPL 0, 64-bit interrupt gate.  */
        .off1 = (a >> 16) & 0xffff,
        .off2 = a >> 32,
      };
    }
  struct
  {
    uint16_t limit;
    uint64_t base;
  } __attribute__ ((packed)) p = { sizeof idt - 1, (uint64_t)idt };
  __asm__ volatile("lidt %0" : : "m"(p));
}
