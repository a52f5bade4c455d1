/* An active and an inactive list with second chance: the LRU
   approximation shared by the lruapprox and viengoos policies.

   A frame enters at the inactive tail.  A reference to an inactive
   frame moves it to the active tail; a reference to an active frame
   sets its reference bit (the age byte's TWOLIST_REF).  Choosing a
   victim first balances the lists: while the active list is longer
   than the inactive one, the active head is demoted to the inactive
   tail, or, if its bit is set, the bit is cleared and the head rotates
   (one step each).  The victim is then the inactive head, or, with the
   budget spent and no inactive frame, the active head.  Unbounded, a
   choice takes at most 2 * count steps.

   The list byte of a frame is BASE (inactive) or BASE + 1 (active); a
   policy with several twolists gives each its own BASE.  */
#ifndef VG_MM_POLICY_TWOLIST_H
#define VG_MM_POLICY_TWOLIST_H

#include "mm/policy/plist.h"

#define TWOLIST_REF 0x01

struct twolist
{
  struct plist inactive, active;
};

static inline uint32_t
twolist_count (const struct twolist *t)
{
  return t->inactive.count + t->active.count;
}

static inline bool
twolist_is_active (uint32_t i, uint8_t base)
{
  return policy_frame (i)->list == base + 1;
}

void twolist_init (struct twolist *t);
void twolist_add (struct twolist *t, uint32_t i, uint8_t base);
void twolist_referenced (struct twolist *t, uint32_t i, uint8_t base);
void twolist_remove (struct twolist *t, uint32_t i, uint8_t base);
/* Choose a victim, taking at most MAX_STEPS - *STEPS steps and adding
   them to *STEPS.  FRAME_NONE if T is empty.  */
uint32_t twolist_victim (struct twolist *t, uint8_t base, uint32_t *steps,
                         uint32_t max_steps);

#endif
