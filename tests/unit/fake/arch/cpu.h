/* Host fake of the CPU hooks pt.c uses: CR3 is a variable, and TLB
   flushes are counted.  */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

extern uint64_t fake_cr3;
extern uint64_t fake_tlb_flushes;

static inline uint64_t
read_cr3 (void)
{
  return fake_cr3;
}

static inline void
write_cr3 (uint64_t v)
{
  fake_cr3 = v;
  fake_tlb_flushes++;
}

static inline void
invlpg (uintptr_t va)
{
  (void)va;
  fake_tlb_flushes++;
}

#endif
