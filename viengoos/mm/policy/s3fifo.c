/* s3fifo and s3fifo-hint: scan-resistant, after S3-FIFO (Yang et al.,
   SOSP 2023): a small FIFO for new frames, a main FIFO, and a ghost of
   recently evicted objects.

   A frame is added to the small queue, or to the main queue if its
   object is in the ghost.  A reference raises its frequency (the age
   byte, at most 3).  The victim comes from the small queue while that
   holds at least a tenth of the frames (or main is empty): its head is
   moved to the main tail if it was referenced since it was added
   (frequency reset), else it is the victim.  Otherwise from the main
   queue: a head with a nonzero frequency has it decremented and rotates,
   else it is the victim.  A one-time scan therefore passes through the
   small queue only.

   Ghost (approximation).  The state is fixed, so the ghost is a ring of
   S3FIFO_GHOST 16-bit fingerprints of objects removed from the small
   queue (the paper's ghost holds as many as the main queue): it
   remembers the last S3FIFO_GHOST such objects, with a false match per
   lookup of about S3FIFO_GHOST / 65535.  Objects freed from the small
   queue, not only evicted, enter it too: the policy cannot tell.

   s3fifo-hint adds the hints as a bias, not a key: a frame gets spare
   passes in the main queue, one if it is important (evicting it costs a
   write and a read, a discardable one only a refill) and one if its
   priority is above 0.  The spares are the pad byte, restored by a
   reference or a hint change.

   Bounds.  add: S3FIFO_GHOST compares; victim: each step moves one
   frame; unbounded, at most count steps to empty the small queue of
   promotions plus 4 (s3fifo-hint: 6) passes over main.  */
#include "mm/policy/plist.h"

#define S3FIFO_GHOST 96
#define S3FIFO_SMALL 1
#define S3FIFO_MAIN 2
#define S3FIFO_FREQ_MAX 3

struct s3fifo
{
  struct plist small, main;
  uint16_t ghost[S3FIFO_GHOST]; /* 0: empty.  */
  uint16_t ghost_next;
  uint8_t hints; /* s3fifo-hint.  */
};

static struct s3fifo *
s3 (struct policy_state *s)
{
  return POLICY_STATE (struct s3fifo, s);
}

static uint16_t
fingerprint (uint32_t i)
{
  uint64_t h = policy_frame_object (i) * 0x9e3779b97f4a7c15ull;
  return (uint16_t)((h >> 48) % 65535 + 1);
}

static void
init_common (struct policy_state *s, uint8_t hints)
{
  struct s3fifo *q = s3 (s);
  plist_init (&q->small);
  plist_init (&q->main);
  for (unsigned k = 0; k < S3FIFO_GHOST; k++)
    q->ghost[k] = 0;
  q->ghost_next = 0;
  q->hints = hints;
}

static void
s3fifo_init (struct policy_state *s)
{
  init_common (s, 0);
}

static void
s3fifo_hint_init (struct policy_state *s)
{
  init_common (s, 1);
}

static uint8_t
spares (const struct s3fifo *q, uint32_t i)
{
  const struct frame *f = policy_frame (i);
  if (!q->hints)
    return 0;
  return (uint8_t)(!f->discardable + (f->priority > 0));
}

/* Take the object of frame I out of the ghost; true if it was there.  */
static bool
ghost_take (struct s3fifo *q, uint32_t i)
{
  uint16_t fp = fingerprint (i);
  for (unsigned k = 0; k < S3FIFO_GHOST; k++)
    if (q->ghost[k] == fp)
      {
        q->ghost[k] = 0;
        return true;
      }
  return false;
}

static void
s3fifo_add (struct policy_state *s, uint32_t i)
{
  struct s3fifo *q = s3 (s);
  struct frame *f = policy_frame (i);
  f->age = 0;
  f->pad = spares (q, i);
  if (ghost_take (q, i))
    plist_push_tail (&q->main, i, S3FIFO_MAIN);
  else
    plist_push_tail (&q->small, i, S3FIFO_SMALL);
}

static void
s3fifo_referenced (struct policy_state *s, uint32_t i)
{
  struct frame *f = policy_frame (i);
  if (f->age < S3FIFO_FREQ_MAX)
    f->age++;
  f->pad = spares (s3 (s), i);
}

static void
s3fifo_hint_changed (struct policy_state *s, uint32_t i,
                     struct policy_hint old)
{
  (void)old;
  policy_frame (i)->pad = spares (s3 (s), i);
}

static void
s3fifo_remove (struct policy_state *s, uint32_t i)
{
  struct s3fifo *q = s3 (s);
  struct frame *f = policy_frame (i);
  policy_assert (f->list == S3FIFO_SMALL || f->list == S3FIFO_MAIN);
  if (f->list == S3FIFO_SMALL)
    {
      q->ghost[q->ghost_next] = fingerprint (i);
      q->ghost_next = (uint16_t)((q->ghost_next + 1) % S3FIFO_GHOST);
      plist_remove (&q->small, i);
    }
  else
    plist_remove (&q->main, i);
  f->age = f->pad = 0;
}

static bool
from_small (const struct s3fifo *q)
{
  uint32_t n = q->small.count + q->main.count;
  return q->small.count > 0
         && (q->main.count == 0 || (uint64_t)q->small.count * 10 >= n);
}

static uint32_t
s3fifo_victim (struct policy_state *s, uint32_t max_steps)
{
  struct s3fifo *q = s3 (s);
  if (max_steps == 0)
    max_steps = 1;
  for (uint32_t step = 0;; step++)
    {
      bool small = from_small (q);
      struct plist *l = small ? &q->small : &q->main;
      uint32_t h = l->head;
      if (h == FRAME_NONE || step >= max_steps)
        return h;
      struct frame *f = policy_frame (h);
      if (small)
        {
          if (f->age == 0)
            return h;
          f->age = 0;
          plist_move_tail (&q->small, &q->main, h, S3FIFO_MAIN);
        }
      else if (f->age > 0)
        {
          f->age--;
          plist_rotate (&q->main);
        }
      else if (f->pad > 0)
        {
          f->pad--;
          plist_rotate (&q->main);
        }
      else
        return h;
    }
}

static uint32_t
s3fifo_count (const struct policy_state *s)
{
  const struct s3fifo *q = POLICY_STATE (const struct s3fifo, s);
  return q->small.count + q->main.count;
}

const struct policy_ops policy_s3fifo_ops = {
  .name = "s3fifo",
  .summary = "hint-blind scan-resistant: small, main and ghost FIFOs",
  .init = s3fifo_init,
  .add = s3fifo_add,
  .referenced = s3fifo_referenced,
  .hint_changed = s3fifo_hint_changed,
  .remove = s3fifo_remove,
  .victim = s3fifo_victim,
  .count = s3fifo_count,
};

const struct policy_ops policy_s3fifo_hint_ops = {
  .name = "s3fifo-hint",
  .summary = "s3fifo with spare passes for important and high-priority "
             "frames",
  .init = s3fifo_hint_init,
  .add = s3fifo_add,
  .referenced = s3fifo_referenced,
  .hint_changed = s3fifo_hint_changed,
  .remove = s3fifo_remove,
  .victim = s3fifo_victim,
  .count = s3fifo_count,
};
