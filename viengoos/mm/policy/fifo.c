/* FIFO: hint-blind; the victim is the oldest frame added.  References
   and hints are ignored.  victim () takes one step.  */
#include "mm/policy/plist.h"

struct fifo
{
  struct plist q;
};

#define FIFO_LIST 1

static void
fifo_init (struct policy_state *s)
{
  plist_init (&POLICY_STATE (struct fifo, s)->q);
}

static void
fifo_add (struct policy_state *s, uint32_t i)
{
  plist_push_tail (&POLICY_STATE (struct fifo, s)->q, i, FIFO_LIST);
}

static void
fifo_referenced (struct policy_state *s, uint32_t i)
{
  (void)s;
  (void)i;
}

static void
fifo_hint_changed (struct policy_state *s, uint32_t i, struct policy_hint old)
{
  (void)s;
  (void)i;
  (void)old;
}

static void
fifo_remove (struct policy_state *s, uint32_t i)
{
  plist_remove (&POLICY_STATE (struct fifo, s)->q, i);
}

static uint32_t
fifo_victim (struct policy_state *s, uint32_t max_steps)
{
  (void)max_steps;
  return POLICY_STATE (struct fifo, s)->q.head;
}

static uint32_t
fifo_count (const struct policy_state *s)
{
  return POLICY_STATE (const struct fifo, s)->q.count;
}

const struct policy_ops policy_fifo_ops = {
  .name = "fifo",
  .summary = "hint-blind first in, first out",
  .init = fifo_init,
  .add = fifo_add,
  .referenced = fifo_referenced,
  .hint_changed = fifo_hint_changed,
  .remove = fifo_remove,
  .victim = fifo_victim,
  .count = fifo_count,
};
