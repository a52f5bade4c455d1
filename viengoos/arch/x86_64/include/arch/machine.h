/* Machine hooks the generic kernel calls.  Each architecture (and the
   host test environment, tests/unit/fake) provides them.  */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <stdint.h>

void arch_console_putc (char c);
uint64_t arch_uptime_ms (void);
void arch_interrupts_off (void);
/* Print a backtrace of the caller.  */
void arch_backtrace_here (void);
/* Stop the machine, reporting CODE (exitcode.h) to the emulator.  */
_Noreturn void arch_exit (int code);

#endif
