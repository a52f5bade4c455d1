/* PCI configuration mechanism 1 (ports 0xcf8/0xcfc) and legacy IRQ
   attachment for the drivers in viengoos/dev (include/arch/io.h).  */
#include <arch/io.h>
#include <arch/trap.h>

#include "kern/panic.h"

static uint32_t
pci_address (unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
  return 0x80000000u | (bus & 0xff) << 16 | (dev & 31) << 11 | (fn & 7) << 8
         | (off & 0xfc);
}

uint32_t
arch_pci_read32 (unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
  arch_io_out32 (0xcf8, pci_address (bus, dev, fn, off));
  return arch_io_in32 (0xcfc);
}

void
arch_pci_write32 (unsigned bus, unsigned dev, unsigned fn, unsigned off,
                  uint32_t v)
{
  arch_io_out32 (0xcf8, pci_address (bus, dev, fn, off));
  arch_io_out32 (0xcfc, v);
}

/* One device handler per legacy line, fixed at boot.  */
static struct
{
  void (*handler) (void *arg);
  void *arg;
} lines[16];

static void
irq_line (struct trap_frame *tf)
{
  unsigned irq = tf->vector - TRAP_IRQ_BASE;
  lines[irq].handler (lines[irq].arg);
}

void
arch_irq_attach (unsigned irq, void (*handler) (void *arg), void *arg)
{
  assert (irq < 16 && handler);
  lines[irq].handler = handler;
  lines[irq].arg = arg;
  irq_register (irq, irq_line);
}
