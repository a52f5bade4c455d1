/* Restartable system calls: the kernel-internal results a handler may
   return instead of a vg_error_t (doc/architecture.md, "Bounded work
   and restart").  They are negative, outside the ABI's error space, and
   never reach user space: the entry path (viengoos/uentry.c)
   turns them into a re-execution of the call.

   SYS_RESTART: the handler did a bounded chunk of its work, leaving the
   system consistent, and more remains.  The entry path backs the
   thread's saved rip up to the system-call instruction and passes a
   preemption point (other runnable threads of the same or higher
   priority run first); the thread then executes the call again, which
   checks its arguments afresh and continues where the state says.

   A restart may also advance the call's own arguments
   (sys_restart_args), as x86's `rep movs' advances its registers: the
   call then resumes with what is left (debug_write prints a bounded
   number of lines per run and moves its buffer and length past them).
   What such a call did in earlier runs stays done; an error found in a
   later run (the rest of the buffer unmapped meanwhile) is returned
   with the registers saying what was left.

   A call may also keep its continuation in the calling thread's
   object: an IPC delivery that took a message keeps what is left of it
   in struct thread's ipc_pending (exec/messenger.h, "Bounded
   delivery"), and the call run again finishes it.

   SYS_RESTART_WAIT: the handler could not go on and put the thread on a
   wait queue (exec/waitq.h).  The entry path blocks the thread until it
   is woken (or the deadline set with sys_restart_deadline passes: the
   call then returns VG_ETIMEDOUT), then re-executes the call.  A thread
   stopped while it waits re-executes the call when it is started
   again.  */
#ifndef VG_SYS_RESTART_H
#define VG_SYS_RESTART_H

#include <vg/error.h>

#define SYS_RESTART (-1)
#define SYS_RESTART_WAIT (-2)

struct waitq;

/* For a handler that must wait: put the current thread on Q, to be
   woken by then (ns on the sched_now_ns clock; UINT64_MAX: forever), and
   return SYS_RESTART_WAIT, which the handler returns in turn.  Call it
   only after every check that could fail and before any change.  */
int sys_restart_wait (struct waitq *q, uint64_t deadline_ns);

/* For a handler about to return SYS_RESTART having done part of its
   work: the call executed again finds its first N arguments (in
   syscalls.def's order) set to ARGS (arch_syscall_set_arg).  */
void sys_restart_args (unsigned n, const uint64_t *args);

/* Calls that returned SYS_RESTART and SYS_RESTART_WAIT since boot
   (tests and benchmarks).  */
extern unsigned long sys_restarts, sys_restart_waits;

#endif
