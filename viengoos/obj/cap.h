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

/* Typed lookups.  Each validates C as a cap of the type it names
   holding at least RIGHTS, and on success says what C names; the out
   parameters are untouched on error.  Errors: VG_EVOID (void cap),
   VG_ETYPE (cap of another type), VG_EPERM (rights missing),
   VG_EDEADCAP (no such live object at that version).  Root-activity
   caps are not folio objects: see activity_from_cap.  The other types
   have their own in their modules: thread_from_cap, messenger_from_cap,
   cappage_from_cap.  */

/* C is a live cap of type TYPE (VG_TYPE_VOID: any type).  */
int cap_check (const struct vg_cap *c, uint8_t type, uint8_t rights);

/* C names the folio *F.  */
int cap_folio (const struct vg_cap *c, uint8_t rights, struct folio **f);

/* C names the object of type TYPE (not VG_TYPE_FOLIO or VG_TYPE_VOID)
   in slot *SLOT of folio *F.  */
int cap_object (const struct vg_cap *c, uint8_t type, uint8_t rights,
                struct folio **f, unsigned *slot);

#endif
