/* Frame-pointer backtraces with symbol names.  The kernel is built with
   -fno-omit-frame-pointer, so each frame starts with the caller's %rbp
   followed by the return address.  */
#include <arch/layout.h>
#include <arch/machine.h>
#include <arch/trap.h>

#include "kern/ksyms.h"
#include "kern/log.h"

#define BACKTRACE_MAX 32

static void
print_frame (int i, uint64_t rip)
{
  uintptr_t off;
  const char *name = ksyms_lookup (rip, &off);
  if (name)
    kprintf ("  #%-2d %016lx <%s+%#lx>\n", i, rip, name, off);
  else
    kprintf ("  #%-2d %016lx\n", i, rip);
}

/* Walk from RIP and RBP.  If RIP is the first instruction of a function
   (a fault before its prologue, or a leaf built without one), the
   caller's return address is still on top of the stack at RSP; pass 0
   for RSP when that does not apply.  */
static void
walk (uint64_t rip, uint64_t rbp, uint64_t rsp)
{
  kprintf ("backtrace:\n");
  print_frame (0, rip);
  int i = 1;
  uintptr_t off;
  if (rsp >= DIRECT_MAP_BASE && !(rsp & 7) && ksyms_lookup (rip, &off)
      && off == 0 && *(const uint64_t *)rsp >= KERNEL_VMA)
    print_frame (i++, *(const uint64_t *)rsp);
  for (; i < BACKTRACE_MAX; i++)
    {
      /* Only follow frame pointers into the kernel half, aligned.  */
      if (rbp < DIRECT_MAP_BASE || (rbp & 7))
        break;
      const uint64_t *frame = (const uint64_t *)rbp;
      uint64_t ret = frame[1];
      if (ret < KERNEL_VMA)
        break;
      print_frame (i, ret);
      if (frame[0] <= rbp)
        break;
      rbp = frame[0];
    }
}

void
backtrace_from (uint64_t rip, uint64_t rbp)
{
  walk (rip, rbp, 0);
}

void
backtrace_trap (const struct trap_frame *tf)
{
  walk (tf->rip, tf->rbp, tf->rsp);
}

void
arch_backtrace_here (void)
{
  backtrace_from ((uint64_t)arch_backtrace_here,
                  (uint64_t)__builtin_frame_address (0));
}
