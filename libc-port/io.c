/* newlib's file system calls (_open, _read, _write, ...) on the
   descriptors of fd.c and the RAM file system of fs-path.c.  These set
   the global errno that newlib's _open_r and friends copy into the
   caller's (glue.h); posix.c has the plain names.  */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fd.h"
#include "glue.h"

#undef errno
extern int errno;

int _write (int fd, const void *buf, size_t len);
int _read (int fd, void *buf, size_t len);
int _open (const char *path, int flags, int mode);
int _close (int fd);
off_t _lseek (int fd, off_t off, int whence);
int _isatty (int fd);
int _fstat (int fd, struct stat *st);
int _stat (const char *path, struct stat *st);
int _link (const char *old, const char *new);
int _unlink (const char *path);
int _mkdir (const char *path, int mode);

/* R if it is not negative, else -1 with errno -R.  */
static long
ret (long r)
{
  if (r >= 0)
    return r;
  errno = (int)-r;
  return -1;
}

int
_write (int fd, const void *buf, size_t len)
{
  return (int)ret (fd_write (fd, buf, len));
}

int
_read (int fd, void *buf, size_t len)
{
  return (int)ret (fd_read (fd, buf, len));
}

int
_open (const char *path, int flags, int mode)
{
  return (int)ret (fd_open (path, flags, (mode_t)mode));
}

int
_close (int fd)
{
  return (int)ret (fd_close (fd));
}

off_t
_lseek (int fd, off_t off, int whence)
{
  return (off_t)ret (fd_lseek (fd, off, whence));
}

int
_isatty (int fd)
{
  int r = (int)ret (fd_isatty (fd));
  return r < 0 ? 0 : r;
}

int
_fstat (int fd, struct stat *st)
{
  return (int)ret (fd_fstat (fd, st));
}

int
_stat (const char *path, struct stat *st)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (!err)
    fs_node_stat (n, st);
  return (int)ret (err);
}

int
_link (const char *old, const char *new)
{
  return (int)ret (fs_link (old, new));
}

int
_unlink (const char *path)
{
  return (int)ret (fs_unlink (path));
}

int
_mkdir (const char *path, int mode)
{
  return (int)ret (fs_mkdir (path, (mode_t)mode));
}
