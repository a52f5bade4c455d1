/* Link-time fakes of the scheduler for the host unit tests: the object
   store calls these directly (thread.c, messenger.c); the host has no
   threads to run, so destruction only frees and wake-ups are counted.  */
#include "exec/sched.h"
#include "obj/frame.h"
#include "fake/fake.h"

unsigned fake_sched_wakes;
int fake_sched_last_wake;
struct thread *fake_sched_woken[FAKE_WAKES_MAX];

void
sched_thread_destroyed (struct thread *t)
{
  (void)t;
}

void
sched_stack_free (uint32_t frame)
{
  frame_free (frame);
}

void
sched_wake (struct thread *t, int code)
{
  if (fake_sched_wakes < FAKE_WAKES_MAX)
    fake_sched_woken[fake_sched_wakes] = t;
  fake_sched_wakes++;
  fake_sched_last_wake = code;
}

struct thread *sched_running; /* What sched_current returns.  */
