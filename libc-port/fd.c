/* File descriptors over the RAM file system and the console (fd.h).  */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fd.h"
#include <vg/stubs.h>

enum fd_kind
{
  FD_CONSOLE_IN,  /* Nothing to read: end of file.  */
  FD_CONSOLE_OUT, /* vg_debug_write.  */
  FD_NODE,        /* A file or directory of the RAM file system.  */
};

struct fd_file
{
  enum fd_kind kind;
  int flags; /* open(2)'s access mode and O_APPEND.  */
  uint64_t off;
  struct fs_node *node;
  unsigned refs; /* Descriptors naming it (the consoles are static).  */
};

static struct fd_file console_in = { FD_CONSOLE_IN, O_RDONLY, 0, NULL, 1 };
static struct fd_file console_out = { FD_CONSOLE_OUT, O_WRONLY, 0, NULL, 2 };
static struct fd_file *fds[FD_MAX]
    = { &console_in, &console_out, &console_out };

static struct fd_file *
get (int fd)
{
  return fd >= 0 && fd < FD_MAX ? fds[fd] : NULL;
}

static int
lowest_free (int min)
{
  for (int i = min; i < FD_MAX; i++)
    if (fds[i] == NULL)
      return i;
  return -EMFILE;
}

static int
install (struct fs_node *n, int flags, int min)
{
  int fd = lowest_free (min);
  if (fd < 0)
    return fd;
  struct fd_file *f = malloc (sizeof *f);
  if (f == NULL)
    return -ENOMEM;
  *f = (struct fd_file){ FD_NODE, flags & (O_ACCMODE | O_APPEND), 0, n, 1 };
  fds[fd] = f;
  return fd;
}

int
fd_open (const char *path, int flags, mode_t perm)
{
  struct fs_node *n;
  int fd = lowest_free (0);
  if (fd < 0)
    return fd;
  int err = fs_open (path, flags, perm, &n);
  if (err)
    return err;
  fd = install (n, flags, 0);
  if (fd < 0)
    {
      n->nopen--;
      fs_node_put (n);
    }
  return fd;
}

int
fd_set_stdin (struct fs_node *n)
{
  if (fds[0] != &console_in)
    return -EBUSY;
  fds[0] = NULL;
  n->nopen++;
  int fd = install (n, O_RDONLY, 0);
  if (fd < 0)
    {
      fds[0] = &console_in;
      n->nopen--;
    }
  return fd;
}

int
fd_close (int fd)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  fds[fd] = NULL;
  if (--f->refs > 0 || f->kind != FD_NODE)
    return 0;
  f->node->nopen--;
  fs_node_put (f->node);
  free (f);
  return 0;
}

static int
errno_from_vg (vg_error_t e)
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

static ssize_t
console_write (const char *p, size_t len)
{
  size_t done = 0;
  while (done < len)
    {
      size_t n = len - done;
      if (n > VG_DEBUG_WRITE_MAX)
        n = VG_DEBUG_WRITE_MAX;
      vg_error_t e = vg_debug_write (p + done, n);
      if (e != VG_OK)
        return done > 0 ? (ssize_t)done : -errno_from_vg (e);
      done += n;
    }
  return (ssize_t)done;
}

ssize_t
fd_pread (int fd, void *buf, size_t len, off_t off)
{
  struct fd_file *f = get (fd);
  if (f == NULL || (f->flags & O_ACCMODE) == O_WRONLY)
    return -EBADF;
  if (f->kind == FD_CONSOLE_IN)
    return 0;
  if (f->kind != FD_NODE)
    return -EBADF;
  if (f->node->type == FS_DIR)
    return -EISDIR;
  if (off < 0)
    return -EINVAL;
  return (ssize_t)fs_file_read (f->node, buf, len, (uint64_t)off);
}

ssize_t
fd_read (int fd, void *buf, size_t len)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  if (f->kind != FD_NODE)
    return fd_pread (fd, buf, len, 0);
  ssize_t n = fd_pread (fd, buf, len, (off_t)f->off);
  if (n > 0)
    f->off += (uint64_t)n;
  return n;
}

ssize_t
fd_pwrite (int fd, const void *buf, size_t len, off_t off)
{
  struct fd_file *f = get (fd);
  if (f == NULL || (f->flags & O_ACCMODE) == O_RDONLY)
    return -EBADF;
  if (f->kind == FD_CONSOLE_OUT)
    return console_write (buf, len);
  if (f->kind != FD_NODE || f->node->type != FS_FILE)
    return -EBADF;
  if (off < 0)
    return -EINVAL;
  return fs_file_write (f->node, buf, len, (uint64_t)off);
}

ssize_t
fd_write (int fd, const void *buf, size_t len)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  if (f->kind != FD_NODE)
    return fd_pwrite (fd, buf, len, 0);
  if (f->flags & O_APPEND)
    f->off = f->node->size;
  ssize_t n = fd_pwrite (fd, buf, len, (off_t)f->off);
  if (n > 0)
    f->off += (uint64_t)n;
  return n;
}

off_t
fd_lseek (int fd, off_t off, int whence)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  if (f->kind != FD_NODE)
    return -ESPIPE;
  int64_t base;
  switch (whence)
    {
    case SEEK_SET:
      base = 0;
      break;
    case SEEK_CUR:
      base = (int64_t)f->off;
      break;
    case SEEK_END:
      base = (int64_t)f->node->size;
      break;
    default:
      return -EINVAL;
    }
  if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
    return -EINVAL;
  f->off = (uint64_t)(base + off);
  return (off_t)f->off;
}

int
fd_fstat (int fd, struct stat *st)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  if (f->kind == FD_NODE)
    {
      fs_node_stat (f->node, st);
      return 0;
    }
  memset (st, 0, sizeof *st);
  st->st_mode = S_IFCHR | 0620;
  st->st_nlink = 1;
  return 0;
}

int
fd_isatty (int fd)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  return f->kind == FD_NODE ? -ENOTTY : 1;
}

int
fd_dup (int fd, int min)
{
  struct fd_file *f = get (fd);
  if (f == NULL)
    return -EBADF;
  if (min < 0 || min >= FD_MAX)
    return -EINVAL;
  int to = lowest_free (min);
  if (to < 0)
    return to;
  fds[to] = f;
  f->refs++;
  return to;
}

int
fd_dup2 (int fd, int to)
{
  struct fd_file *f = get (fd);
  if (f == NULL || to < 0 || to >= FD_MAX)
    return -EBADF;
  if (to == fd)
    return to;
  if (fds[to] != NULL)
    fd_close (to);
  fds[to] = f;
  f->refs++;
  return to;
}

int
fd_getfl (int fd)
{
  struct fd_file *f = get (fd);
  return f == NULL ? -EBADF : f->flags;
}

int
fd_ftruncate (int fd, off_t len)
{
  struct fd_file *f = get (fd);
  if (f == NULL || f->kind != FD_NODE || (f->flags & O_ACCMODE) == O_RDONLY)
    return f == NULL ? -EBADF : -EINVAL;
  if (f->node->type != FS_FILE || len < 0)
    return -EINVAL;
  return fs_file_truncate (f->node, (uint64_t)len);
}

int
fd_node (int fd, struct fs_node **out)
{
  struct fd_file *f = get (fd);
  if (f == NULL || f->kind != FD_NODE)
    return -EBADF;
  *out = f->node;
  return 0;
}
