/* Trap dispatch: interrupts go to registered IRQ handlers; a kernel
   exception either hits the exception table (a deliberate, recoverable
   fault) or is a kernel bug, reported with registers and a backtrace.  */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/machine.h>
#include <arch/trap.h>

#include "kern/exitcode.h"
#include "kern/log.h"
#include "pic.h"
#include "uentry.h"
#include "user_trap.h"

static const char *const names[32] = {
  "#DE divide error",
  "#DB debug",
  "NMI",
  "#BP breakpoint",
  "#OF overflow",
  "#BR bound range",
  "#UD invalid opcode",
  "#NM device not available",
  "#DF double fault",
  "coprocessor overrun",
  "#TS invalid TSS",
  "#NP segment not present",
  "#SS stack fault",
  "#GP general protection",
  "#PF page fault",
  "reserved 15",
  "#MF x87 error",
  "#AC alignment check",
  "#MC machine check",
  "#XM SIMD error",
  "#VE virtualization",
  "#CP control protection",
  "reserved 22",
  "reserved 23",
  "reserved 24",
  "reserved 25",
  "reserved 26",
  "reserved 27",
  "#HV hypervisor injection",
  "#VC VMM communication",
  "#SX security",
  "reserved 31",
};

struct trap_fixup_record trap_last_fixup;
uint64_t trap_user_irqs;
static void (*irq_handlers[16]) (struct trap_frame *);

extern const struct extable_entry __extable_start[], __extable_end[];

void
irq_register (unsigned irq, void (*handler) (struct trap_frame *))
{
  irq_handlers[irq] = handler;
  pic_unmask (irq);
}

static bool
try_fixup (struct trap_frame *tf)
{
  for (const struct extable_entry *e = __extable_start; e < __extable_end; e++)
    if (e->insn == tf->rip)
      {
        if (tf->vector == TRAP_PF && read_cr2 () < USER_SPACE_END
            && uentry_kernel_user_fault (read_cr2 (), (tf->error & 2) != 0))
          return true; /* Mapped now: retry the instruction.  */
        trap_last_fixup.count++;
        trap_last_fixup.vector = tf->vector;
        trap_last_fixup.error = tf->error;
        trap_last_fixup.cr2 = tf->vector == TRAP_PF ? read_cr2 () : 0;
        trap_last_fixup.rip = tf->rip;
        tf->rip = e->fixup;
        return true;
      }
  return false;
}

void
trap_dump (const struct trap_frame *tf)
{
  kprintf ("  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n", tf->rax, tf->rbx,
           tf->rcx, tf->rdx);
  kprintf ("  rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n", tf->rsi, tf->rdi,
           tf->rbp, tf->rsp);
  kprintf ("  r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n", tf->r8, tf->r9,
           tf->r10, tf->r11);
  kprintf ("  r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n", tf->r12, tf->r13,
           tf->r14, tf->r15);
  kprintf ("  rip %016lx cs %04lx rflags %08lx ss %04lx\n", tf->rip, tf->cs,
           tf->rflags, tf->ss);
  kprintf ("  cr0 %016lx cr2 %016lx cr3 %016lx cr4 %016lx\n", read_cr0 (),
           read_cr2 (), read_cr3 (), read_cr4 ());
}

static _Noreturn void
kernel_exception (struct trap_frame *tf)
{
  arch_interrupts_off ();
  kprintf ("\nKERNEL EXCEPTION %lu (%s), error code %#lx\n", tf->vector,
           names[tf->vector & 31], tf->error);
  if (tf->vector == TRAP_PF)
    kprintf ("  page fault at %#lx: %s, %s, %s%s\n", read_cr2 (),
             tf->error & 1 ? "protection violation" : "page not present",
             tf->error & 2 ? "write" : "read",
             tf->error & 4 ? "user mode" : "kernel mode",
             tf->error & 16 ? ", instruction fetch" : "");
  trap_dump (tf);
  backtrace_trap (tf);
  arch_exit (VG_EXIT_PANIC);
}

void
trap_dispatch (struct trap_frame *tf)
{
  if (tf->vector >= TRAP_IRQ_BASE)
    {
      unsigned irq = tf->vector - TRAP_IRQ_BASE;
      if (pic_spurious (irq))
        return;
      if (tf->rflags & RFLAGS_IF)
        uentry_irq_enter (irq);
      if ((tf->cs & 3) == 3)
        trap_user_irqs++;
      if (irq_handlers[irq])
        irq_handlers[irq](tf);
      else
        log_warn ("trap", "unexpected IRQ %u", irq);
      pic_eoi (irq);
      if ((tf->cs & 3) == 3)
        uentry_irq_exit (tf);
      return;
    }
  /* NMI and machine checks are the machine's, not the thread's, even
     when they interrupt ring 3.  */
  if ((tf->cs & 3) == 3 && tf->vector != TRAP_NMI && tf->vector != TRAP_MC)
    {
      user_exception (tf);
      return;
    }
  if (try_fixup (tf) || user_iret_fault (tf))
    return;
  kernel_exception (tf);
}
