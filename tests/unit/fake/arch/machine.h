/* Host fake of the machine hooks (see viengoos's arch/machine.h).  */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include <stdint.h>

void arch_console_putc (char c);
uint64_t arch_uptime_ms (void);
void arch_interrupts_off (void);
void arch_backtrace_here (void);
_Noreturn void arch_exit (int code);

#endif
