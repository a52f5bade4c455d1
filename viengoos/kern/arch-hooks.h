/* Machine hooks the generic kernel calls.  Each architecture provides
   them (viengoos/arch/x86_64/), and so does the host test environment
   (tests/unit/fake/fake.c).  */
#ifndef VG_ARCH_HOOKS_H
#define VG_ARCH_HOOKS_H

#include <stdbool.h>
#include <stdint.h>

void arch_console_putc (char c);
uint64_t arch_uptime_ms (void);
/* Guest instructions since boot (the TSC: under QEMU's -icount shift=0
   it counts executed instructions), for trace time stamps.  */
uint64_t arch_instructions (void);
void arch_interrupts_off (void);
/* Print a backtrace of the caller.  */
void arch_backtrace_here (void);
/* The host channel's device (kern/hostchan.h): whether it is there
   (probed once), and send one byte (waiting until it can).  */
bool arch_hostchan_probe (void);
void arch_hostchan_putc (uint8_t c);
/* Stop the machine, reporting CODE (exitcode.h) to the emulator.  */
_Noreturn void arch_exit (int code);

#endif
