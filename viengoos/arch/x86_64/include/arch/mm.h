/* Physical/virtual conversion through the direct map (x86-64).  */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include <stdint.h>

#include <arch/layout.h>

static inline void *
phys_to_virt (uint64_t p)
{
  return (void *)(p + DIRECT_MAP_BASE);
}

static inline uint64_t
virt_to_phys (const void *v)
{
  uintptr_t a = (uintptr_t)v;
  return a >= KERNEL_VMA ? a - KERNEL_VMA : a - DIRECT_MAP_BASE;
}

/* Extend the direct map to cover [0, END) and drop the boot identity
   map.  Page tables come from the boot pool.  */
void arch_mm_init (uint64_t end);

#endif
