/* Internal to libc-port: what the system-call glue files share.  The
   glue implements the plain names newlib calls when built with
   --disable-newlib-supplied-syscalls and -UMISSING_SYSCALL_NAMES (_write,
   _sbrk, ...); newlib's reentrant _write_r and friends call them and
   copy errno into the reentrancy structure.  */
#ifndef GLUE_H
#define GLUE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The console descriptors 0, 1 and 2 are the only ones; glue_fd_open
   says whether FD is one of them and not closed.  */
#define GLUE_NFDS 3
int glue_fd_open (int fd);

/* The value _getpid returns: every program is alone in its activity and
   there are no other processes to tell apart.  */
#define GLUE_PID 1

/* Print S (a NUL-terminated message) on the console, ignoring errors;
   for the glue's own last words.  */
void glue_say (const char *s);

/* The heap comes from libhurd-mm (<hurd/mm.h>, branch mm): grow or
   shrink the program break by INCREMENT bytes, return the old break, or
   (void *)-1 with errno set.  Declared here until that header is in the
   tree.  */
#if defined(__has_include)
#if __has_include(<hurd/mm.h>)
#include <hurd/mm.h>
#define GLUE_HAVE_HURD_MM_H 1
#endif
#endif
#ifndef GLUE_HAVE_HURD_MM_H
void *hurd_mm_sbrk (intptr_t increment);
#endif

#endif
