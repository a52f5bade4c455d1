/* panic() and assert(): for kernel bugs only, never for user input.
   Both print a message, the location and a backtrace, then stop the
   machine with a failure status (VG_EXIT_PANIC).  */
#ifndef VG_PANIC_H
#define VG_PANIC_H

_Noreturn void panic_at (const char *file, int line, const char *func,
                         const char *fmt, ...)
    __attribute__ ((format (printf, 4, 5)));

#define panic(...) panic_at (__FILE__, __LINE__, __func__, __VA_ARGS__)

#undef assert
#define assert(e)                                                             \
  ((e) ? (void)0                                                              \
       : panic_at (__FILE__, __LINE__, __func__, "assertion failed: %s", #e))

#endif
