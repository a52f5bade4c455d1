/* Helpers for the system-call handlers (see sys.h).  */
#include <arch/usercopy.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "obj/cap.h"
#include "exec/messenger.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "exec/sched.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "exec/waitq.h"

struct thread *
sys_thread (void)
{
  struct thread *t = sched_current ();
  assert (t);
  return t;
}

struct activity *
sys_activity (void)
{
  struct activity *a;
  if (activity_from_cap (&sys_thread ()->activity, 0, &a))
    return NULL;
  return a;
}

int
sys_slot (vg_addr_t addr, bool write, struct vg_cap **slot)
{
  return as_slot (&sys_thread ()->aspace, addr, write, slot);
}

int
sys_cap (vg_addr_t addr, struct vg_cap **slot)
{
  int err = sys_slot (addr, false, slot);
  if (err)
    return err;
  return (*slot)->type == VG_TYPE_VOID ? VG_EVOID : VG_OK;
}

int
sys_copyin (void *dst, uaddr_t src, size_t n)
{
  return copy_from_user (dst, src, n) == USERCOPY_EFAULT ? VG_EFAULT : VG_OK;
}

int
sys_copyout (uaddr_t dst, const void *src, size_t n)
{
  return copy_to_user (dst, src, n) == USERCOPY_EFAULT ? VG_EFAULT : VG_OK;
}

void
sys_store (vg_addr_t addr, const struct vg_cap *cap)
{
  struct vg_cap *slot;
  if (addr != VG_ADDR_VOID && sys_slot (addr, true, &slot) == VG_OK)
    as_slot_store (slot, cap);
}

int
sys_live (const struct vg_cap *c)
{
  if (c->type == VG_TYPE_ACTIVITY)
    {
      struct activity *a;
      return activity_from_cap (c, 0, &a);
    }
  if (c->type == VG_TYPE_REPLY)
    return messenger_reply_waiter (c) ? VG_OK : VG_EDEADCAP;
  struct folio *f;
  unsigned index;
  return cap_lookup (c, VG_TYPE_VOID, 0, &f, &index);
}

int
sys_thread_target (vg_addr_t addr, bool change, struct thread **out)
{
  if (addr == VG_ADDR_VOID)
    {
      *out = sys_thread ();
      return VG_OK;
    }
  struct vg_cap *c;
  int err = sys_cap (addr, &c);
  if (err)
    return err;
  struct folio *f;
  unsigned index;
  err = cap_lookup (c, VG_TYPE_THREAD, change ? VG_RIGHT_WRITE : 0, &f,
                    &index);
  if (err)
    return err;
  *out = object_slot_data (f, index - 1);
  return VG_OK;
}

unsigned long sys_restarts, sys_restart_waits;

int
sys_restart_wait (struct waitq *q, uint64_t deadline_ns)
{
  struct thread *t = sys_thread ();
  waitq_add (q, t);
  t->restart_deadline = deadline_ns;
  return SYS_RESTART_WAIT;
}
