/* The scheduler (see sched.h).  */
#include <arch/context.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/layout.h>
#include <arch/timer.h>
#include <vg/exregs.h>

#include "obj/activity.h"
#include "obj/frame.h"
#include "kern/entrystat.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "exec/messenger.h"
#include "exec/sched.h"
#include "exec/waitq.h"

#define NPRIO VG_PRIORITY_LEVELS

struct queue
{
  struct thread *head, *tail;
};

static struct queue runq[NPRIO];
static uint64_t runq_bits[NPRIO / 64];
static struct queue blocked;
struct thread *sched_running;
static struct thread *fpu_owner;
static struct arch_context idle_ctx, scratch_ctx;
static uint32_t running_stack = FRAME_NONE, dead_stack = FRAME_NONE;
static bool need_resched;

uint64_t sched_switches, sched_idle_ticks;
/* The thread sched_watch follows, and what it saw.  */
static struct thread *watched;
static struct sched_watch watch_result;

static void
q_push (struct queue *q, struct thread *t)
{
  t->next = NULL;
  t->prev = q->tail;
  if (q->tail)
    q->tail->next = t;
  else
    q->head = t;
  q->tail = t;
}

/* Insert T into the blocked list, kept sorted by deadline (equal
   deadlines in arrival order), so the tick stops at the first thread
   whose deadline is still ahead; threads blocked forever sit at the end
   and cost the tick nothing.  */
static void
blocked_insert (struct queue *q, struct thread *t)
{
  struct thread *after = q->tail;
  while (after && after->deadline > t->deadline)
    after = after->prev;
  t->prev = after;
  t->next = after ? after->next : q->head;
  if (t->next)
    t->next->prev = t;
  else
    q->tail = t;
  if (after)
    after->next = t;
  else
    q->head = t;
}

static void
q_remove (struct queue *q, struct thread *t)
{
  if (t->prev)
    t->prev->next = t->next;
  else
    q->head = t->next;
  if (t->next)
    t->next->prev = t->prev;
  else
    q->tail = t->prev;
  t->next = t->prev = NULL;
}

static unsigned
prio_index (const struct thread *t)
{
  return PRIO_INDEX (t->priority);
}

static void
runq_add (struct thread *t)
{
  unsigned p = prio_index (t);
  t->state = THREAD_RUNNABLE;
  q_push (&runq[p], t);
  runq_bits[p / 64] |= 1ull << (p % 64);
}

static void
runq_del (struct thread *t)
{
  unsigned p = prio_index (t);
  q_remove (&runq[p], t);
  if (!runq[p].head)
    runq_bits[p / 64] &= ~(1ull << (p % 64));
}

/* The highest priority with a runnable thread, or -1.  */
static int
runq_top (void)
{
  for (int w = NPRIO / 64 - 1; w >= 0; w--)
    if (runq_bits[w])
      return w * 64 + 63 - __builtin_clzll (runq_bits[w]);
  return -1;
}

static void
free_dead_stack (void)
{
  if (dead_stack != FRAME_NONE)
    {
      frame_free (dead_stack);
      dead_stack = FRAME_NONE;
    }
}

static void
check_stack (const struct thread *t)
{
  if (t && t->kstack_frame != FRAME_NONE && !thread_kstack_ok (t))
    panic ("sched: kernel stack overflow in thread %p", (const void *)t);
}

static _Noreturn void
thread_entry (void *arg)
{
  struct thread *t = arg;
  free_dead_stack ();
  sched_boundary ();
  entrystat_exit ();
  arch_enter_user (&t->regs);
}

/* Load T's address space and FPU state.  0, or why T cannot run:
   VG_STOP_NO_ACTIVITY if its activity cap is dead (its page tables went
   with the activity), VG_STOP_NO_MEMORY if its page-table cache could
   not be made.  */
