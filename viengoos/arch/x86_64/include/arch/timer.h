/* The periodic timer (PIT channel 0 on IRQ 0).  */
#ifndef ARCH_TIMER_H
#define ARCH_TIMER_H

#include <stdint.h>

#define TIMER_DEFAULT_HZ 100
#define TIMER_MIN_HZ 19 /* The PIT's 16-bit divisor limits the low end.  */
#define TIMER_MAX_HZ 10000

/* Start ticking at HZ (hz= on the command line).  */
void timer_init (unsigned hz);
uint64_t timer_ticks (void);
unsigned timer_hz (void);

/* Every tick, after the count is updated, the interrupt handler calls
   uentry_timer_tick (uentry.h).  */

#endif
