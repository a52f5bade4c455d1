/* The POSIX names of the system calls.  newlib, configured without its
   supplied system calls, calls the underscore names (_open, _read, ...)
   that io.c, proc.c and time.c implement, but defines none of the
   plain names programs call (open, read, ...); these forward to
   them through newlib's reentrant _open_r etc., which copy the glue's
   errno into the caller's (newlib's own supplied syscalls do the same).
   newlib's own users of the plain names (__stack_chk_fail calls write)
   link through here too.  */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <reent.h>

#include "glue.h"

int
open (const char *path, int flags, ...)
{
  int mode = 0;
  if (flags & O_CREAT)
    {
      va_list ap;
      va_start (ap, flags);
      mode = va_arg (ap, int);
      va_end (ap);
    }
  return _open_r (_REENT, path, flags, mode);
}

int
creat (const char *path, mode_t mode)
{
  return _open_r (_REENT, path, O_WRONLY | O_CREAT | O_TRUNC, (int)mode);
}

int
close (int fd)
{
  return _close_r (_REENT, fd);
}

_READ_WRITE_RETURN_TYPE
read (int fd, void *buf, size_t len) { return _read_r (_REENT, fd, buf, len); }

_READ_WRITE_RETURN_TYPE
write (int fd, const void *buf, size_t len)
{
  return _write_r (_REENT, fd, buf, len);
}

off_t
lseek (int fd, off_t off, int whence)
{
  return _lseek_r (_REENT, fd, off, whence);
}

int
unlink (const char *path)
{
  return _unlink_r (_REENT, path);
}

int
link (const char *old, const char *new)
{
  return _link_r (_REENT, old, new);
}

int
stat (const char *restrict path, struct stat *restrict st)
{
  return _stat_r (_REENT, path, st);
}

/* No symbolic links: lstat is stat.  */
int
lstat (const char *restrict path, struct stat *restrict st)
{
  return _stat_r (_REENT, path, st);
}

int
fstat (int fd, struct stat *st)
{
  return _fstat_r (_REENT, fd, st);
}

int
isatty (int fd)
{
  return _isatty_r (_REENT, fd);
}

pid_t
getpid (void)
{
  return _getpid_r (_REENT);
}

int
gettimeofday (struct timeval *restrict tv, void *restrict tz)
{
  return _gettimeofday_r (_REENT, tv, tz);
}
