/* The kernel log (see log.h).  */
#include <stdarg.h>

#include <arch/machine.h>

#include "kern/cmdline.h"
#include "kstring.h"
#include "kern/log.h"
#include "vsnprintf.h"

static enum log_level current_level = LOG_INFO;

static const char *const level_names[] = {
  [LOG_ERROR] = "error",
  [LOG_WARN] = "warn",
  [LOG_INFO] = "info",
  [LOG_DEBUG] = "debug",
};

void
log_init (void)
{
  const char *v = cmdline_get ("log");
  if (!v)
    return;
  for (unsigned i = 0; i < ARRAY_SIZE (level_names); i++)
    if (strcmp (v, level_names[i]) == 0)
      {
        current_level = (enum log_level)i;
        return;
      }
  log_warn ("log", "unknown log level '%s' (use error, warn, info or debug)",
            v);
}

static void
puts_raw (const char *s)
{
  while (*s)
    arch_console_putc (*s++);
}

void
log_msg (enum log_level level, const char *subsys, const char *fmt, ...)
{
  if (level > current_level)
    return;
  char line[512];
  uint64_t ms = arch_uptime_ms ();
  int n = vg_snprintf (line, sizeof line, "[%8lu ms] %-5s %s: ", ms,
                       level_names[level], subsys);
  va_list ap;
  va_start (ap, fmt);
  if (n < (int)sizeof line)
    vg_vsnprintf (line + n, sizeof line - n, fmt, ap);
  va_end (ap);
  puts_raw (line);
  puts_raw ("\n");
}

void
kprintf (const char *fmt, ...)
{
  char buf[512];
  va_list ap;
  va_start (ap, fmt);
  vg_vsnprintf (buf, sizeof buf, fmt, ap);
  va_end (ap);
  puts_raw (buf);
}
