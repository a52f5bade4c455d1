/* Shared by the activation microbenchmarks: rdtsc deltas (under QEMU's
   -icount shift=0 the TSC counts guest instructions) printed as
   "BENCH name ops=N instr=M" with M the per-operation count.  */
#ifndef ACT_BENCH_H
#define ACT_BENCH_H

#include <stdint.h>

static inline uint64_t
bench_tsc (void)
{
  uint32_t lo, hi;
  __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
  return (uint64_t)hi << 32 | lo;
}

#endif
