/* libvg: the small freestanding user library (before newlib): the
   system-call stubs, debug output and the few string functions C needs.
   Programs link crt0.o first and libvg.a last; see
   doc/user-programs.md.  */
#ifndef LIBVG_H
#define LIBVG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <vg/stubs.h>

/* The longest line vg_printf prints in one debug_write; longer output is
   cut.  */
#define VG_PRINTF_MAX 512

/* printf to the kernel console.  Formats as the kernel's vsnprintf does:
   %d %i %u %x %X %o %p %s %c %%, flags, width, precision for strings,
   the length modifiers hh h l ll z t j; no floating point.  Returns the
   length of the full output, or minus a vg_error_t.  */
int vg_printf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
int vg_vprintf (const char *fmt, va_list ap);

/* Print S as it is (no newline added).  Returns 0 or minus a
   vg_error_t.  */
int vg_puts (const char *s);

/* The name and a short meaning of ABI error code ERR (<vg/error.h>).  */
const char *vg_strerror (int err);

/* The string functions; gcc may also call memset and memcpy on its own.
   The same source as the kernel's (viengoos/lib/kstring.c).  */
void *memset (void *s, int c, size_t n);
void *memcpy (void *restrict d, const void *restrict s, size_t n);
void *memmove (void *d, const void *s, size_t n);
int memcmp (const void *a, const void *b, size_t n);
size_t strlen (const char *s);
size_t strnlen (const char *s, size_t max);
int strcmp (const char *a, const char *b);
int strncmp (const char *a, const char *b, size_t n);

#endif
