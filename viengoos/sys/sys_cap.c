/* System calls on cap slots: copy, inspect, clear.  */
#include <vg/cap-info.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "obj/cap.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "syscall-handlers.h"

vg_error_t
sys_cap_copy (vg_addr_t src, vg_addr_t dst, unsigned rights_mask)
{
  if (rights_mask & ~VG_RIGHTS_ALL)
    return VG_EINVAL;
  struct vg_cap *s, *d;
  int err = sys_cap (src, &s);
  if (!err)
    err = sys_slot (dst, true, &d);
  if (!err)
    err = sys_live (s);
  if (err)
    return err;
  if (!as_slot_store_ready (d))
    return SYS_RESTART; /* Bounded work: a chunk of the flush done.  */
  struct vg_cap c = *s;
  c.rights &= (uint8_t)rights_mask;
  as_slot_store (d, &c);
  return VG_OK;
}

/* The live cap at CAP (sys_cap's and sys_live's errors).  */
static int
live_cap (vg_addr_t cap, struct vg_cap **out)
{
  int err = sys_cap (cap, out);
  return err ? err : sys_live (*out);
}

vg_error_t
sys_cap_info (vg_addr_t cap, uaddr_t out)
{
  struct vg_cap *s;
  int err = live_cap (cap, &s);
  if (err)
    return err;
  struct vg_cap_info info = { s->type, s->rights, s->policy, 0 };
  return sys_copyout (out, &info, sizeof info);
}

vg_error_t
sys_cap_oid (vg_addr_t cap, uaddr_t out)
{
  struct vg_cap *s;
  int err = live_cap (cap, &s);
  if (err)
    return err;
  uint64_t oid = s->oid;
  return sys_copyout (out, &oid, sizeof oid);
}

vg_error_t
sys_cap_clear (vg_addr_t slot)
{
  struct vg_cap *s;
  int err = sys_slot (slot, true, &s);
  if (err)
    return err;
  if (!as_slot_store_ready (s))
    return SYS_RESTART; /* Bounded work: a chunk of the flush done.  */
  struct vg_cap v;
  cap_void (&v);
  as_slot_store (s, &v);
  return VG_OK;
}
