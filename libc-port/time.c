/* Time glue over vg_time, the monotonic nanoseconds since boot, and the
   wall clock at boot (the CMOS clock the kernel read, in the boot info:
   glue_wall_base).  gettimeofday (and time) is the sum; times and clock
   report the whole time since boot as the program's user time (under
   QEMU's -icount, guest time follows executed instructions).  clock.c
   has the POSIX clocks and sleeps.  */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#include "glue.h"
#include <vg/boot.h>
#include <vg/stubs.h>

#undef errno
extern int errno;

int _gettimeofday (struct timeval *tv, void *tz);
clock_t _times (struct tms *buf);

/* The clock tick of _times: newlib's clock () divides by CLK_TCK, which
   is CLOCKS_PER_SEC (1000 on x86_64-elf unless configured).  */
#define GLUE_TICKS_PER_SEC CLOCKS_PER_SEC

static int
glue_now_ns (uint64_t *ns)
{
  vg_error_t e = vg_time (ns);
  if (e == VG_OK)
    return 0;
  errno = e == VG_ENOSYS ? ENOSYS : EIO;
  return -1;
}

uint64_t
glue_wall_base (void)
{
  const struct vg_boot_info *bi
      = (const struct vg_boot_info *)(uintptr_t)VG_BOOT_INFO_VA;
  return bi->magic == VG_BOOT_MAGIC ? bi->wall_seconds : 0;
}

int
_gettimeofday (struct timeval *tv, void *tz)
{
  uint64_t ns;
  if (glue_now_ns (&ns) < 0)
    return -1;
  if (tv != NULL)
    {
      tv->tv_sec = (time_t)(glue_wall_base () + ns / 1000000000u);
      tv->tv_usec = (suseconds_t)(ns % 1000000000u / 1000u);
    }
  if (tz != NULL)
    *(struct timezone *)tz = (struct timezone){ 0, 0 };
  return 0;
}

clock_t
_times (struct tms *buf)
{
  uint64_t ns;
  if (glue_now_ns (&ns) < 0)
    return (clock_t)-1;
  clock_t ticks = (clock_t)(ns / (1000000000u / GLUE_TICKS_PER_SEC));
  if (buf != NULL)
    *buf = (struct tms){ .tms_utime = ticks };
  return ticks;
}
