/* Cappages: a page of VG_CAPPAGE_SLOTS (256) caps, slot I at byte
   offset I * 16 of the object's frame.

   A cappage's frame is claimed eagerly and zeroed at creation, so every
   slot starts as the void cap.  Storing a cap needs WRITE on the
   cappage; reading one needs only a live cap.  Caps stored here are not
   tracked: when their objects die, they simply stop validating.  Every
   store goes through as_slot_store, so a hardware mapping never outlives
   the cap it was made from.  */
#ifndef VG_CAPPAGE_H
#define VG_CAPPAGE_H

#include <vg/cap.h>

#include "types.h"

struct cappage
{
  struct vg_cap slots[VG_CAPPAGE_SLOTS];
};

_Static_assert(sizeof (struct cappage) == VG_OBJECT_SIZE, "cappage");

/* Initialise a new cappage (all slots void).  */
void cappage_init (struct cappage *cp);

/* Copy SRC into slot INDEX of the cappage CAPPAGE_CAP names.  SRC must be
   a void or a live cap (it is stored as given).  Errors: cap errors,
   VG_EPERM without WRITE, VG_ERANGE.  */
/* The cappage C names and, if FRAME is not NULL, the frame that holds
   it (cap_object's errors; C must hold RIGHTS).  */
int cappage_from_cap (const struct vg_cap *c, uint8_t rights,
                      struct cappage **out, uint32_t *frame);

int cappage_set_cap (const struct vg_cap *cappage_cap, unsigned index,
                     const struct vg_cap *src);

/* Copy slot INDEX out.  */
int cappage_get_cap (const struct vg_cap *cappage_cap, unsigned index,
                     struct vg_cap *out);

#endif
