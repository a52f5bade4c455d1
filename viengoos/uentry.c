/* Every entry from user mode, in one generic order: system calls,
   interrupts taken in ring 3 (preemption), exceptions, and kernel
   faults on user addresses.  The architecture saves the registers and
   decodes faults (arch_regs_from_frame, arch_fault_decode); this file
   decides what happens: the address-space cache is filled, the thread
   gets an activation, or it is stopped.  Each path saves the user state
   in the current thread's REGS where it may switch away, and reloads it
   from there on the way out (thread.h, sched.h).

   Each entry is timed when the kernel was booted with `entrystat'
   (kern/entrystat.h): it opens where the entry begins and closes where
   this file (or the scheduler) returns to user mode.

   With no current thread (the in-kernel ring-3 tests, before the
   scheduler owns user mode) each entry goes to the bare test harness
   (kern/test.h).  */
#include <arch/context.h>
#include <arch/syscall.h>
#include <arch/trap.h>
#include <vg/exregs.h>

#include "exec/activation.h"
#include "exec/messenger.h"
#include "exec/sched.h"
#include "kern/entrystat.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "kern/test.h"
#include "mm/as.h"
#include "mm/notice.h"
#include "mm/reclaim.h"
#include "obj/activity.h"
#include "obj/object.h"
#include "obj/reap.h"
#include "obj/room.h"
#include "obj/swapobj.h"
#include "exec/waitq.h"
#include "sys/dispatch.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "uentry.h"

_Static_assert(SWAPOBJ_WAIT == SYS_RESTART_WAIT, "SWAPOBJ_WAIT");
_Static_assert(OBJ_AGAIN == SYS_RESTART, "OBJ_AGAIN");
_Static_assert(OBJ_NOFRAME < 0 && OBJ_NOFRAME != SYS_RESTART
                   && OBJ_NOFRAME != SYS_RESTART_WAIT,
               "OBJ_NOFRAME");

/* A handler asked to run again (sys/restart.h): back the saved state up
   to the system-call instruction (REGS.RAX still holds the call
   number), then either pass a preemption point or wait on the queue the
   handler chose.  Returns what RAX gets: VG_ETIMEDOUT if a wait's
   deadline passed first (the call is not run again), else the call
   number, unchanged.  */
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
  if (t->call_abandoned)
    return t->regs.rax; /* New registers: nothing to back up.  */
  if (woke == VG_ETIMEDOUT)
    return VG_ETIMEDOUT;
  /* Woken, or stopped while waiting (then the call runs again when the
     thread is started).  */
  arch_syscall_restart (&t->regs);
  return t->regs.rax;
}

/* No frame (obj/room.h): the call that returned OBJ_NOFRAME runs again
   once the reclaimer has answered its request.  False after
   ROOM_RUNS_MAX runs of one entry (a kernel bug: every run gets past
   the check the last one stopped at); the caller then gives up.  */
static bool
make_room (void)
{
  if (!room_may_retry ())
    {
      log_warn ("uentry", "still no frame after %u runs: giving up",
                ROOM_RUNS_MAX);
      return false;
    }
  reclaim_serve ();
  room_run ();
  return true;
}

/* Return to user mode: post the notices, then the activation boundary
   (which may need room for the area's page).  Each entry starts with no
   answers (room.h), so the first run needs no room_run, and only an
   entry that made room ends with room_done.  */
static void
boundary (struct thread *t)
{
  notice_post ();
  if (activation_boundary (t) == OBJ_NOFRAME)
    {
      while (make_room () && activation_boundary (t) == OBJ_NOFRAME)
        ;
      room_done ();
    }
}

