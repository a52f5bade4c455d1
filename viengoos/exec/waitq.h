/* Wait queues: threads waiting in a restartable system call or fault.

   Model (doc/architecture.md, "Bounded work and restart").  A call that
   must wait (for a page-in, for memory, for a live partner) holds no
   state on its kernel stack while it waits: it puts its thread on a
   wait queue and returns SYS_RESTART_WAIT (sys/restart.h).  The entry
   path then blocks the thread, with its saved user state backed up to
   the system-call instruction; when the thread is woken it returns to
   user mode and executes the call again from the start, checking
   everything afresh.  A fault waits the same way: it returns to the
   faulting instruction.  So a wait never spins, never holds interrupts
   off, and a thread stopped or destroyed while waiting leaves nothing
   behind but its queue link, which the scheduler removes.

   A thread is on at most one wait queue.  Every operation is O(1)
   except waitq_wake_all, O(threads woken).

   Legend: [W] waitq.c.  Single CPU, interrupts off: no locks.  */
#ifndef VG_WAITQ_H
#define VG_WAITQ_H

#include "types.h"

struct thread;

struct waitq
{
  struct thread *head, *tail; /* [W] FIFO through wq_next/wq_prev.  */
};

#define WAITQ_INIT                                                            \
  {                                                                           \
    NULL, NULL                                                                \
  }

/* Put T at the tail of Q (T on no queue).  */
void waitq_add (struct waitq *q, struct thread *t);
/* Take T off its queue, if any.  */
void waitq_remove (struct thread *t);
/* Wake the first waiter of Q (false if none), or every waiter: each is
   taken off Q and made runnable; its call restarts.  */
bool waitq_wake_one (struct waitq *q);
void waitq_wake_all (struct waitq *q);
bool waitq_empty (const struct waitq *q);

#endif
