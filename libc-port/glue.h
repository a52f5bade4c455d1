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

/* The value _getpid returns: every program is alone in its activity and
   there are no other processes to tell apart.  */
#define GLUE_PID 1

/* The wall clock at boot, seconds since the epoch (the boot info's
   wall_seconds; 0 if unknown).  */
uint64_t glue_wall_base (void);

/* Print S on the console without stdio, for the glue's own last words:
   libvg's (activations/vg-printf.c, linked into newlib programs).  */
int vg_puts (const char *s);

/* The heap comes from libhurd-mm: hurd_mm_sbrk grows or shrinks the
   program break by INCREMENT bytes and returns the old break, or
   (void *)-1 with errno set (through hurd_mm_errno_hook, which start.c
   sets).  */
#include <hurd/mm.h>

#endif
