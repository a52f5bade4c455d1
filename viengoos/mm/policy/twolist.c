/* Active and inactive lists with second chance (twolist.h).  */
#include "mm/policy/twolist.h"

void
twolist_init (struct twolist *t)
{
  plist_init (&t->inactive);
  plist_init (&t->active);
}

void
twolist_add (struct twolist *t, uint32_t i, uint8_t base)
{
  policy_frame (i)->age = 0;
  plist_push_tail (&t->inactive, i, base);
}

void
twolist_referenced (struct twolist *t, uint32_t i, uint8_t base)
{
  struct frame *f = policy_frame (i);
  policy_assert (f->list == base || f->list == base + 1);
  if (f->list == base)
    {
      f->age = 0;
      plist_move_tail (&t->inactive, &t->active, i, base + 1);
    }
  else
    f->age |= TWOLIST_REF;
}

void
twolist_remove (struct twolist *t, uint32_t i, uint8_t base)
{
  struct frame *f = policy_frame (i);
  policy_assert (f->list == base || f->list == base + 1);
  f->age = 0;
  plist_remove (f->list == base ? &t->inactive : &t->active, i);
}

uint32_t
twolist_victim (struct twolist *t, uint8_t base, uint32_t *steps,
                uint32_t max_steps)
{
  while (t->active.count > t->inactive.count && *steps < max_steps)
    {
      uint32_t h = t->active.head;
      struct frame *f = policy_frame (h);
      if (f->age & TWOLIST_REF)
        {
          f->age &= ~TWOLIST_REF;
          plist_rotate (&t->active);
        }
      else
        plist_move_tail (&t->active, &t->inactive, h, base);
      ++*steps;
    }
  if (t->inactive.head != FRAME_NONE)
    return t->inactive.head;
  return t->active.head;
}
