/* Internal to libc-port: file descriptors (fd.c).  A descriptor names
   an open file description (struct fd_file: access mode, offset, the
   node, or the console); dup shares it, as POSIX says.  Descriptors 0,
   1 and 2 start on the console (0 reads end-of-file at once unless the
   program was given a stdin file) and on the kernel console (1, 2:
   vg_debug_write).  Like fs.h, every call returns a count or 0, or a
   negative errno number.  */
#ifndef FD_H
#define FD_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "fs.h"

#define FD_MAX 64

int fd_open (const char *path, int flags, mode_t perm);
/* Make descriptor 0 read node N (at start, for a stdin file).  */
int fd_set_stdin (struct fs_node *n);
int fd_close (int fd);
ssize_t fd_read (int fd, void *buf, size_t len);
ssize_t fd_write (int fd, const void *buf, size_t len);
ssize_t fd_pread (int fd, void *buf, size_t len, off_t off);
ssize_t fd_pwrite (int fd, const void *buf, size_t len, off_t off);
off_t fd_lseek (int fd, off_t off, int whence);
int fd_fstat (int fd, struct stat *st);
int fd_isatty (int fd);
int fd_dup (int fd, int min);
int fd_dup2 (int fd, int to);
int fd_getfl (int fd);
int fd_ftruncate (int fd, off_t len);
/* The node FD has open, or -EBADF (no node: the console).  */
int fd_node (int fd, struct fs_node **out);

#endif
