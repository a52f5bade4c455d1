/* Console and file glue: descriptors 0-2 are the kernel console (a
   character device); output goes through vg_debug_write.  There is no
   console input and no file system: _read fails with ENOSYS, the path
   calls with ENOSYS, and anything on other descriptors with EBADF.  */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glue.h"
#include <vg/stubs.h>

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

/* Bit FD set: descriptor FD is open.  close clears it for good.  */
static unsigned glue_open_fds = (1u << GLUE_NFDS) - 1;

int
glue_fd_open (int fd)
{
  return fd >= 0 && fd < GLUE_NFDS && (glue_open_fds & (1u << fd)) != 0;
}

static int
glue_errno_from_vg (vg_error_t e)
{
  switch (e)
    {
    case VG_EFAULT:
      return EFAULT;
    case VG_ENOSYS:
      return ENOSYS;
    case VG_EINVAL:
      return EINVAL;
    default:
      return EIO;
    }
}

int
_write (int fd, const void *buf, size_t len)
{
  if (!glue_fd_open (fd) || fd == 0)
    {
      errno = EBADF;
      return -1;
    }
  const char *p = buf;
  size_t done = 0;
  while (done < len)
    {
      size_t n = len - done;
      if (n > VG_DEBUG_WRITE_MAX)
        n = VG_DEBUG_WRITE_MAX;
      vg_error_t e = vg_debug_write (p + done, n);
      if (e != VG_OK)
        {
          if (done > 0)
            break;
          errno = glue_errno_from_vg (e);
          return -1;
        }
      done += n;
    }
  return (int)done;
}

int
_read (int fd, void *buf, size_t len)
{
  (void)buf, (void)len;
  errno = glue_fd_open (fd) ? ENOSYS : EBADF;
  return -1;
}

int
_open (const char *path, int flags, int mode)
{
  (void)path, (void)flags, (void)mode;
  errno = ENOSYS;
  return -1;
}

int
_close (int fd)
{
  if (!glue_fd_open (fd))
    {
      errno = EBADF;
      return -1;
    }
  glue_open_fds &= ~(1u << fd);
  return 0;
}

off_t
_lseek (int fd, off_t off, int whence)
{
  (void)off, (void)whence;
  errno = glue_fd_open (fd) ? ESPIPE : EBADF;
  return -1;
}

int
_isatty (int fd)
{
  if (glue_fd_open (fd))
    return 1;
  errno = EBADF;
  return 0;
}

int
_fstat (int fd, struct stat *st)
{
  if (!glue_fd_open (fd))
    {
      errno = EBADF;
      return -1;
    }
  *st = (struct stat){ .st_mode = S_IFCHR | 0620, .st_blksize = 0 };
  return 0;
}

int
_stat (const char *path, struct stat *st)
{
  (void)path, (void)st;
  errno = ENOSYS;
  return -1;
}

int
_link (const char *old, const char *new)
{
  (void)old, (void)new;
  errno = ENOSYS;
  return -1;
}

int
_unlink (const char *path)
{
  (void)path;
  errno = ENOSYS;
  return -1;
}
