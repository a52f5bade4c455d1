/* x86-64 instruction wrappers.  */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdint.h>

static inline void
outb (uint16_t port, uint8_t v)
{
  __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void
outw (uint16_t port, uint16_t v)
{
  __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t
inb (uint16_t port)
{
  uint8_t v;
  __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
  return v;
}

static inline uint64_t
rdmsr (uint32_t msr)
{
  uint32_t lo, hi;
  __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
  return ((uint64_t)hi << 32) | lo;
}

static inline void
wrmsr (uint32_t msr, uint64_t v)
{
  __asm__ volatile("wrmsr"
                   :
                   : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline void
cpuid (uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c,
       uint32_t *d)
{
  __asm__ volatile("cpuid"
                   : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
                   : "a"(leaf), "c"(sub));
}

#define DEFINE_CR(n)                                                          \
  static inline uint64_t read_cr##n (void)                                    \
  {                                                                           \
    uint64_t v;                                                               \
    __asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));                         \
    return v;                                                                 \
  }                                                                           \
  static inline void write_cr##n (uint64_t v)                                 \
  {                                                                           \
    __asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");                \
  }
DEFINE_CR (0)
DEFINE_CR (2)
DEFINE_CR (3)
DEFINE_CR (4)
#undef DEFINE_CR

static inline void
cpu_halt (void)
{
  __asm__ volatile("hlt");
}

static inline void
cpu_sti (void)
{
  __asm__ volatile("sti" ::: "memory");
}

static inline void
cpu_cli (void)
{
  __asm__ volatile("cli" ::: "memory");
}

/* Enable interrupts and halt atomically (no lost wake-up).  */
static inline void
cpu_sti_halt (void)
{
  __asm__ volatile("sti; hlt" ::: "memory");
}

static inline uint64_t
rdtsc (void)
{
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
}

static inline void
invlpg (uintptr_t va)
{
  __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

#define CR0_MP (1ul << 1)
#define CR0_EM (1ul << 2)
#define CR0_TS (1ul << 3)
#define CR4_PGE (1ul << 7)
#define CR4_OSFXSR (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_OSXSAVE (1ul << 18)
#define CR4_SMEP (1ul << 20)
#define CR4_SMAP (1ul << 21)

#endif