static unsigned
load_thread (struct thread *t)
{
  struct activity *a;
  if (activity_from_cap (&t->activity, VG_RIGHT_WRITE, &a))
    return VG_STOP_NO_ACTIVITY;
  if (!t->as_live)
    {
      if (as_cache_init (&t->as, a))
        return VG_STOP_NO_MEMORY;
      t->as_live = 1;
    }
  as_set_current (&t->as, &t->aspace);
  as_cache_activate (&t->as);
  if (fpu_owner != t)
    {
      if (fpu_owner)
        fpu_save (fpu_owner->fpu);
      if (!t->fpu_live)
        {
          fpu_init_area (t->fpu);
          t->fpu_live = 1;
        }
      fpu_restore (t->fpu);
      fpu_owner = t;
    }
  arch_thread_load_tls (t->fs_base, t->gs_base);
  return 0;
}

static void stop_now (struct thread *t, unsigned why, int32_t code);

void
sched_fpu_sync (struct thread *t)
{
  if (fpu_owner == t)
    fpu_save (t->fpu);
  else if (!t->fpu_live)
    {
      fpu_init_area (t->fpu);
      t->fpu_live = 1;
    }
}

/* Switch from the running context (saved in SAVE) to the best runnable
   thread, or to the idle context.  Returns when SAVE is resumed.  */
static void
schedule (struct arch_context *save)
{
  check_stack (sched_running);
  struct thread *next = NULL;
  for (int p; (p = runq_top ()) >= 0;)
    {
      next = runq[p].head;
      unsigned why = load_thread (next);
      if (!why)
        {
          runq_del (next);
          break;
        }
      log_warn ("sched", "thread %p: %s: stopped", (void *)next,
                why == VG_STOP_NO_ACTIVITY ? "its activity is gone"
                                           : "no frame for its page tables");
      stop_now (next, why, 0); /* Takes it off the run queue, once.  */
      next = NULL;
    }
  need_resched = false;
  struct arch_context *to = &idle_ctx;
  if (next)
    {
      next->state = THREAD_RUNNING;
      next->slice = SCHED_SLICE;
      if (!next->ctx_live)
        {
          arch_context_init (&next->ctx, frame_virt (next->kstack_frame),
                             PAGE_SIZE, thread_entry, next);
          arch_context_set_user_regs (&next->ctx, &next->regs);
          next->ctx_live = 1;
        }
      check_stack (next);
      running_stack = next->kstack_frame;
      to = &next->ctx;
    }
  else
    {
      running_stack = FRAME_NONE;
      as_set_current (NULL, NULL);
      as_cache_activate (NULL);
    }
  sched_running = next;
  if (to != save)
    {
      sched_switches++;
      arch_context_switch (save, to);
    }
  free_dead_stack ();
}

/* Make T stopped: off every queue, its kernel context discarded.  The
   caller switches away if T is current.  */
static void
stop_now (struct thread *t, unsigned why, int32_t code)
{
  if (t->state == THREAD_RUNNABLE)
    runq_del (t);
  else if (t->state == THREAD_BLOCKED)
    q_remove (&blocked, t);
  t->state = THREAD_STOPPED;
  t->why = (uint8_t)why;
  t->code = code;
  t->stop_pending = 0;
  waitq_remove (t);
  /* Its kernel context is thrown away without unwinding: anything it
     had linked from its kernel stack (an IPC waiter record) must be
     unlinked now, as when the thread object dies.  */
  if (t->ctx_live)
    messenger_thread_gone (t);
  t->ctx_live = 0;
  if (t == watched)
    watch_result = (struct sched_watch){ true, why, code };
}

void
sched_watch (struct thread *t)
{
  watched = t;
  watch_result = (struct sched_watch){ false, 0, 0 };
}

struct sched_watch
sched_watched (void)
{
  return watch_result;
}

uint64_t
sched_now_ns (void)
{
  unsigned hz = timer_hz ();
  return hz ? timer_ticks () * (1000000000ull / hz) : 0;
}

int
sched_block (uint64_t deadline_ns)
{
  struct thread *t = sched_running;
  assert (t);
  if (deadline_ns == 0 || deadline_ns <= sched_now_ns ())
    return VG_ETIMEDOUT;
  if (t->stop_pending)
    return VG_EINTR;
  t->state = THREAD_BLOCKED;
  t->deadline = deadline_ns;
  t->wake_code = VG_ETIMEDOUT;
  blocked_insert (&blocked, t);
  schedule (&t->ctx);
  return t->wake_code;
}

