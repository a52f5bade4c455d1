/* Port I/O and PCI configuration space, as the device drivers in
   viengoos/dev/ see them (x86-64: in/out instructions and PCI
   configuration mechanism 1).  Another architecture maps these onto its
   own buses; the drivers never touch an instruction directly.  */
#ifndef ARCH_IO_H
#define ARCH_IO_H

#include <stdint.h>

#include <arch/cpu.h>

static inline uint8_t
arch_io_in8 (uint16_t port)
{
  return inb (port);
}

static inline void
arch_io_out8 (uint16_t port, uint8_t v)
{
  outb (port, v);
}

static inline uint16_t
arch_io_in16 (uint16_t port)
{
  uint16_t v;
  __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}

static inline void
arch_io_out16 (uint16_t port, uint16_t v)
{
  outw (port, v);
}

static inline uint32_t
arch_io_in32 (uint16_t port)
{
  uint32_t v;
  __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}

static inline void
arch_io_out32 (uint16_t port, uint32_t v)
{
  __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* Read N 16-bit words from PORT into BUF (rep insw).  */
static inline void
arch_io_in16_rep (uint16_t port, void *buf, uint32_t n)
{
  __asm__ volatile("rep insw" : "+D"(buf), "+c"(n) : "d"(port) : "memory");
}

/* Write N 16-bit words from BUF to PORT (rep outsw).  */
static inline void
arch_io_out16_rep (uint16_t port, const void *buf, uint32_t n)
{
  __asm__ volatile("rep outsw" : "+S"(buf), "+c"(n) : "d"(port) : "memory");
}

/* A cycle counter for measurement (the TSC: guest instructions under
   QEMU's -icount shift=0).  */
static inline uint64_t
arch_cycles (void)
{
  return rdtsc ();
}

/* PCI configuration space: the 32-bit register at byte offset OFF
   (multiple of 4) of BUS:DEV.FN.  */
uint32_t arch_pci_read32 (unsigned bus, unsigned dev, unsigned fn,
                          unsigned off);
void arch_pci_write32 (unsigned bus, unsigned dev, unsigned fn, unsigned off,
                       uint32_t v);

/* Route legacy interrupt line IRQ (0-15) to HANDLER (ARG is passed
   back) and unmask it.  The handler runs with interrupts off; the
   end-of-interrupt is sent after it returns.  */
void arch_irq_attach (unsigned irq, void (*handler) (void *arg), void *arg);

/* Whether interrupts are on; turn them off and return the previous
   state; restore it.  */
static inline uint64_t
arch_irq_save (void)
{
  uint64_t f;
  __asm__ volatile("pushfq; popq %0; cli" : "=r"(f) : : "memory");
  return f;
}

static inline void
arch_irq_restore (uint64_t f)
{
  if (f & (1ul << 9))
    __asm__ volatile("sti" ::: "memory");
}

/* Wait for the next interrupt with interrupts on, then turn them off
   again (the boot context's way to wait for a device).  */
static inline void
arch_irq_wait (void)
{
  __asm__ volatile("sti; hlt; cli" ::: "memory");
}

#endif
