/* System-call MSRs and the default dispatcher (see include/arch/syscall.h).
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/syscall.h>

#include "gdt.h"
#include "kern/log.h"
#include "uentry.h"

#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_SFMASK 0xc0000084
#define EFER_SCE 1ull

/* Cleared on entry: TF, IF, DF, IOPL, NT, AC.  */
#define SFMASK_BITS 0x47700ull

extern char syscall_entry[];

uint64_t syscall_kernel_rsp;
struct user_regs syscall_scratch_regs;
struct user_regs *syscall_user_regs = &syscall_scratch_regs;
uint64_t syscall_iret_returns;

void
syscall_init (void)
{
  /* SYSCALL loads CS = STAR[47:32], SS = that + 8.  SYSRET (64-bit)
     loads CS = STAR[63:48] + 16 and SS = STAR[63:48] + 8, both | 3.  */
  _Static_assert(GDT_KDATA == GDT_KCODE + 8, "syscall_entry.SS follows CS");
  _Static_assert(GDT_UDATA == GDT_UCODE32 + 8, "sysret SS");
  _Static_assert(GDT_UCODE == GDT_UCODE32 + 16, "sysret CS");
  wrmsr (MSR_STAR,
         ((uint64_t)GDT_UCODE32 << 48) | ((uint64_t)GDT_KCODE << 32));
  wrmsr (MSR_LSTAR, (uint64_t)syscall_entry);
  wrmsr (MSR_SFMASK, SFMASK_BITS);
  wrmsr (MSR_EFER, rdmsr (MSR_EFER) | EFER_SCE);
  log_info ("syscall", "syscall/sysret enabled: user CS %#x SS %#x",
            GDT_UCODE | 3, GDT_UDATA | 3);
}

void
syscall_dispatch (struct user_regs *r)
{
  uentry_syscall (r);
}