void
sched_wake (struct thread *t, int code)
{
  if (t->state != THREAD_BLOCKED)
    return;
  q_remove (&blocked, t);
  t->wake_code = code;
  runq_add (t);
  if (sched_running && t->priority > sched_running->priority)
    need_resched = true;
}

void
sched_yield (void)
{
  struct thread *t = sched_running;
  assert (t);
  runq_add (t);
  schedule (&t->ctx);
}

void
sched_start (struct thread *t)
{
  assert (t->state == THREAD_STOPPED);
  t->stop_pending = 0;
  runq_add (t);
  if (sched_running && t->priority > sched_running->priority)
    need_resched = true;
}

void
sched_stop (struct thread *t, unsigned why, int32_t code)
{
  if (t->state == THREAD_STOPPED)
    return;
  if (t->state == THREAD_RUNNABLE && !t->ctx_live)
    {
      stop_now (t, why, code); /* Never ran: nothing to unwind.  */
      return;
    }
  t->stop_pending = 1;
  t->why = (uint8_t)why;
  t->code = code;
  if (t->state == THREAD_BLOCKED)
    sched_wake (t, VG_EINTR);
}

void
sched_boundary (void)
{
  for (;;)
    {
      struct thread *t = sched_running;
      assert (t);
      if (t->stop_pending)
        {
          stop_now (t, t->why, t->code);
          schedule (&scratch_ctx);
          panic ("sched: a stopped thread's context was resumed");
        }
      if (!need_resched)
        return;
      runq_add (t);
      schedule (&t->ctx);
    }
}

void
sched_preempt_point (void)
{
  struct thread *t = sched_running;
  assert (t);
  int top = runq_top ();
  if (top >= (int)prio_index (t))
    need_resched = true;
}

_Noreturn void
sched_exit_dead (void)
{
  assert (sched_running == NULL);
  schedule (&scratch_ctx);
  panic ("sched: a destroyed thread's context was resumed");
}

void
sched_idle_until (bool (*done) (void))
{
  while (!done ())
    {
      free_dead_stack ();
      if (runq_top () >= 0)
        {
          schedule (&idle_ctx);
          continue;
        }
      entrystat_exit ();
      cpu_sti_halt ();
      cpu_cli ();
    }
}

void
sched_wake_expired (uint64_t now)
{
  while (blocked.head && blocked.head->deadline <= now)
    sched_wake (blocked.head, VG_ETIMEDOUT);
}

void
sched_tick (void)
{
  struct thread *t = sched_running;
  if (!t)
    {
      sched_idle_ticks++;
      return;
    }
  t->cpu_ticks++;
  struct activity *a;
  if (activity_from_cap (&t->activity, VG_RIGHT_WRITE, &a) == VG_OK)
    activity_charge_cpu (a, 1);
  else if (!t->stop_pending)
    {
      log_warn ("sched", "thread %p: its activity is gone: stopped",
                (void *)t);
      sched_stop (t, VG_STOP_NO_ACTIVITY, 0);
    }
  if (t->slice > 0)
    t->slice--;
  int top = runq_top ();
  if ((t->slice == 0 && top >= 0) || top > (int)prio_index (t))
    need_resched = true;
}

void
sched_thread_destroyed (struct thread *t)
{
  if (t == watched)
    watched = NULL;
  messenger_thread_gone (t);
  messenger_pending_drop (t);
  if (t->state == THREAD_RUNNABLE)
    runq_del (t);
  else if (t->state == THREAD_BLOCKED)
    q_remove (&blocked, t);
  waitq_remove (t);
  t->state = THREAD_STOPPED;
  if (fpu_owner == t)
    fpu_owner = NULL;
  if (t == sched_running)
    {
      sched_running = NULL;
      as_set_current (NULL, NULL);
    }
}

void
sched_stack_free (uint32_t frame)
{
  if (frame == running_stack)
    {
      assert (dead_stack == FRAME_NONE);
      dead_stack = frame; /* Freed once we are off it.  */
      running_stack = FRAME_NONE;
    }
  else
    frame_free (frame);
}

void
sched_init (void)
{
  /* The activation area holds a copy of the same image.  */
  fpu_limit_area (THREAD_FPU_ROOM < VG_ACT_FPU_ROOM ? THREAD_FPU_ROOM
                                                    : VG_ACT_FPU_ROOM);
}
