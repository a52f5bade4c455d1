/* System test: timer interrupts arrive, at the configured rate as the
   guest's TSC measures it.  Under -icount shift=0,sleep=off (how
   tools/run-test boots) the TSC counts virtual nanoseconds, 1 GHz, and a
   halted guest skips to its next interrupt, so a tick is 10^9 / hz
   cycles (measured: 10000150 at 100 Hz, 999847 at 1000 Hz).  A timer at
   twice or half the configured rate is off by 50% or 100%; the test
   allows 10%.  */
#include <arch/cpu.h>
#include <arch/machine.h>
#include <arch/timer.h>

#include "kern/log.h"
#include "kern/test.h"

#define TICKS 20

VG_TEST (timer)
{
  cpu_sti ();
  uint64_t t0 = timer_ticks ();
  /* Start on a tick boundary.  */
  while (timer_ticks () == t0)
    cpu_sti_halt ();
  uint64_t start = timer_ticks ();
  uint64_t tsc0 = rdtsc ();
  unsigned halts = 0;
  while (timer_ticks () < start + TICKS)
    {
      cpu_sti_halt ();
      halts++;
      TEST_ASSERT (halts < 100 * TICKS); /* Something else woke us up.  */
    }
  uint64_t tsc = rdtsc () - tsc0;
  cpu_cli ();
  uint64_t per_tick = tsc / TICKS;
  log_info ("test", "%d ticks at %u Hz: %lu TSC cycles per tick", TICKS,
            timer_hz (), per_tick);
  uint64_t want = 1000000000ull / timer_hz ();
  TEST_ASSERT (per_tick > want - want / 10);
  TEST_ASSERT (per_tick < want + want / 10);
  return 0;
}