static void
syscall (struct user_regs *r)
{
  struct thread *t = sched_current ();
  if (!t)
    {
      test_bare_syscall (r);
      return;
    }
  assert (r == &t->regs); /* syscall_entry.S saved them there.  */
  const uint64_t args[6] = { r->rdi, r->rsi, r->rdx, r->r10, r->r8, r->r9 };
  t->in_call = 1;
  bool set_rax = true;
  uint64_t res;
  /* A call whose teardown committed runs again until the reap queue
     has released it (obj/reap.h).  */
  if (t->reap_batch && r->rsp == t->reap_rsp && r->rax == t->reap_nr)
    res = sys_reap_resume (t, true);
  else
    {
      res = syscall_invoke (r->rax, args, &set_rax);
      if (res == (uint64_t)(int64_t)OBJ_NOFRAME)
        {
          while (make_room ()
                 && (res = syscall_invoke (r->rax, args, &set_rax))
                        == (uint64_t)(int64_t)OBJ_NOFRAME)
            ;
          room_done ();
          if (res == (uint64_t)(int64_t)OBJ_NOFRAME)
            res = (uint64_t)(int64_t)VG_ENOMEM;
        }
    }
  activity_reap_drop_kept ();
  uint32_t batch = reap_entry_take ();
  t = sched_current ();
  if (!t)
    sched_exit_dead (); /* The call destroyed the caller.  */
  if (batch && !t->call_abandoned)
    {
      t->reap_batch = batch;
      t->reap_res = res;
      t->reap_rsp = r->rsp;
      t->reap_nr = r->rax;
      res = sys_reap_resume (t, false);
      set_rax = true;
    }
  if (!t->call_abandoned
      && (res == (uint64_t)(int64_t)SYS_RESTART
          || res == (uint64_t)(int64_t)SYS_RESTART_WAIT))
    {
      res = restart (t, res == (uint64_t)(int64_t)SYS_RESTART_WAIT);
      set_rax = true;
    }
  /* thread_exregs set the registers meanwhile: they stay as set, and
     a delivery the call left pending goes with the call.  */
  if (t->call_abandoned)
    messenger_pending_drop (t);
  else if (set_rax)
    t->regs.rax = res;
  t->in_call = t->call_abandoned = 0;
  sched_boundary ();
  boundary (t);
}

void
uentry_syscall (struct user_regs *r)
{
  entrystat_enter (r->rax < VG_ENTRY_ROW_SYSCALLS ? (unsigned)r->rax
                                                  : VG_ENTRY_ROW_SYSCALLS - 1);
  syscall (r);
  entrystat_exit ();
}

void
uentry_irq_enter (unsigned irq)
{
  entrystat_enter (VG_ENTRY_ROW_IRQ0 + irq);
}

void
uentry_timer_tick (void)
{
  uint64_t now = sched_now_ns ();
  sched_wake_expired (now);
  uint64_t t0 = entrystat_nested_begin ();
  reclaim_tick (now);
  entrystat_nested_end (VG_ENTRY_ROW_RECLAIM_TICK, t0);
  reap_tick ();
  sched_tick ();
}

void
uentry_irq_exit (struct trap_frame *tf)
{
  struct thread *t = sched_current ();
  if (!t)
    return;
  arch_regs_from_frame (&t->regs, tf);
  sched_boundary ();
  boundary (t);
  arch_frame_from_regs (tf, &t->regs);
  entrystat_exit ();
}

/* The VG_ACT_* access bits of a decoded page fault.  */
static uint32_t
fault_access (const struct arch_fault *af, int cause)
{
  uint32_t a = af->write ? VG_ACT_WRITE : VG_ACT_READ;
  if (af->exec)
    a |= VG_ACT_EXEC;
  if (af->present)
    a |= VG_ACT_PRESENT;
  if (cause == VG_EDISCARDED)
    a |= VG_ACT_DISCARDED;
  return a;
}

/* The fault must wait (a page-in: of the page, or of the activation
   area the fault is to be reported in; the thread is on a wait queue):
   block, then return to the faulting instruction, which faults again
   or goes on (sys/restart.h).  */
