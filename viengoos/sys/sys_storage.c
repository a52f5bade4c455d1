/* System calls on storage and activities: folios, objects, activity
   creation, policy, statistics and destruction.  Storage is charged to
   the activity the caller names.  A call that would destroy its own
   caller (sys_self_hits) is refused with VG_EBUSY when it must still
   store a result, and otherwise goes on as the caller's exit.  */
#include <vg/activity.h>

#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "obj/swapobj.h"
#include "mm/notice.h"
#include "mm/reclaim.h"
#include "mm/trace.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "syscall-handlers.h"

vg_error_t
sys_folio_alloc (vg_addr_t activity, vg_addr_t dst_slot)
{
  struct vg_cap *a, *d, out;
  int err = sys_cap (activity, &a);
  if (!err)
    err = sys_slot (dst_slot, true, &d);
  if (!err && !sys_slot_ready (d))
    return SYS_RESTART; /* Bounded work: a chunk of the old cap's
                           mappings unmapped.  */
  if (!err)
    err = folio_alloc_cap (a, &out);
  if (err == VG_ENOMEM && swapobj_wait_memory () == SWAPOBJ_WAIT)
    return SYS_RESTART_WAIT; /* Writes to the swap disk will free
                                frames: wait for one, then again.  */
  if (err)
    return err;
  sys_store (dst_slot, &out);
  return VG_OK;
}

vg_error_t
sys_folio_free (vg_addr_t folio)
{
  struct vg_cap *f;
  int err = sys_cap (folio, &f);
  if (err)
    return err;
  struct vg_cap copy = *f; /* F may live in the folio.  */
  struct folio *fo;
  unsigned hits = 0;
  if (cap_folio (&copy, VG_RIGHT_WRITE, &fo) == VG_OK)
    hits = sys_self_hits (NULL, fo, SYS_WHOLE_FOLIO, VG_ADDR_VOID);
  err = folio_free_cap (hits ? NULL : sys_activity (), &copy);
  if (!err)
    sys_self_done (hits);
  return err;
}

vg_error_t
sys_object_alloc (vg_addr_t folio, unsigned slot, unsigned type,
                  unsigned policy, vg_addr_t dst_slot)
{
  if (policy > 0xff || type > 0xff)
    return VG_EINVAL;
  struct vg_cap *f, *d, out;
  int err = sys_cap (folio, &f);
  if (!err && dst_slot != VG_ADDR_VOID)
    err = sys_slot (dst_slot, true, &d);
  if (err)
    return err;
  struct vg_cap copy = *f;
  struct folio *fo;
  unsigned hits = 0;
  if (slot < VG_FOLIO_OBJECTS && type != VG_TYPE_ACTIVITY
      && cap_folio (&copy, VG_RIGHT_WRITE, &fo) == VG_OK)
    hits = sys_self_hits (NULL, fo, slot, dst_slot);
  if (hits && dst_slot != VG_ADDR_VOID)
    return VG_EBUSY; /* The new cap could not reach the caller.  */
  if (dst_slot != VG_ADDR_VOID && !sys_slot_ready (d))
    return SYS_RESTART; /* As in sys_folio_alloc.  */
  err = object_alloc_cap (hits ? NULL : sys_activity (), &copy, slot,
                          (uint8_t)type,
                          vg_object_policy_decode ((uint8_t)policy), &out);
  if (err == VG_ENOMEM && swapobj_wait_memory () == SWAPOBJ_WAIT)
    return SYS_RESTART_WAIT; /* As in sys_folio_alloc.  */
  if (err)
    return err;
  if (hits)
    sys_self_done (hits); /* The caller's exit: DST_SLOT is void.  */
  else
    sys_store (dst_slot, &out);
  return VG_OK;
}

vg_error_t
sys_activity_create (vg_addr_t folio, unsigned slot, vg_addr_t parent,
                     vg_addr_t dst_slot)
{
  struct vg_cap *f, *p, *d, out;
  int err = sys_cap (folio, &f);
  if (!err)
    err = sys_cap (parent, &p);
  if (!err)
    err = sys_slot (dst_slot, true, &d);
  if (err)
    return err;
  struct vg_cap fc = *f, pc = *p;
  struct folio *fo;
  if (slot < VG_FOLIO_OBJECTS && cap_folio (&fc, VG_RIGHT_WRITE, &fo) == VG_OK
      && sys_self_hits (NULL, fo, slot, dst_slot))
    return VG_EBUSY; /* The new cap could not reach the caller.  */
  if (!sys_slot_ready (d))
    return SYS_RESTART; /* As in sys_folio_alloc.  */
  err = activity_create_cap (sys_activity (), &fc, slot, &pc, &out);
  if (err)
    return err;
  sys_store (dst_slot, &out);
  return VG_OK;
}

vg_error_t
sys_activity_policy_set (vg_addr_t activity, uaddr_t up)
{
  struct vg_cap *a;
  struct vg_activity_policy p;
  int err = sys_cap (activity, &a);
  if (!err)
    err = sys_copyin (&p, up, sizeof p);
  if (err)
    return err;
  return activity_policy_set_cap (a, VG_ACTIVITY_POLICY_ALL, &p);
}

vg_error_t
sys_activity_stats (vg_addr_t activity, uaddr_t out)
{
  struct vg_cap *a;
  struct vg_activity_stats st;
  int err = sys_cap (activity, &a);
  if (!err)
    err = notice_activity_stats (a, &st);
  if (err)
    return err;
  return sys_copyout (out, &st, sizeof st);
}

vg_error_t
sys_activity_notices (vg_addr_t activity, vg_addr_t thread, unsigned events,
                      uint64_t threshold)
{
  struct vg_cap *a, *t = NULL;
  int err = sys_cap (activity, &a);
  if (!err && events)
    err = sys_cap (thread, &t);
  if (err)
    return err;
  struct vg_cap ac = *a, tc;
  if (t)
    tc = *t;
  else
    cap_void (&tc);
  return notice_cap (&ac, &tc, events, threshold);
}

vg_error_t
sys_mm_stats (uaddr_t out)
{
  struct vg_mm_stats st;
  reclaim_stats (&st);
  return sys_copyout (out, &st, sizeof st);
}

vg_error_t
sys_mm_trace (vg_addr_t activity, unsigned cmd, unsigned frames)
{
  struct vg_cap *a;
  int err = sys_cap (activity, &a);
  if (err)
    return err;
  struct vg_cap copy = *a;
  return trace_cap (&copy, cmd, frames);
}

vg_error_t
sys_activity_destroy (vg_addr_t activity)
{
  struct vg_cap *a;
  int err = sys_cap (activity, &a);
  if (err)
    return err;
  struct vg_cap copy = *a;
  struct activity *act;
  unsigned hits = 0;
  if (activity_from_cap (&copy, VG_RIGHT_WRITE, &act) == VG_OK
      && act != activity_root ())
    hits = sys_self_hits (act, NULL, 0, VG_ADDR_VOID);
  err = activity_destroy_cap (hits ? NULL : sys_activity (), &copy);
  if (!err)
    sys_self_done (hits);
  return err;
}

vg_error_t
sys_object_policy_set (vg_addr_t page, unsigned policy)
{
  if (policy > 0xff)
    return VG_EINVAL;
  struct vg_cap *c;
  int err = sys_cap (page, &c);
  if (err)
    return err;
  return object_policy_set_cap (c, vg_object_policy_decode ((uint8_t)policy));
}

vg_error_t
sys_object_discard (vg_addr_t page)
{
  struct vg_cap *c;
  int err = sys_cap (page, &c);
  if (err)
    return err;
  return object_discard_cap (c);
}
