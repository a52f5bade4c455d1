/* The radix walk shared by as_slot and as_fault.  Internal to as*.c.  */
#ifndef VG_AS_WALK_H
#define VG_AS_WALK_H

#include <vg/addr.h>
#include <vg/cap.h>

#include "types.h"

/* Walk ADDR's depth of cappages from ROOT, each cappage cap needing the
   rights NEED; *SLOT is the slot named, *RIGHTS (if not NULL) the rights
   common to every cappage cap on the path, and PATH[L-1] (if PATH is
   not NULL) the data frame of the level-L cappage walked.  Errors as
   as_slot.  */
int as_walk (const struct vg_cap *root, vg_addr_t addr, uint8_t need,
             struct vg_cap **slot, uint8_t *rights, uint32_t *path);

#endif
