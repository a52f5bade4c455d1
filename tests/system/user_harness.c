/* The ring-3 test harness (see user_harness.h).  */
#include <arch/cpu.h>
#include <arch/mm.h>
#include <arch/syscall.h>
#include <arch/timer.h>

#include "kstring.h"
#include "kern/panic.h"
#include "kern/test.h"
#include "mm/pmm.h"
#include "user_harness.h"

int64_t uh_tables_out;

static paddr_t
alloc_table (void *ctx)
{
  (void)ctx;
  paddr_t p = pmm_alloc ();
  if (p)
    uh_tables_out++;
  return p;
}

static void
free_table (void *ctx, paddr_t p)
{
  (void)ctx;
  uh_tables_out--;
  pmm_free (p);
}

const struct pt_alloc uh_alloc = { alloc_table, free_table, NULL };

int
uh_setup (struct uh_space *u)
{
  memset (u, 0, sizeof *u);
  if (pt_space_create (&u->pt, &uh_alloc) != PT_OK)
    return -1;
  u->code = pmm_alloc ();
  u->stack = pmm_alloc ();
  if (!u->code || !u->stack)
    return -1;
  size_t n = (size_t)(user_prog_end - user_prog_start);
  assert (n <= PAGE_SIZE);
  memset (phys_to_virt (u->code), 0xcc, PAGE_SIZE); /* int3 */
  memcpy (phys_to_virt (u->code), user_prog_start, n);
  memset (phys_to_virt (u->stack), 0, PAGE_SIZE);
  if (pt_map (&u->pt, &uh_alloc, UP_CODE_VA, u->code, PT_USER | PT_EXEC)
          != PT_OK
      || pt_map (&u->pt, &uh_alloc, UP_STACK_VA, u->stack, PT_USER | PT_WRITE)
             != PT_OK)
    return -1;
  pt_activate (&u->pt);
  return 0;
}

void
uh_teardown (struct uh_space *u)
{
  pt_activate (NULL);
  pt_space_destroy (&u->pt, &uh_alloc);
  if (u->code)
    pmm_free (u->code);
  if (u->stack)
    pmm_free (u->stack);
}

uint64_t
uh_entry (const char *sym)
{
  return UP_CODE_VA + (uint64_t)(sym - user_prog_start);
}

static struct arch_context kernel_ctx, user_ctx;
static uint8_t user_kstack[16384] __attribute__ ((aligned (16)));
static struct user_regs start_regs;
static struct uh_result *result;

static _Noreturn void
finish (void)
{
  arch_context_switch (&user_ctx, &kernel_ctx);
  panic ("user harness: a finished user thread was resumed");
}

static bool
test_call_ok (const struct user_regs *r)
{
  return r->rax == UP_SYS_TEST && r->rdi == 0x11 && r->rsi == 0x22
         && r->rdx == 0x33 && r->r10 == 0x44 && r->r8 == 0x55 && r->r9 == 0x66
         && r->rbx == 0x1b && r->rbp == 0x1bb && r->r12 == 0x12
         && r->r15 == 0x15 && r->rcx == r->rip && r->r11 == r->rflags
         && (r->rflags & RFLAGS_IF) && r->rsp == UP_STACK_TOP - 8
         && r->rip > UP_CODE_VA && r->rip < UP_CODE_VA + PAGE_SIZE;
}

void
test_bare_syscall (struct user_regs *r)
{
  if (!result)
    {
      r->rax = SYSCALL_ENOSYS;
      return;
    }
  switch (r->rax)
    {
    case UP_SYS_TEST:
      result->test_call_ok = test_call_ok (r);
      r->rax = UP_TEST_RAX;
      r->rdx = UP_TEST_RDX;
      break;
    case UP_SYS_EXIT:
      result->how = UH_EXIT;
      result->exit_code = r->rdi;
      finish ();
    case UP_SYS_TICKS:
      r->rax = timer_ticks ();
      break;
    case UP_SYS_NONCANON:
      result->iret_before = syscall_iret_returns;
      r->rip = r->rcx = UP_NONCANON;
      break;
    default:
      r->rax = SYSCALL_ENOSYS;
    }
}

bool (*uh_fault_filter) (struct trap_frame *tf);

bool (*uh_kernel_fault_filter) (uint64_t addr, bool write);

bool
test_bare_kernel_user_fault (uint64_t addr, bool write)
{
  return uh_kernel_fault_filter && uh_kernel_fault_filter (addr, write);
}

void
test_bare_exception (struct trap_frame *tf)
{
  if (!result)
    {
      user_exception_log (tf);
      arch_user_fault_default (tf);
    }
  if (uh_fault_filter && uh_fault_filter (tf))
    return;
  result->how = UH_FAULT;
  result->tf = *tf;
  result->cr2 = tf->vector == TRAP_PF ? read_cr2 () : 0;
  user_exception_log (tf);
  finish ();
}

static void
user_thread (void *arg)
{
  arch_enter_user (arg);
}

void
uh_run (uint64_t rip, struct uh_result *res)
{
  uh_run_args (rip, 0, 0, res);
}

void
uh_run_args (uint64_t rip, uint64_t rdi, uint64_t rsi, struct uh_result *res)
{
  memset (res, 0, sizeof *res);
  result = res;
  start_regs = (struct user_regs){
    .rdi = rdi,
    .rsi = rsi,
    .rip = rip,
    .rsp = UP_STACK_TOP,
    .rflags = RFLAGS_IF | RFLAGS_RESERVED,
  };
  arch_context_init (&user_ctx, user_kstack, sizeof user_kstack, user_thread,
                     &start_regs);
  arch_context_switch (&kernel_ctx, &user_ctx);
  result = NULL;
}