static void
wait_then_refault (struct thread *t, struct trap_frame *tf)
{
  sys_restart_waits++;
  arch_regs_from_frame (&t->regs, tf);
  sched_block (t->restart_deadline);
  waitq_remove (t);
  sched_boundary ();
  boundary (t);
  arch_frame_from_regs (tf, &t->regs);
}

static void
exception (struct trap_frame *tf)
{
  struct thread *t = sched_current ();
  if (!t)
    {
      test_bare_exception (tf);
      return;
    }
  struct arch_fault af;
  arch_fault_decode (tf, &af);
  int err = VG_OK;
  if (af.page_fault)
    {
      err = as_fault (&t->as, &t->aspace, af.addr, af.write, af.exec);
      if (err == VG_OK)
        return;
      if (err < 0)
        {
          if (err == OBJ_NOFRAME)
            {
              while (make_room ()
                     && (err = as_fault (&t->as, &t->aspace, af.addr, af.write,
                                         af.exec))
                            == OBJ_NOFRAME)
                ;
              room_done ();
              if (err == OBJ_NOFRAME)
                err = VG_ENOMEM;
              if (err == VG_OK)
                return;
            }
          if (err == SYS_RESTART_WAIT)
            {
              wait_then_refault (t, tf);
              return;
            }
        }
    }
  t->fault_addr = af.addr;
  arch_regs_from_frame (&t->regs, tf);
  struct act_fault f = {
    .vector = af.vector,
    .error = af.error,
    .addr = af.addr,
    .cause = err,
    .page_fault = af.page_fault,
    .access = af.page_fault ? fault_access (&af, err) : 0,
  };
  int aerr = activation_fault (t, &f);
  if (aerr == OBJ_NOFRAME)
    {
      while (make_room () && (aerr = activation_fault (t, &f)) == OBJ_NOFRAME)
        ;
      room_done ();
      if (aerr == OBJ_NOFRAME)
        aerr = VG_EINVAL; /* Stopped below, as without an area.  */
    }
  if (aerr == VG_OK)
    {
      arch_frame_from_regs (tf, &t->regs);
      return;
    }
  if (aerr == SYS_RESTART_WAIT)
    {
      /* The activation area is on the swap disk.  */
      wait_then_refault (t, tf);
      return;
    }
  if (aerr != VG_EINVAL)
    {
      /* Stopped by activation_fault (nested fault, bad area).  */
      sched_boundary ();
      panic ("uentry: a stopped thread resumed");
    }
  log_warn ("user",
            "thread %#lx (activity %#lx): exception %u at rip %#lx, "
            "address %#lx, error %#x: thread stopped",
            t->oid, t->activity.oid, af.vector, t->regs.rip, af.addr,
            af.error);
  sched_stop (t, VG_STOP_FAULT, (int32_t)af.vector);
  sched_boundary ();
  panic ("uentry: a faulted thread resumed");
}

void
uentry_exception (struct trap_frame *tf)
{
  entrystat_enter (tf->vector == TRAP_PF ? VG_ENTRY_ROW_PAGE_FAULT
                                         : VG_ENTRY_ROW_EXCEPTION);
  exception (tf);
  entrystat_exit ();
}

bool
uentry_kernel_user_fault (uint64_t addr, bool write)
{
  /* Inside a system call's run: the answers serve the fault's own
     retries (no room_run here) and go when it is done, leaving the
     call's own as they were.  */
  int err = as_kernel_user_fault (addr, write);
  if (err == OBJ_NOFRAME)
    {
      unsigned mark = room_mark ();
      for (unsigned n = 0; err == OBJ_NOFRAME && n < ROOM_RUNS_MAX; n++)
        {
          reclaim_serve ();
          err = as_kernel_user_fault (addr, write);
        }
      room_trim (mark);
    }
  if (err == VG_OK)
    return true;
  return !sched_current () && test_bare_kernel_user_fault (addr, write);
}
