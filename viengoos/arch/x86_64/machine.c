/* Stopping the machine.  QEMU's isa-debug-exit device (port 0xf4) ends
   the emulator with (code << 1) | 1.  Elsewhere (Bochs, real hardware)
   the write is ignored and the CPU halts for good.  */
#include <arch/cpu.h>
#include <arch/machine.h>

#define DEBUG_EXIT_PORT 0xf4

void
arch_interrupts_off (void)
{
  cpu_cli ();
}

void
arch_exit (int code)
{
  cpu_cli ();
  outb (DEBUG_EXIT_PORT, (uint8_t)code);
  for (;;)
    cpu_halt ();
}
