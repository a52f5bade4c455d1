/* The host test environment (see fake.h).  */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <arch/cpu.h>
#include <arch/machine.h>
#include <arch/mm.h>

#include "fake.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "vsnprintf.h"

unsigned char *fake_phys;
uint64_t fake_cr3;
uint64_t fake_tlb_flushes;
/* The kernel half every user space copies (pt.c).  */
uint64_t boot_pml4[512];
jmp_buf *fake_panic_jmp;
char fake_panic_msg[256];

bool fake_hostchan_absent;
unsigned char fake_hostchan[1 << 14];
size_t fake_hostchan_len;

static char console[1 << 16];
static size_t console_len;

void
fake_init (void)
{
  if (fake_phys)
    return;
  fake_phys = mmap (NULL, FAKE_PHYS_SIZE, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (fake_phys == MAP_FAILED)
    {
      perror ("fake_init: mmap");
      abort ();
    }
}

bool
arch_hostchan_probe (void)
{
  return !fake_hostchan_absent;
}

void
arch_hostchan_putc (uint8_t c)
{
  if (fake_hostchan_len < sizeof fake_hostchan)
    fake_hostchan[fake_hostchan_len++] = c;
}

void
arch_console_putc (char c)
{
  if (console_len + 1 < sizeof console)
    {
      console[console_len++] = c;
      console[console_len] = '\0';
    }
}

const char *
fake_console (void)
{
  return console;
}

void
fake_console_reset (void)
{
  console_len = 0;
  console[0] = '\0';
}

uint64_t fake_instructions;

uint64_t
arch_instructions (void)
{
  return ++fake_instructions;
}

uint64_t
arch_uptime_ms (void)
{
  return 0;
}

void
arch_interrupts_off (void)
{
}

void
arch_backtrace_here (void)
{
}

void
arch_exit (int code)
{
  fprintf (stderr, "arch_exit (%#x) called in a host test\n", code);
  abort ();
}

void
panic_at (const char *file, int line, const char *func, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vg_vsnprintf (fake_panic_msg, sizeof fake_panic_msg, fmt, ap);
  va_end (ap);
  if (fake_panic_jmp)
    longjmp (*fake_panic_jmp, 1);
  fprintf (stderr, "PANIC: %s\n  at %s:%d in %s()\n", fake_panic_msg, file,
           line, func);
  abort ();
}

/* The kernel log (kern/log.c is not built for the host): messages are
   dropped; the tests check behaviour, not log lines.  */
void
log_msg (enum log_level level, const char *subsys, const char *fmt, ...)
{
  (void)level;
  (void)subsys;
  (void)fmt;
}

/* The console (kern/log.c is not built for the host): dropped too.  */
void
kprintf (const char *fmt, ...)
{
  (void)fmt;
}
