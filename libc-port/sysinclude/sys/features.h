/* newlib's <sys/features.h>, plus the POSIX options libc-port provides
   for this target: clock_gettime, clock_getres and nanosleep
   (_POSIX_TIMERS; timer_create and friends are declared by <time.h>
   then but not implemented: they fail to link) and CLOCK_MONOTONIC
   (_POSIX_MONOTONIC_CLOCK).  */
#ifndef _VG_SYS_FEATURES_H
#define _VG_SYS_FEATURES_H

#include_next <sys/features.h>

#ifndef _POSIX_TIMERS
#define _POSIX_TIMERS 200809L
#endif
#ifndef _POSIX_MONOTONIC_CLOCK
#define _POSIX_MONOTONIC_CLOCK 200809L
#endif

#endif
