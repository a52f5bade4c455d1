/* panic_at: the kernel's one way to die (see panic.h).  */
#include <stdarg.h>

#include <arch/machine.h>

#include "kern/exitcode.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "vsnprintf.h"

static int panicking;

void
panic_at (const char *file, int line, const char *func, const char *fmt, ...)
{
  arch_interrupts_off ();
  if (panicking++)
    {
      /* A panic while panicking: say so, and stop without more output.  */
      kprintf ("\nPANIC (nested) at %s:%d\n", file, line);
      arch_exit (VG_EXIT_PANIC);
    }
  char msg[256];
  va_list ap;
  va_start (ap, fmt);
  vg_vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  kprintf ("\nPANIC: %s\n  at %s:%d in %s()\n", msg, file, line, func);
  arch_backtrace_here ();
  arch_exit (VG_EXIT_PANIC);
}
