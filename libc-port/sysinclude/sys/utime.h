/* newlib's <sys/utime.h> (struct utimbuf), plus utime, which it does
   not declare (libc-port/posix.c defines it).  */
#ifndef _VG_SYS_UTIME_H
#define _VG_SYS_UTIME_H

#include_next <sys/utime.h>

int utime (const char *path, const struct utimbuf *times);

#endif
