/* The POSIX clocks and sleeps over vg_time, the monotonic nanoseconds
   since boot.  CLOCK_MONOTONIC is that; CLOCK_REALTIME adds the wall
   clock at boot (glue_wall_base, time.c).  There is no sleeping
   system call yet: nanosleep yields until the time has passed (under
   -icount the guest clock advances with the instructions the loop
   executes).  These set errno directly: they are no newlib system
   calls, so no _r wrapper copies it.  */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include "glue.h"
#include <vg/stubs.h>

#define NS_PER_SEC 1000000000ull

static int
clock_now_ns (uint64_t *ns)
{
  vg_error_t e = vg_time (ns);
  if (e == VG_OK)
    return 0;
  errno = e == VG_ENOSYS ? ENOSYS : EIO;
  return -1;
}

int
clock_gettime (clockid_t id, struct timespec *tp)
{
  if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
    {
      errno = EINVAL;
      return -1;
    }
  uint64_t ns;
  if (clock_now_ns (&ns) < 0)
    return -1;
  tp->tv_sec = (time_t)(ns / NS_PER_SEC);
  if (id == CLOCK_REALTIME)
    tp->tv_sec += (time_t)glue_wall_base ();
  tp->tv_nsec = (long)(ns % NS_PER_SEC);
  return 0;
}

int
clock_getres (clockid_t id, struct timespec *res)
{
  if (id != CLOCK_REALTIME && id != CLOCK_MONOTONIC)
    {
      errno = EINVAL;
      return -1;
    }
  if (res != NULL)
    *res = (struct timespec){ .tv_sec = 0, .tv_nsec = 1 };
  return 0;
}

int
nanosleep (const struct timespec *req, struct timespec *rem)
{
  if (req == NULL || req->tv_sec < 0 || req->tv_nsec < 0
      || req->tv_nsec >= (long)NS_PER_SEC)
    {
      errno = EINVAL;
      return -1;
    }
  uint64_t start, now;
  if (clock_now_ns (&start) < 0)
    return -1;
  uint64_t want = (uint64_t)req->tv_sec * NS_PER_SEC + (uint64_t)req->tv_nsec;
  do
    {
      vg_yield ();
      if (clock_now_ns (&now) < 0)
        return -1;
    }
  while (now - start < want);
  if (rem != NULL)
    *rem = (struct timespec){ 0, 0 };
  return 0;
}

unsigned
sleep (unsigned seconds)
{
  struct timespec ts = { .tv_sec = (time_t)seconds, .tv_nsec = 0 };
  return nanosleep (&ts, NULL) == 0 ? 0 : seconds;
}

int
usleep (useconds_t us)
{
  struct timespec ts = { .tv_sec = (time_t)(us / 1000000u),
                         .tv_nsec = (long)(us % 1000000u) * 1000 };
  return nanosleep (&ts, NULL);
}
