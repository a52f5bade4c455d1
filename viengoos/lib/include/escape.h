/* Showing untrusted bytes on the console: every byte outside printable
   ASCII (0x20..0x7e), other than tab, becomes \xHH, and a backslash
   becomes \\, so a program cannot send control bytes or escape
   sequences to the terminal (or forge a line of the kernel's own).  */
#ifndef VG_ESCAPE_H
#define VG_ESCAPE_H

#include "types.h"

/* The most bytes escape_bytes writes for N input bytes.  */
#define ESCAPE_MAX(n) (4 * (n))

/* Write IN[0..N) escaped to OUT (at least ESCAPE_MAX (N) bytes, not
   NUL-terminated); returns the length written.  */
size_t escape_bytes (char *out, const char *in, size_t n);

#endif
