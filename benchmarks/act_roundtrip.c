/* The bare activation round trip: ud2 -> kernel -> handler (returns at
   once, skipping the instruction) -> activation_return -> resume.  */
#include <act.h>
#include <libvg.h>

#include "bench.h"

#define OPS 2000

static int
skip (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)ev;
  (void)normal;
  regs->rip += 2;
  return ACT_HANDLED;
}

int
main (void)
{
  if (act_handler_add (VG_ACT_EV_EXCEPTION, skip))
    return 1;
  __asm__ volatile("ud2"); /* Warm up.  */
  uint64_t t0 = bench_tsc ();
  for (int i = 0; i < OPS; i++)
    __asm__ volatile("ud2" ::: "memory");
  uint64_t t1 = bench_tsc ();
  bench_report ("act_roundtrip", OPS, t1 - t0);
  return act_stats.activated == OPS + 1 ? 0 : 1;
}
