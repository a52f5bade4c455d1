/* The POSIX names of the system calls.  newlib, configured without its
   supplied system calls, calls the underscore names (_open, _read, ...)
   that io.c, proc.c and time.c implement, but defines none of the
   plain names programs call (open, read, ...); these forward to
   them through newlib's reentrant _open_r etc., which copy the glue's
   errno into the caller's (newlib's own supplied syscalls do the same).
   newlib's own users of the plain names (__stack_chk_fail calls write)
   link through here too.  The calls newlib has no underscore name for
   (mkdir, rename, dup, ...) go to fd.c and fs-path.c directly.  */
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <errno.h>
#include <reent.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <utime.h>

#include "fd.h"
#include "glue.h"

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

int
mkdir (const char *path, mode_t mode)
{
  return (int)ret (fs_mkdir (path, mode));
}

int
rmdir (const char *path)
{
  return (int)ret (fs_rmdir (path));
}

/* Replaces newlib's rename (link, then unlink: no directories, and not
   atomic).  */
int
rename (const char *old, const char *new)
{
  return (int)ret (fs_rename (old, new));
}

/* Replaces newlib's remove (unlink only).  */
int
remove (const char *path)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (!err)
    err = n->type == FS_DIR ? fs_rmdir (path) : fs_unlink (path);
  return (int)ret (err);
}

int
chdir (const char *path)
{
  return (int)ret (fs_chdir (path));
}

/* One user, who may do anything: access checks existence only.  */
int
access (const char *path, int mode)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (!err && (mode & ~(R_OK | W_OK | X_OK)))
    err = -EINVAL;
  return (int)ret (err);
}

int
chmod (const char *path, mode_t mode)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (!err)
    n->perm = mode & 07777;
  return (int)ret (err);
}

int
fchmod (int fd, mode_t mode)
{
  struct fs_node *n;
  int err = fd_node (fd, &n);
  if (!err)
    n->perm = mode & 07777;
  return (int)ret (err);
}

int
utime (const char *path, const struct utimbuf *times)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (!err)
    {
      fs_node_touch (n);
      if (times != NULL)
        {
          n->atime = times->actime;
          n->mtime = times->modtime;
        }
    }
  return (int)ret (err);
}

int
dup (int fd)
{
  return (int)ret (fd_dup (fd, 0));
}

int
dup2 (int fd, int to)
{
  return (int)ret (fd_dup2 (fd, to));
}

/* F_DUPFD, F_GETFD/F_SETFD (no exec, so no close-on-exec to keep),
   F_GETFL; record locks (F_GETLK, F_SETLK, F_SETLKW) succeed, as there
   is nobody to lock against; the rest EINVAL.  */
int
fcntl (int fd, int cmd, ...)
{
  va_list ap;
  va_start (ap, cmd);
  long arg = va_arg (ap, long);
  va_end (ap);
  struct stat st;
  int err = fd_fstat (fd, &st);
  if (err)
    return (int)ret (err);
  switch (cmd)
    {
    case F_DUPFD:
      return (int)ret (fd_dup (fd, (int)arg));
    case F_GETFD:
    case F_SETFD:
      return 0;
    case F_GETFL:
      return (int)ret (fd_getfl (fd));
    case F_GETLK:
      ((struct flock *)arg)->l_type = F_UNLCK;
      return 0;
    case F_SETLK:
    case F_SETLKW:
      return 0;
    default:
      return (int)ret (-EINVAL);
    }
}

int
ftruncate (int fd, off_t len)
{
  return (int)ret (fd_ftruncate (fd, len));
}

int
truncate (const char *path, off_t len)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (!err)
    err = n->type == FS_DIR ? -EISDIR
          : len < 0         ? -EINVAL
                            : fs_file_truncate (n, (uint64_t)len);
  return (int)ret (err);
}

/* The files are in memory: there is nothing to write back.  */
int
fsync (int fd)
{
  struct stat st;
  return (int)ret (fd_fstat (fd, &st));
}

int
fdatasync (int fd)
{
  return fsync (fd);
}

ssize_t
pread (int fd, void *buf, size_t len, off_t off)
{
  return ret (fd_pread (fd, buf, len, off));
}

ssize_t
pwrite (int fd, const void *buf, size_t len, off_t off)
{
  return ret (fd_pwrite (fd, buf, len, off));
}

/* No device takes requests: the console is no terminal to configure.  */
int
ioctl (int fd, unsigned long request, ...)
{
  (void)request;
  struct stat st;
  int err = fd_fstat (fd, &st);
  return (int)ret (err ? err : -ENOTTY);
}

/* One user, root of its own machine: ids are 0, ownership changes
   succeed where the file exists.  */
uid_t
getuid (void)
{
  return 0;
}

uid_t
geteuid (void)
{
  return 0;
}

gid_t
getgid (void)
{
  return 0;
}

gid_t
getegid (void)
{
  return 0;
}

int
chown (const char *path, uid_t owner, gid_t group)
{
  (void)owner, (void)group;
  struct fs_node *n;
  return (int)ret (fs_lookup (path, &n));
}

int
fchown (int fd, uid_t owner, gid_t group)
{
  (void)owner, (void)group;
  struct stat st;
  return (int)ret (fd_fstat (fd, &st));
}

/* No symbolic links: an existing path is never one.  */
ssize_t
readlink (const char *restrict path, char *restrict buf, size_t size)
{
  (void)buf, (void)size;
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  return ret (err ? err : -EINVAL);
}

int
utimes (const char *path, const struct timeval *times)
{
  struct utimbuf u;
  if (times == NULL)
    return utime (path, NULL);
  u.actime = times[0].tv_sec;
  u.modtime = times[1].tv_sec;
  return utime (path, &u);
}
