/* Capabilities: making, deriving and validating struct vg_cap (the ABI
   layout is in <vg/cap.h>).

   A cap is valid while its object's slot still holds an object of the
   cap's type at the cap's version.  Validation is O(1): decode the oid
   to a folio header frame, check the frame descriptor says it is a live
   folio header, then compare type and version.  Revocation is therefore
   free: bumping a slot's version kills every cap made before.  Caps
   live anywhere (cappages, kernel structures, test variables); the
   kernel never walks them.  */
#ifndef VG_CAP_H_KERNEL
#define VG_CAP_H_KERNEL

#include <vg/cap.h>
#include <vg/error.h>

#include "types.h"

struct folio;

/* Fill OUT.  */
void cap_make (struct vg_cap *out, uint8_t type, uint64_t oid,
               uint32_t version, uint8_t rights, uint8_t policy);

/* The empty cap.  */
void cap_void (struct vg_cap *out);

/* Encode and decode an object policy in a cap's policy byte.  */

/* OUT = SRC with rights SRC.rights & RIGHTS_MASK.  SRC must be a live
   cap (VG_EVOID, VG_EDEADCAP otherwise); VG_EINVAL if RIGHTS_MASK has
   bits outside VG_RIGHTS_ALL.  OUT is untouched on error.  */
int cap_derive (const struct vg_cap *src, uint8_t rights_mask,
                struct vg_cap *out);

/* Validate C as a cap of type TYPE (VG_TYPE_VOID: any type) holding at
   least RIGHTS.  On success, *F and *INDEX give the folio and index
   (0 = the folio, 1..128 = slot INDEX - 1).  Errors: VG_EVOID (void
   cap), VG_ETYPE (cap of another type), VG_EPERM (rights missing),
   VG_EDEADCAP (no such live object at that version).  Root-activity caps
   are not folio objects: see activity_from_cap.  */
int cap_lookup (const struct vg_cap *c, uint8_t type, uint8_t rights,
                struct folio **f, unsigned *index);

#endif
