/* The 8259 pair (see pic.h).  */
#include <arch/cpu.h>
#include <arch/mm.h>

#include "pic.h"

#define PIC1 0x20
#define PIC2 0xa0

static uint16_t mask = 0xffff & ~(1 << 2); /* Cascade line stays open.  */

static void
write_mask (void)
{
  outb (PIC1 + 1, mask & 0xff);
  outb (PIC2 + 1, mask >> 8);
}

/* Legacy interrupts reach the CPU through the local APIC's LINT0 pin
   ("virtual wire").  SeaBIOS sets that up; qboot does not, and a masked
   LINT0 drops every PIC interrupt.  So the kernel sets it itself: APIC
   software-enabled, LINT0 in ExtINT mode, LINT1 as NMI.  */
static void
lapic_virtual_wire (void)
{
  uint64_t base = rdmsr (0x1b);
  if (!(base & (1u << 11)))
    return; /* APIC globally disabled: the PIC drives INTR directly.  */
  volatile uint32_t *lapic = phys_to_virt (base & 0xffffff000ull);
  lapic[0xf0 / 4] = 0x100 | 39; /* Enabled; spurious vector = IRQ 7's.  */
  lapic[0x350 / 4] = 0x700;     /* LINT0: ExtINT, unmasked.  */
  lapic[0x360 / 4] = 0x400;     /* LINT1: NMI.  */
}

void
pic_init (void)
{
  lapic_virtual_wire ();
  outb (PIC1, 0x11); /* ICW1: edge, cascade, ICW4 follows.  */
  outb (PIC2, 0x11);
  outb (PIC1 + 1, 32); /* ICW2: vector base.  */
  outb (PIC2 + 1, 40);
  outb (PIC1 + 1, 4); /* ICW3: slave on line 2.  */
  outb (PIC2 + 1, 2);
  outb (PIC1 + 1, 1); /* ICW4: 8086 mode.  */
  outb (PIC2 + 1, 1);
  write_mask ();
}

void
pic_unmask (unsigned irq)
{
  mask &= ~(1u << irq);
  write_mask ();
}

void
pic_eoi (unsigned irq)
{
  if (irq >= 8)
    outb (PIC2, 0x20);
  outb (PIC1, 0x20);
}

static uint8_t
read_isr (uint16_t pic)
{
  outb (pic, 0x0b);
  return inb (pic);
}

bool
pic_spurious (unsigned irq)
{
  if (irq == 7 && !(read_isr (PIC1) & 0x80))
    return true;
  if (irq == 15 && !(read_isr (PIC2) & 0x80))
    {
      outb (PIC1, 0x20);
      return true;
    }
  return false;
}
