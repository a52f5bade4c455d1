/* dfifo: the worked example of doc/eviction-lab.md.  Two FIFOs, one
   for discardable frames and one for important ones; the victim is the
   oldest discardable frame, or, if there is none, the oldest important
   one.  Hint-aware, blind to references.  victim () takes one step.  */
#include "mm/policy/plist.h"

struct dfifo
{
  struct plist q[2]; /* [0] discardable, [1] important.  */
};

/* The list byte: 1 + the queue, so that 0 stays "on no list".  */
static struct plist *
queue_of (struct policy_state *s, uint32_t i)
{
  return &POLICY_STATE (struct dfifo, s)->q[policy_frame (i)->list - 1];
}

static void
dfifo_init (struct policy_state *s)
{
  struct dfifo *d = POLICY_STATE (struct dfifo, s);
  plist_init (&d->q[0]);
  plist_init (&d->q[1]);
}

static void
dfifo_add (struct policy_state *s, uint32_t i)
{
  struct dfifo *d = POLICY_STATE (struct dfifo, s);
  unsigned q = policy_frame (i)->discardable ? 0 : 1;
  plist_push_tail (&d->q[q], i, (uint8_t)(1 + q));
}

static void
dfifo_referenced (struct policy_state *s, uint32_t i)
{
  (void)s;
  (void)i;
}

static void
dfifo_remove (struct policy_state *s, uint32_t i)
{
  plist_remove (queue_of (s, i), i);
}

/* The frame's fields hold the new hint: requeue it at the tail.  */
static void
dfifo_hint_changed (struct policy_state *s, uint32_t i, struct policy_hint old)
{
  (void)old;
  dfifo_remove (s, i);
  dfifo_add (s, i);
}

static uint32_t
dfifo_victim (struct policy_state *s, uint32_t max_steps)
{
  (void)max_steps;
  struct dfifo *d = POLICY_STATE (struct dfifo, s);
  return d->q[0].head != FRAME_NONE ? d->q[0].head : d->q[1].head;
}

static uint32_t
dfifo_count (const struct policy_state *s)
{
  const struct dfifo *d = POLICY_STATE (const struct dfifo, s);
  return d->q[0].count + d->q[1].count;
}

const struct policy_ops policy_dfifo_ops = {
  .name = "dfifo",
  .summary = "FIFO, discardable frames first (the doc's example)",
  .init = dfifo_init,
  .add = dfifo_add,
  .referenced = dfifo_referenced,
  .hint_changed = dfifo_hint_changed,
  .remove = dfifo_remove,
  .victim = dfifo_victim,
  .count = dfifo_count,
};
