/* The wall clock: time (), gettimeofday and CLOCK_REALTIME start from
   the CMOS clock the kernel read at boot (the boot info's
   wall_seconds).  tools/run-test pins QEMU's clock at
   2026-01-02T03:04:05 UTC (-rtc base=...,clock=vm), so the date must be
   that day and the time within a minute after it; CLOCK_MONOTONIC still
   counts from boot.  Prints PASS and returns 0, or FAIL and the number
   of failed checks.  */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

static int failed;

#define CHECK(cond)                                                           \
  do                                                                          \
    {                                                                         \
      if (!(cond))                                                            \
        {                                                                     \
          printf ("newlib_time: line %d: %s failed\n", __LINE__, #cond);      \
          failed++;                                                           \
        }                                                                     \
    }                                                                         \
  while (0)

#define PINNED 1767323045 /* 2026-01-02T03:04:05Z.  */

int
main (void)
{
  time_t now = time (NULL);
  printf ("newlib_time: time () = %lld\n", (long long)now);
  CHECK (now >= PINNED && now < PINNED + 60);
  struct tm tm;
  CHECK (gmtime_r (&now, &tm) != NULL);
  CHECK (tm.tm_year == 126 && tm.tm_mon == 0 && tm.tm_mday == 2
         && tm.tm_hour == 3 && tm.tm_min >= 4);
  char buf[64];
  strftime (buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  printf ("newlib_time: %s UTC\n", buf);
  struct timeval tv;
  CHECK (gettimeofday (&tv, NULL) == 0 && tv.tv_sec >= now
         && tv.tv_sec < now + 5);
  struct timespec real, mono;
  CHECK (clock_gettime (CLOCK_REALTIME, &real) == 0);
  CHECK (clock_gettime (CLOCK_MONOTONIC, &mono) == 0);
  CHECK (real.tv_sec - mono.tv_sec >= PINNED - 1
         && real.tv_sec - mono.tv_sec <= PINNED + 60);
  CHECK (mono.tv_sec < 60);
  printf ("%s\n", failed ? "FAIL" : "PASS");
  return failed;
}
