/* COM1 at 115200 8N1, the kernel console; COM2, the host channel
   (kern/hostchan.h), raw 8-bit bytes.  */
#include <arch/cpu.h>
#include <arch/machine.h>

#include "serial.h"

#define COM1 0x3f8
#define COM2 0x2f8

static void
uart_init (uint16_t port)
{
  outb (port + 1, 0x00); /* No interrupts.  */
  outb (port + 3, 0x80); /* DLAB.  */
  outb (port + 0, 0x01); /* Divisor 1: 115200 baud.  */
  outb (port + 1, 0x00);
  outb (port + 3, 0x03); /* 8N1.  */
  outb (port + 2, 0xc7); /* FIFO on, cleared.  */
  outb (port + 4, 0x03); /* DTR, RTS.  */
}

void
serial_init (void)
{
  uart_init (COM1);
}

static void
uart_put (uint16_t port, uint8_t c)
{
  while (!(inb (port + 5) & 0x20))
    ;
  outb (port, c);
}

static void
put (char c)
{
  uart_put (COM1, (uint8_t)c);
}

/* A UART answers in its scratch register; an absent one reads 0xff.  */
bool
arch_hostchan_probe (void)
{
  outb (COM2 + 7, 0x5a);
  if (inb (COM2 + 7) != 0x5a)
    return false;
  outb (COM2 + 7, 0xa5);
  if (inb (COM2 + 7) != 0xa5)
    return false;
  uart_init (COM2);
  return true;
}

void
arch_hostchan_putc (uint8_t c)
{
  uart_put (COM2, c);
}

void
arch_console_putc (char c)
{
  if (c == '\n')
    put ('\r');
  put (c);
}
