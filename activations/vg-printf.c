/* Formatted debug output for user programs, through debug_write.  The
   formatter is the kernel's own (viengoos/lib/vsnprintf.c), built for the
   user flavour.  */
#include <libvg.h>

#include "vsnprintf.h"

int
vg_vprintf (const char *fmt, va_list ap)
{
  char buf[VG_PRINTF_MAX];
  int n = vg_vsnprintf (buf, sizeof buf, fmt, ap);
  size_t len = n < 0 ? 0 : (size_t)n;
  if (len >= sizeof buf)
    len = sizeof buf - 1;
  vg_error_t err = vg_debug_write (buf, len);
  return err == VG_OK ? n : -err;
}

int
vg_printf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vg_vprintf (fmt, ap);
  va_end (ap);
  return n;
}

int
vg_puts (const char *s)
{
  vg_error_t err = vg_debug_write (s, strlen (s));
  return err == VG_OK ? 0 : -err;
}
