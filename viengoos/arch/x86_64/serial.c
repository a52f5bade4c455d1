/* COM1 at 115200 8N1, the kernel console.  */
#include <arch/cpu.h>
#include <arch/machine.h>

#include "serial.h"

#define COM1 0x3f8

void
serial_init (void)
{
  outb (COM1 + 1, 0x00); /* No interrupts.  */
  outb (COM1 + 3, 0x80); /* DLAB.  */
  outb (COM1 + 0, 0x01); /* Divisor 1: 115200 baud.  */
  outb (COM1 + 1, 0x00);
  outb (COM1 + 3, 0x03); /* 8N1.  */
  outb (COM1 + 2, 0xc7); /* FIFO on, cleared.  */
  outb (COM1 + 4, 0x03); /* DTR, RTS.  */
}

static void
put (char c)
{
  while (!(inb (COM1 + 5) & 0x20))
    ;
  outb (COM1, (uint8_t)c);
}

void
arch_console_putc (char c)
{
  if (c == '\n')
    put ('\r');
  put (c);
}
