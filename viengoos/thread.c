/* Threads (see thread.h).  */
#include "kstring.h"
#include "thread.h"

void
thread_init (struct thread *t)
{
  memset (t, 0, sizeof *t);
  t->state = THREAD_STOPPED;
}
