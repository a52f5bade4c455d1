/* CLOCK: hint-blind second chance.  The frames form a ring; the hand
   is the list head.  A frame is added just behind the hand with its
   reference bit clear; referenced () sets the bit.  victim () clears
   set bits and advances the hand until it finds a clear bit; with the
   budget spent it returns the frame under the hand.  Unbounded, it
   takes at most one full turn (count steps).  */
#include "mm/policy/plist.h"

struct clock
{
  struct plist ring; /* head = the hand.  */
};

#define CLOCK_LIST 1
#define CLOCK_REF 0x01 /* In the frame's age byte.  */

static void
clock_init (struct policy_state *s)
{
  plist_init (&POLICY_STATE (struct clock, s)->ring);
}

static void
clock_add (struct policy_state *s, uint32_t i)
{
  policy_frame (i)->age = 0;
  plist_push_tail (&POLICY_STATE (struct clock, s)->ring, i, CLOCK_LIST);
}

static void
clock_referenced (struct policy_state *s, uint32_t i)
{
  (void)s;
  policy_frame (i)->age |= CLOCK_REF;
}

static void
clock_hint_changed (struct policy_state *s, uint32_t i, struct policy_hint old)
{
  (void)s;
  (void)i;
  (void)old;
}

static void
clock_remove (struct policy_state *s, uint32_t i)
{
  policy_frame (i)->age = 0;
  plist_remove (&POLICY_STATE (struct clock, s)->ring, i);
}

static uint32_t
clock_victim (struct policy_state *s, uint32_t max_steps)
{
  struct plist *ring = &POLICY_STATE (struct clock, s)->ring;
  for (uint32_t step = 0; ring->head != FRAME_NONE && step < max_steps; step++)
    {
      struct frame *f = policy_frame (ring->head);
      if (!(f->age & CLOCK_REF))
        break;
      f->age &= ~CLOCK_REF;
      plist_rotate (ring);
    }
  return ring->head;
}

static uint32_t
clock_count (const struct policy_state *s)
{
  return POLICY_STATE (const struct clock, s)->ring.count;
}

const struct policy_ops policy_clock_ops = {
  .name = "clock",
  .summary = "hint-blind second chance (one reference bit)",
  .init = clock_init,
  .add = clock_add,
  .referenced = clock_referenced,
  .hint_changed = clock_hint_changed,
  .remove = clock_remove,
  .victim = clock_victim,
  .count = clock_count,
};
