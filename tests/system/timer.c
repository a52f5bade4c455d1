/* System test: timer interrupts arrive, at the configured rate as the
   guest's TSC measures it.  Under -icount shift=0 the TSC counts guest
   instructions at 1 GHz nominal, so the tick spacing is checked against
   that, loosely.  */
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
  TEST_ASSERT (timer_ticks () >= start + TICKS);
  TEST_ASSERT (arch_uptime_ms () >= (start + TICKS) * 1000 / timer_hz ());
  TEST_ASSERT (per_tick > 0);
  return 0;
}
