/* Wait queues (see waitq.h).  */
#include "exec/sched.h"
#include "exec/thread.h"
#include "exec/waitq.h"
#include "kern/panic.h"

void
waitq_add (struct waitq *q, struct thread *t)
{
  assert (t->waitq == NULL);
  t->waitq = q;
  t->wq_next = NULL;
  t->wq_prev = q->tail;
  if (q->tail)
    q->tail->wq_next = t;
  else
    q->head = t;
  q->tail = t;
}

void
waitq_remove (struct thread *t)
{
  struct waitq *q = t->waitq;
  if (!q)
    return;
  if (t->wq_prev)
    t->wq_prev->wq_next = t->wq_next;
  else
    q->head = t->wq_next;
  if (t->wq_next)
    t->wq_next->wq_prev = t->wq_prev;
  else
    q->tail = t->wq_prev;
  t->wq_next = t->wq_prev = NULL;
  t->waitq = NULL;
}

bool
waitq_wake_one (struct waitq *q)
{
  struct thread *t = q->head;
  if (!t)
    return false;
  waitq_remove (t);
  sched_wake (t, VG_OK);
  return true;
}

void
waitq_wake_all (struct waitq *q)
{
  while (waitq_wake_one (q))
    ;
}

bool
waitq_empty (const struct waitq *q)
{
  return q->head == NULL;
}
