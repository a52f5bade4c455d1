/* viengoos: the hint-aware policy, with the reclaimer's key (doc/
   reclamation.md): lowest object priority first; within a priority,
   discardable before important (a discard costs no I/O); within those,
   inactive before active (twolist.h).

   State.  VIENGOOS_SLOTS priority slots, each a twolist per class
   (discardable, important).  A slot is taken by the first frame of a
   priority and freed when its last frame leaves, so an activity using
   at most VIENGOOS_SLOTS distinct priorities at once gets the key
   exactly.  Beyond that (approximation): a frame joins the slot of the
   greatest priority below its own, or, if none is below, the lowest
   slot, which then takes the frame's priority; it is evicted with that
   slot's frames.  So a slot's priority is at most that of each of its
   frames, and the lowest-priority frame is always in the lowest slot,
   which is the next to give up frames.  A frame's list
   byte names its slot, class and list, so a hint change or removal
   finds it without a search.

   Bounds.  add, referenced, hint_changed and remove: O(VIENGOOS_SLOTS).
   victim: O(VIENGOOS_SLOTS) to find the lowest slot, then the twolist's
   steps (at most 2 * count).  */
#include "mm/policy/twolist.h"

#define VIENGOOS_SLOTS 6
#define VIENGOOS_DISCARDABLE 0
#define VIENGOOS_IMPORTANT 1

struct viengoos_slot
{
  struct twolist cls[2];
  int8_t priority;
  uint8_t used;
};

struct viengoos
{
  struct viengoos_slot slot[VIENGOOS_SLOTS];
  uint32_t count;
};

/* List byte: 1 + slot * 4 + class * 2 + active.  */
static uint8_t
base_of (unsigned slot, unsigned cls)
{
  return (uint8_t)(1 + slot * 4 + cls * 2);
}

static struct viengoos *
vg (struct policy_state *s)
{
  return POLICY_STATE (struct viengoos, s);
}

static void
viengoos_init (struct policy_state *s)
{
  struct viengoos *v = vg (s);
  for (unsigned k = 0; k < VIENGOOS_SLOTS; k++)
    {
      twolist_init (&v->slot[k].cls[0]);
      twolist_init (&v->slot[k].cls[1]);
      v->slot[k].priority = 0;
      v->slot[k].used = 0;
    }
  v->count = 0;
}

/* The slot for priority P (see the file comment).  */
static unsigned
slot_for (struct viengoos *v, int8_t p)
{
  int free = -1, below = -1, lowest = -1;
  for (unsigned k = 0; k < VIENGOOS_SLOTS; k++)
    {
      struct viengoos_slot *sl = &v->slot[k];
      if (!sl->used)
        {
          if (free < 0)
            free = (int)k;
          continue;
        }
      if (sl->priority == p)
        return k;
      if (sl->priority < p
          && (below < 0 || sl->priority > v->slot[below].priority))
        below = (int)k;
      if (lowest < 0 || sl->priority < v->slot[lowest].priority)
        lowest = (int)k;
    }
  if (free >= 0)
    {
      v->slot[free].used = 1;
      v->slot[free].priority = p;
      return (unsigned)free;
    }
  if (below >= 0)
    return (unsigned)below;
  v->slot[lowest].priority = p;
  return (unsigned)lowest;
}

static void
viengoos_add (struct policy_state *s, uint32_t i)
{
  struct viengoos *v = vg (s);
  struct frame *f = policy_frame (i);
  unsigned k = slot_for (v, f->priority);
  unsigned cls = f->discardable ? VIENGOOS_DISCARDABLE : VIENGOOS_IMPORTANT;
  twolist_add (&v->slot[k].cls[cls], i, base_of (k, cls));
  v->count++;
}

/* Decode frame I's list byte.  */
static void
where (uint32_t i, unsigned *slot, unsigned *cls)
{
  unsigned l = policy_frame (i)->list;
  policy_assert (l >= 1 && l <= VIENGOOS_SLOTS * 4);
  *slot = (l - 1) / 4;
  *cls = ((l - 1) / 2) % 2;
}

static void
viengoos_referenced (struct policy_state *s, uint32_t i)
{
  unsigned k, cls;
  where (i, &k, &cls);
  twolist_referenced (&vg (s)->slot[k].cls[cls], i, base_of (k, cls));
}

static void
viengoos_remove (struct policy_state *s, uint32_t i)
{
  struct viengoos *v = vg (s);
  unsigned k, cls;
  where (i, &k, &cls);
  struct viengoos_slot *sl = &v->slot[k];
  twolist_remove (&sl->cls[cls], i, base_of (k, cls));
  if (twolist_count (&sl->cls[0]) + twolist_count (&sl->cls[1]) == 0)
    sl->used = 0;
  v->count--;
}

/* Move the frame to its new hint's lists, keeping it active if it
   was.  */
static void
viengoos_hint_changed (struct policy_state *s, uint32_t i,
                       struct policy_hint old)
{
  (void)old;
  unsigned k, cls;
  where (i, &k, &cls);
  bool active = twolist_is_active (i, base_of (k, cls));
  viengoos_remove (s, i);
  viengoos_add (s, i);
  if (active)
    viengoos_referenced (s, i);
}

static uint32_t
viengoos_victim (struct policy_state *s, uint32_t max_steps)
{
  struct viengoos *v = vg (s);
  int low = -1;
  for (unsigned k = 0; k < VIENGOOS_SLOTS; k++)
    if (v->slot[k].used
        && (low < 0 || v->slot[k].priority < v->slot[low].priority))
      low = (int)k;
  if (low < 0)
    return FRAME_NONE;
  uint32_t steps = 0;
  for (unsigned cls = 0; cls < 2; cls++)
    {
      struct twolist *t = &v->slot[low].cls[cls];
      if (twolist_count (t) > 0)
        return twolist_victim (t, base_of ((unsigned)low, cls), &steps,
                               max_steps ? max_steps : 1);
    }
  policy_assert (!"viengoos: a used slot is empty");
  return FRAME_NONE;
}

static uint32_t
viengoos_count (const struct policy_state *s)
{
  return POLICY_STATE (const struct viengoos, s)->count;
}

const struct policy_ops policy_viengoos_ops = {
  .name = "viengoos",
  .summary = "hint-aware: priority, then discardable, then inactive",
  .init = viengoos_init,
  .add = viengoos_add,
  .referenced = viengoos_referenced,
  .hint_changed = viengoos_hint_changed,
  .remove = viengoos_remove,
  .victim = viengoos_victim,
  .count = viengoos_count,
};
