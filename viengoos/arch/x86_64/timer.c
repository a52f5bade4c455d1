/* The PIT as the periodic timer (see include/arch/timer.h).  Under
   -icount the guest's notion of time follows executed instructions, so
   tick counts are deterministic.  */
#include <arch/cpu.h>
#include <arch/machine.h>
#include <arch/timer.h>
#include <arch/trap.h>

#include "dev/blk.h"
#include "uentry.h"
#include "kern/arch-hooks.h"
#include "kern/log.h"

#define PIT_HZ 1193182u

static volatile uint64_t ticks;
static unsigned hz = TIMER_DEFAULT_HZ;

static void
timer_irq (struct trap_frame *tf)
{
  (void)tf;
  ticks++;
  blk_tick (ticks);
  uentry_timer_tick ();
}

void
timer_init (unsigned rate)
{
  if (rate < TIMER_MIN_HZ || rate > TIMER_MAX_HZ)
    {
      log_warn ("timer", "hz=%u out of range [%u, %u]; using %u", rate,
                TIMER_MIN_HZ, TIMER_MAX_HZ, TIMER_DEFAULT_HZ);
      rate = TIMER_DEFAULT_HZ;
    }
  hz = rate;
  unsigned divisor = (PIT_HZ + rate / 2) / rate;
  outb (0x43, 0x34); /* Channel 0, lobyte/hibyte, mode 2 (rate).  */
  outb (0x40, divisor & 0xff);
  outb (0x40, divisor >> 8);
  irq_register (0, timer_irq);
  log_info ("timer", "PIT at %u Hz (divisor %u)", hz, divisor);
}

uint64_t
timer_ticks (void)
{
  return ticks;
}

unsigned
timer_hz (void)
{
  return hz;
}

uint64_t
arch_instructions (void)
{
  return rdtsc ();
}

uint64_t
arch_uptime_ms (void)
{
  return ticks * 1000 / hz;
}
