/* What cap_info reports about a cap.  The values of TYPE, RIGHTS and
   POLICY are the object store's (its cap-type, rights and policy
   definitions in this directory); this struct only fixes their place.  */
#ifndef VG_CAP_INFO_H
#define VG_CAP_INFO_H

#include <stddef.h>
#include <stdint.h>

struct vg_cap_info
{
  uint32_t type;     /* The object type the cap designates.  */
  uint32_t rights;   /* Rights bits (read-only and weak variants).  */
  uint32_t policy;   /* Policy hints: discardable bit and priority.  */
  uint32_t reserved; /* Zero.  */
};

_Static_assert(sizeof (struct vg_cap_info) == 16, "vg_cap_info size");
_Static_assert(offsetof (struct vg_cap_info, type) == 0, "layout");
_Static_assert(offsetof (struct vg_cap_info, rights) == 4, "layout");
_Static_assert(offsetof (struct vg_cap_info, policy) == 8, "layout");
_Static_assert(offsetof (struct vg_cap_info, reserved) == 12, "layout");

#endif
