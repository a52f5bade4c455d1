/* The ways into the kernel from a user thread: system calls, interrupts
   taken in ring 3 (preemption), exceptions, and kernel faults on user
   addresses.  Each saves the user state in the current thread's REGS
   where it may switch away, and reloads it from there on the way out
   (see thread.h and sched.h).  */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <vg/exregs.h>

#include "exec/activation.h"
#include "mm/as.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "exec/sched.h"
#include "sys/dispatch.h"
#include "sys/restart.h"
#include "exec/waitq.h"
#include "user_glue.h"

static void
regs_from_tf (struct user_regs *r, const struct trap_frame *tf)
{
  *r = (struct user_regs){
    .rax = tf->rax,
    .rbx = tf->rbx,
    .rcx = tf->rcx,
    .rdx = tf->rdx,
    .rsi = tf->rsi,
    .rdi = tf->rdi,
    .rbp = tf->rbp,
    .r8 = tf->r8,
    .r9 = tf->r9,
    .r10 = tf->r10,
    .r11 = tf->r11,
    .r12 = tf->r12,
    .r13 = tf->r13,
    .r14 = tf->r14,
    .r15 = tf->r15,
    .rip = tf->rip,
    .rflags = tf->rflags,
    .rsp = tf->rsp,
  };
}

static void
tf_from_regs (struct trap_frame *tf, const struct user_regs *r)
{
  tf->rax = r->rax, tf->rbx = r->rbx, tf->rcx = r->rcx, tf->rdx = r->rdx;
  tf->rsi = r->rsi, tf->rdi = r->rdi, tf->rbp = r->rbp, tf->r8 = r->r8;
  tf->r9 = r->r9, tf->r10 = r->r10, tf->r11 = r->r11, tf->r12 = r->r12;
  tf->r13 = r->r13, tf->r14 = r->r14, tf->r15 = r->r15, tf->rip = r->rip;
  tf->rsp = r->rsp;
  tf->rflags = (r->rflags & RFLAGS_USER_MASK) | RFLAGS_IF | RFLAGS_RESERVED;
}

/* A handler asked to run again (sys/restart.h): back the saved state up
   to the system-call instruction (REGS.RAX still holds the call
   number), then either pass a preemption point or wait on the queue the
   handler chose.  Returns what RAX gets if the call is not re-executed
   (only VG_ETIMEDOUT, when a wait's deadline passed first); otherwise
   the call number, so RAX is unchanged.  */
static uint64_t
restart (struct thread *t, bool wait)
{
  if (!wait)
    {
      sys_restarts++;
      arch_syscall_restart (&t->regs);
      sched_preempt_point ();
      return t->regs.rax;
    }
  sys_restart_waits++;
  assert (t->waitq);
  int woke = sched_block (t->restart_deadline);
  waitq_remove (t);
  if (woke == VG_ETIMEDOUT)
    return VG_ETIMEDOUT;
  /* Woken, or stopped while waiting (then the call runs again when the
     thread is started).  */
  arch_syscall_restart (&t->regs);
  return t->regs.rax;
}

static void
on_syscall (struct user_regs *r)
{
  struct thread *t = sched_current ();
  if (!t)
    {
      r->rax = VG_ENOSYS;
      return;
    }
  t->regs = *r;
  const uint64_t args[6] = { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 };
  uint64_t res = syscall_invoke (r->rax, args);
  t = sched_current ();
  if (!t)
    sched_exit_dead (); /* The call destroyed the caller.  */
  if (res == (uint64_t)(int64_t)SYS_RESTART
      || res == (uint64_t)(int64_t)SYS_RESTART_WAIT)
    res = restart (t, res == (uint64_t)(int64_t)SYS_RESTART_WAIT);
  if (!activation_take_keep_regs (t))
    t->regs.rax = res;
  sched_boundary ();
  activation_boundary (t);
  activation_take_keep_regs (t);
  *r = t->regs;
}

static void
on_irq_exit (struct trap_frame *tf)
{
  struct thread *t = sched_current ();
  if (!t)
    return;
  regs_from_tf (&t->regs, tf);
  sched_boundary ();
  activation_boundary (t);
  activation_take_keep_regs (t);
  tf_from_regs (tf, &t->regs);
}

/* The VG_ACT_* access bits of a page fault's error code.  */
static uint32_t
fault_access (uint64_t error, int cause)
{
  uint32_t a = (error & 2) ? VG_ACT_WRITE : VG_ACT_READ;
  if (error & 16)
    a |= VG_ACT_EXEC;
  if (error & 1)
    a |= VG_ACT_PRESENT;
  if (cause == VG_EDISCARDED)
    a |= VG_ACT_DISCARDED;
  return a;
}

static void
on_exception (struct trap_frame *tf)
{
  struct thread *t = sched_current ();
  if (!t)
    {
      user_exception_log (tf);
      arch_user_fault_default (tf);
    }
  uint64_t addr = tf->vector == TRAP_PF ? read_cr2 () : 0;
  int err = VG_OK;
  if (tf->vector == TRAP_PF)
    {
      err = as_fault (&t->as, &t->aspace, addr, tf->error & 2, tf->error & 16);
      if (err == VG_OK)
        return;
      if (err == SYS_RESTART_WAIT)
        {
          /* The fault must wait (a page-in; the thread is on a wait
             queue): block, then return to the faulting instruction,
             which faults again or goes on (sys/restart.h).  */
          sys_restart_waits++;
          regs_from_tf (&t->regs, tf);
          sched_block (t->restart_deadline);
          waitq_remove (t);
          sched_boundary ();
          activation_boundary (t);
          activation_take_keep_regs (t);
          tf_from_regs (tf, &t->regs);
          return;
        }
    }
  t->fault_addr = addr;
  regs_from_tf (&t->regs, tf);
  struct act_fault f = {
    .vector = (uint32_t)tf->vector,
    .error = (uint32_t)tf->error,
    .addr = addr,
    .cause = err,
    .access = tf->vector == TRAP_PF ? fault_access (tf->error, err) : 0,
  };
  int aerr = activation_fault (t, &f);
  if (aerr == VG_OK)
    {
      activation_take_keep_regs (t);
      tf_from_regs (tf, &t->regs);
      return;
    }
  if (aerr != VG_EINVAL)
    {
      /* Stopped by activation_fault (nested fault, bad area).  */
      sched_boundary ();
      panic ("user_glue: a stopped thread resumed");
    }
  log_warn ("user",
            "thread %#lx (activity %#lx): exception %lu at rip %#lx, "
            "address %#lx, error %#lx: thread stopped",
            t->oid, t->activity.oid, tf->vector, tf->rip, addr, tf->error);
  sched_stop (t, VG_STOP_FAULT, (int32_t)tf->vector);
  sched_boundary ();
  panic ("user_glue: a faulted thread resumed");
}

void
user_glue_init (void)
{
  syscall_set_handler (on_syscall);
  user_exception_set_handler (on_exception);
  trap_user_irq_exit = on_irq_exit;
  /* Kernel copies from user memory fill the cache through
     as_kernel_user_fault, which as_set_current installs.  */
}
