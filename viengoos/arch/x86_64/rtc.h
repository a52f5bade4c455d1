/* The CMOS real-time clock, read once at boot (rtc.c).  */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <stdint.h>

/* The clock's time as seconds since 1970-01-01 UTC (the emulators keep
   the CMOS clock in UTC), or 0 if it reads as nonsense.  */
uint64_t rtc_read_seconds (void);

#endif
