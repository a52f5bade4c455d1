/* The main thread's stack (doc/porting.md, "Stack and memory").

   crt0 starts on a 64 KiB stack in .bss, enough for the start code.
   Before the constructors and main, stack_run maps the real stack with
   libhurd-mm: anonymous memory, so only the pages the program touches
   cost anything, of vg_stack_size bytes (8 MiB unless the program
   defines its own `const size_t vg_stack_size = ...;`, or the
   environment says VG_STACK_SIZE=N[K|M|G]).  Below it lies a guard of
   STACK_GUARD bytes, a read-only region no page is ever installed in:
   stack_guard_fault, which runs before libhurd-mm's fault handler,
   reports any fault there as "stack overflow at ADDR" and ends the
   program with status 139 (128 + SIGSEGV), where it would otherwise
   have written over whatever lay below.  */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "glue.h"
#include "stack.h"
#include <act.h>
#include <libvg.h>
#include <vg/stubs.h>

/* The default size; a program's own definition wins.  */
const size_t vg_stack_size __attribute__ ((weak)) = STACK_DEFAULT_SIZE;

static uint64_t guard_lo, guard_hi, stack_hi;

/* Parse N[K|M|G]: bytes, or 0 if malformed.  */
static size_t
parse_size (const char *s)
{
  char *end;
  errno = 0;
  unsigned long long v = strtoull (s, &end, 0);
  unsigned shift = 0;
  switch (*end)
    {
    case 'k':
    case 'K':
      shift = 10, end++;
      break;
    case 'm':
    case 'M':
      shift = 20, end++;
      break;
    case 'g':
    case 'G':
      shift = 30, end++;
      break;
    default:
      break;
    }
  if (errno || *end || end == s || v > (SIZE_MAX >> shift))
    return 0;
  return (size_t)v << shift;
}

size_t
stack_size_wanted (void)
{
  const char *env = getenv ("VG_STACK_SIZE");
  size_t size = vg_stack_size;
  if (env != NULL)
    {
      size_t s = parse_size (env);
      if (s >= STACK_MIN_SIZE)
        size = s;
      else
        vg_printf ("libc-port: VG_STACK_SIZE=%s is not a size of at least "
                   "%u bytes; the stack stays at %lu bytes\n",
                   env, STACK_MIN_SIZE, (unsigned long)size);
    }
  return (size + 4095) & ~(size_t)4095;
}

static int
stack_guard_fault (struct vg_act_event *ev, struct vg_act_regs *regs,
                   bool normal)
{
  (void)normal;
  if (ev->addr < guard_lo || ev->addr >= guard_hi)
    return ACT_DECLINED;
  vg_printf ("stack overflow at %#lx (rip %#lx, rsp %#lx): the stack is "
             "%lu KiB, [%#lx, %#lx); raise it with VG_STACK_SIZE "
             "(doc/porting.md)\n",
             (unsigned long)ev->addr, (unsigned long)regs->rip,
             (unsigned long)regs->rsp,
             (unsigned long)((stack_hi - guard_hi) >> 10),
             (unsigned long)guard_hi, (unsigned long)stack_hi);
  vg_thread_exit (128 + SIGSEGV);
  for (;;)
    __asm__ volatile("ud2");
}

void
stack_run (void (*fn) (void *), void *arg)
{
  size_t size = stack_size_wanted ();
  char *base = mmap (NULL, size + STACK_GUARD, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == MAP_FAILED || mprotect (base, STACK_GUARD, PROT_READ) != 0
      || act_handler_add (VG_ACT_EV_FAULT, stack_guard_fault) != VG_OK)
    {
      vg_printf ("libc-port: no room for a %lu-byte stack (errno %d); "
                 "running on the 64 KiB start stack, without a guard\n",
                 (unsigned long)size, errno);
      fn (arg);
      abort (); /* FN does not return.  */
    }
  guard_lo = (uint64_t)(uintptr_t)base;
  guard_hi = guard_lo + STACK_GUARD;
  stack_hi = guard_hi + size;
  stack_switch (fn, arg, (void *)(uintptr_t)stack_hi);
}
