/* A small printf engine for the kernel: %d %i %u %x %X %o %p %s %c %%,
   with flags '-' '0' '#', a field width (or '*'), a precision for strings,
   and the length modifiers hh h l ll z t j.  Floating point is not
   supported (the kernel has no FPU state of its own).  */
#ifndef VG_VSNPRINTF_H
#define VG_VSNPRINTF_H

#include <stdarg.h>
#include "types.h"

/* Like C's vsnprintf: writes at most SIZE bytes including the NUL and
   returns the length the full output would have had.  */
int vg_vsnprintf (char *buf, size_t size, const char *fmt, va_list ap);
int vg_snprintf (char *buf, size_t size, const char *fmt, ...)
    __attribute__ ((format (printf, 3, 4)));

#endif
