/* Exact LRU over the policy interface: every reference moves the frame
   to the tail; the victim is the head.  Host only: the kernel sees
   references only through the ager's samples.  */
#include "mm/policy/plist.h"
#include "sim.h"

struct lru
{
  struct plist l;
};

#define LRU_LIST 1

static struct plist *
lru_list (struct policy_state *s)
{
  return &POLICY_STATE (struct lru, s)->l;
}

static void
lru_init (struct policy_state *s)
{
  plist_init (lru_list (s));
}

static void
lru_add (struct policy_state *s, uint32_t i)
{
  plist_push_tail (lru_list (s), i, LRU_LIST);
}

static void
lru_referenced (struct policy_state *s, uint32_t i)
{
  struct plist *l = lru_list (s);
  plist_remove (l, i);
  plist_push_tail (l, i, LRU_LIST);
}

static void
lru_hint_changed (struct policy_state *s, uint32_t i, struct policy_hint old)
{
  (void)s;
  (void)i;
  (void)old;
}

static void
lru_remove (struct policy_state *s, uint32_t i)
{
  plist_remove (lru_list (s), i);
}

static uint32_t
lru_victim (struct policy_state *s, uint32_t max_steps)
{
  (void)max_steps;
  return lru_list (s)->head;
}

static uint32_t
lru_count (const struct policy_state *s)
{
  return POLICY_STATE (const struct lru, s)->l.count;
}

const struct policy_ops lab_lru_ops = {
  .name = "lru",
  .summary = "exact LRU (lab only)",
  .init = lru_init,
  .add = lru_add,
  .referenced = lru_referenced,
  .hint_changed = lru_hint_changed,
  .remove = lru_remove,
  .victim = lru_victim,
  .count = lru_count,
};
