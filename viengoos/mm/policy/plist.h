/* Circular doubly linked lists of frames, for the policies: a head
   index and a count (8 bytes).  The tail is head's prev, so pushing at
   the tail and rotating the head are O(1).  Links are the frames'
   prev/next fields, reached through policy_frame ().  */
#ifndef VG_MM_POLICY_PLIST_H
#define VG_MM_POLICY_PLIST_H

#include "mm/policy.h"

struct plist
{
  uint32_t head; /* FRAME_NONE when empty.  */
  uint32_t count;
};

static inline void
plist_init (struct plist *l)
{
  l->head = FRAME_NONE;
  l->count = 0;
}

/* Append frame I (on no list) at the tail and set its list byte to
   WHICH (nonzero).  */
static inline void
plist_push_tail (struct plist *l, uint32_t i, uint8_t which)
{
  struct frame *f = policy_frame (i);
  policy_assert (which != FRAME_LIST_NONE);
  f->list = which;
  if (l->head == FRAME_NONE)
    {
      f->prev = f->next = i;
      l->head = i;
    }
  else
    {
      struct frame *h = policy_frame (l->head);
      uint32_t t = h->prev;
      f->prev = t;
      f->next = l->head;
      policy_frame (t)->next = i;
      h->prev = i;
    }
  l->count++;
}

/* Unlink frame I from L and clear its list byte.  */
static inline void
plist_remove (struct plist *l, uint32_t i)
{
  struct frame *f = policy_frame (i);
  policy_assert (l->count > 0 && f->list != FRAME_LIST_NONE);
  if (f->next == i)
    l->head = FRAME_NONE;
  else
    {
      policy_frame (f->prev)->next = f->next;
      policy_frame (f->next)->prev = f->prev;
      if (l->head == i)
        l->head = f->next;
    }
  f->prev = f->next = FRAME_NONE;
  f->list = FRAME_LIST_NONE;
  l->count--;
}

/* Move the head to the tail (the clock hand's step).  */
static inline void
plist_rotate (struct plist *l)
{
  if (l->head != FRAME_NONE)
    l->head = policy_frame (l->head)->next;
}

/* Move frame I from FROM to the tail of TO, as list WHICH.  */
static inline void
plist_move_tail (struct plist *from, struct plist *to, uint32_t i,
                 uint8_t which)
{
  plist_remove (from, i);
  plist_push_tail (to, i, which);
}

#endif
