/* Shared by the benchmark programs: guest instruction counts and the
   report line tools/bench parses.

   Under QEMU's -icount shift=0,sleep=off (tools/qemu-run's default) the
   guest TSC advances by one per executed guest instruction, so an rdtsc
   delta is an instruction count that does not drift with the host's
   load.  Each benchmark measures a loop of OPS operations and subtracts
   the same loop with an empty body.  */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

/* libvg's, also linked into newlib programs (libc-port).  */
int vg_printf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

static inline uint64_t
bench_tsc (void)
{
  uint32_t lo, hi;
  __asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return ((uint64_t)hi << 32) | lo;
}

/* Print "BENCH NAME ops=OPS instr=INSTR": INSTR is the total for OPS
   operations, loop overhead removed.  */
static inline void
bench_report (const char *name, uint64_t ops, uint64_t instr)
{
  vg_printf ("BENCH %s ops=%lu instr=%lu per_op=%lu\n", name,
             (unsigned long)ops, (unsigned long)instr,
             (unsigned long)(ops ? instr / ops : 0));
}

#endif
