/* lruapprox: hint-blind LRU approximation with an active and an
   inactive list (twolist.h).  victim () takes at most 2 * count
   steps.  */
#include "mm/policy/twolist.h"

struct lruapprox
{
  struct twolist t;
};

#define LRUAPPROX_BASE 1

static struct twolist *
lists (struct policy_state *s)
{
  return &POLICY_STATE (struct lruapprox, s)->t;
}

static void
lruapprox_init (struct policy_state *s)
{
  twolist_init (lists (s));
}

static void
lruapprox_add (struct policy_state *s, uint32_t i)
{
  twolist_add (lists (s), i, LRUAPPROX_BASE);
}

static void
lruapprox_referenced (struct policy_state *s, uint32_t i)
{
  twolist_referenced (lists (s), i, LRUAPPROX_BASE);
}

static void
lruapprox_hint_changed (struct policy_state *s, uint32_t i,
                        struct policy_hint old)
{
  (void)s;
  (void)i;
  (void)old;
}

static void
lruapprox_remove (struct policy_state *s, uint32_t i)
{
  twolist_remove (lists (s), i, LRUAPPROX_BASE);
}

static uint32_t
lruapprox_victim (struct policy_state *s, uint32_t max_steps)
{
  uint32_t steps = 0;
  return twolist_victim (lists (s), LRUAPPROX_BASE, &steps,
                         max_steps ? max_steps : 1);
}

static uint32_t
lruapprox_count (const struct policy_state *s)
{
  return twolist_count (&POLICY_STATE (const struct lruapprox, s)->t);
}

const struct policy_ops policy_lruapprox_ops = {
  .name = "lruapprox",
  .summary = "hint-blind LRU approximation: active and inactive lists",
  .init = lruapprox_init,
  .add = lruapprox_add,
  .referenced = lruapprox_referenced,
  .hint_changed = lruapprox_hint_changed,
  .remove = lruapprox_remove,
  .victim = lruapprox_victim,
  .count = lruapprox_count,
};
