/* The kernel log, on the console (COM1).  Each line carries a level;
   lines above the level chosen with log=error|warn|info|debug on the
   kernel command line are dropped.  The default is info.  */
#ifndef VG_LOG_H
#define VG_LOG_H

#include "types.h"

enum log_level
{
  LOG_ERROR,
  LOG_WARN,
  LOG_INFO,
  LOG_DEBUG,
};

/* Set the level from the command line (call after cmdline_parse).  */
void log_init (void);

/* Print one log line: "[    1234 ms] info  SUBSYS: message".  */
void log_msg (enum log_level level, const char *subsys, const char *fmt, ...)
    __attribute__ ((format (printf, 3, 4)));

/* Print unconditionally, with no prefix.  */
void kprintf (const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

#define log_error(sub, ...) log_msg (LOG_ERROR, sub, __VA_ARGS__)
#define log_warn(sub, ...) log_msg (LOG_WARN, sub, __VA_ARGS__)
#define log_info(sub, ...) log_msg (LOG_INFO, sub, __VA_ARGS__)
#define log_debug(sub, ...) log_msg (LOG_DEBUG, sub, __VA_ARGS__)

#endif
