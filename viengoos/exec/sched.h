/* The scheduler: preemptive round robin within priority on one CPU.

   Model.  Runnable threads sit on one FIFO queue per thread priority;
   the highest non-empty queue runs.  The timer (sched_tick) gives
   the running thread SCHED_SLICE ticks; when they are used up, or a
   higher-priority thread became runnable, the thread is preempted at its
   next return to user mode (sched_boundary), and goes to the tail of its
   queue.  Threads inside the kernel are never preempted (interrupts are
   off there); they leave the CPU only by blocking, yielding, stopping or
   exiting.  With nothing runnable the boot context idles (sti; hlt) in
   sched_idle_until.

   Switching.  Every switch checks both kernel stacks' canaries, loads
   the next thread's address space (as_set_current and
   as_cache_activate; the cache is created lazily here, charged to the
   thread's activity), its fs/gs bases, and its FPU state.  The FPU is
   switched eagerly but only between different user threads: the owner
   of the FPU registers is remembered, so a thread that is resumed after
   the idle loop or a kernel-only switch finds its registers untouched.

   CPU accounting.  Each tick is charged to the running thread's
   activity: cpu_ticks_local there and cpu_ticks_total in it and every
   ancestor (sampled accounting, one tick = 1/hz s).  A thread whose
   activity cap is dead is stopped (VG_STOP_NO_ACTIVITY) at the next tick
   if it is running, and before it runs if it is runnable.  Weighting CPU
   by activity policy later: replace the per-priority FIFO pick with a
   per-activity virtual time (cpu_ticks_local / sibling weight, compared
   level by level down the activity tree) among threads of the highest
   priority; the accounting above already provides the numerator.

   Timeouts are checked on timer ticks, so a deadline is met within one
   tick.  Single CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_SCHED_H
#define VG_SCHED_H

#include <arch/context.h>

#include "exec/thread.h"
#include "types.h"

#define SCHED_SLICE 3 /* Ticks in a time slice.  */

/* Install the timer, IRQ-exit and thread-destruction hooks.  The caller
   becomes the idle context.  */
void sched_init (void);

/* The running thread, or NULL in the idle (boot) context or once the
   running thread has been destroyed.  Written only by sched.c; read
   through sched_current, inline since every entry asks.  */
extern struct thread *sched_running;

static inline struct thread *
sched_current (void)
{
  return sched_running;
}

/* Block the current thread until sched_wake or the deadline (ns, on the
   sched_now_ns clock); UINT64_MAX = forever, 0 = don't block (returns
   VG_ETIMEDOUT at once).  Returns the code passed to sched_wake or
   VG_ETIMEDOUT; VG_EINTR if the thread is being stopped.  */
int sched_block (uint64_t deadline_ns);
/* Make the blocked thread T runnable; sched_block returns CODE.  No
   effect on a thread that is not blocked.  */
void sched_wake (struct thread *t, int code);
/* Monotonic time since boot in ns (tick resolution).  */
uint64_t sched_now_ns (void);
/* Give the CPU to the next runnable thread of the same or higher
   priority, if any.  */
void sched_yield (void);

/* Make the stopped thread T runnable (it enters user mode with its
   REGS).  */
void sched_start (struct thread *t);
/* Stop T with reason WHY (VG_STOP_*) and CODE: at once if it is at the
   user boundary, else when it reaches it (a blocked thread is woken with
   VG_EINTR).  T may be the current thread: it stops on its way out of
   the kernel.  */
void sched_stop (struct thread *t, unsigned why, int32_t code);

/* A preemption point: the current thread, inside a restartable call
   that will run again (sys/restart.h), lets every runnable thread of the
   same or higher priority run first, at its next sched_boundary.  */
void sched_preempt_point (void);

/* The current thread is about to return to user mode with its REGS:
   stop it if asked, or let others run if its slice is over.  */
void sched_boundary (void);

/* Make T->fpu hold T's current FPU state: save the registers if T owns
   them (activation delivery copies T->fpu to user memory).  */
void sched_fpu_sync (struct thread *t);

/* The current thread was destroyed (sched_current () is NULL): leave its
   stack for good.  */
_Noreturn void sched_exit_dead (void);

/* Run threads until DONE () is true (checked after every wake-up of the
   idle context).  Only the boot context calls this.  */
void sched_idle_until (bool (*done) (void));

/* Follow thread T (NULL: none): the next time it stops (exit, fault,
   exregs, no activity), sched_watched () records why.  The boot context
   uses it to wait for the root task.  */
struct sched_watch
{
  bool stopped;
  unsigned why;
  int32_t code;
};
void sched_watch (struct thread *t);
struct sched_watch sched_watched (void);

/* A timer tick (uentry_timer_tick), in two parts: wake the sleepers
   whose deadline is at or before NOW; then charge the current thread's
   activity and decide whether to preempt.  */
void sched_wake_expired (uint64_t now);
void sched_tick (void);

/* Thread T's object is being destroyed (thread_destroy): take it off
   every queue, forget it as FPU owner, drop its address-space cache,
   and unlink any IPC waiter record on its kernel stack
   (messenger_thread_gone).  */
void sched_thread_destroyed (struct thread *t);
/* Free kernel-stack frame FRAME of a destroyed thread, or, if the CPU
   is still running on it, once it has switched away.  */
void sched_stack_free (uint32_t frame);

/* Statistics.  */
extern uint64_t sched_switches, sched_idle_ticks;

#endif
