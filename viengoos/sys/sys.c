/* Helpers for the system-call handlers (see sys.h).  */
#include <arch/syscall.h>
#include <arch/usercopy.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "exec/messenger.h"
#include "obj/object.h"
#include "obj/reap.h"
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

/* The result of a copy that may wait: RC from usercopy.  */
static int
waited (int rc)
{
  as_copy_may_wait = false;
  if (rc != USERCOPY_EFAULT)
    return VG_OK;
  return as_copy_waited () ? SYS_RESTART_WAIT : VG_EFAULT;
}

int
sys_copyin (void *dst, uaddr_t src, size_t n)
{
  as_copy_may_wait = true;
  return waited (copy_from_user (dst, src, n));
}

int
sys_copyout (uaddr_t dst, const void *src, size_t n)
{
  as_copy_may_wait = true;
  return waited (copy_to_user (dst, src, n));
}

void
sys_store (vg_addr_t addr, const struct vg_cap *cap)
{
  struct vg_cap *slot;
  if (addr != VG_ADDR_VOID && sys_slot (addr, true, &slot) == VG_OK)
    as_slot_store (slot, cap);
}

bool
sys_slot_ready (const struct vg_cap *slot)
{
  unsigned budget = AS_STORE_CHUNK;
  return as_slot_drain (slot, &budget) && budget == AS_STORE_CHUNK;
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
  return cap_check (c, VG_TYPE_VOID, 0);
}

/* Whether the object in slot S of G dies with the change sys_self_hits
   describes, once the closure is marked doomed.  */
static bool
object_dies (const struct folio *g, unsigned s, const struct folio *f,
             unsigned slot)
{
  if (g == f && (slot == SYS_WHOLE_FOLIO || slot == s))
    return true;
  return g->owner && g->owner->doomed;
}

unsigned
sys_self_hits (struct activity *a, struct folio *f, unsigned slot,
               vg_addr_t dst)
{
  assert (a != activity_root ());
  assert (!f || slot == SYS_WHOLE_FOLIO || slot < VG_FOLIO_OBJECTS);
  struct activity *start = a;
  if (f && slot != SYS_WHOLE_FOLIO && f->slots[slot].type == VG_TYPE_ACTIVITY
      && f->slots[slot].frame != FRAME_NONE)
    start = object_slot_data (f, slot);
  struct folio *whole = f && slot == SYS_WHOLE_FOLIO ? f : NULL;
  bool marked = start || whole;
  struct reap r;
  if (marked)
    activity_reap_prepare (&r, NULL, start, whole); /* Marks, never fails.  */

  unsigned hits = 0;
  struct thread *t = sys_thread ();
  struct folio *g;
  unsigned i;
  if (oid_lookup (t->oid, &g, &i) == OID_OBJECT && object_dies (g, i, f, slot))
    hits |= SYS_HIT_THREAD;
  struct activity *mine;
  if (activity_from_cap (&t->activity, 0, &mine) == VG_OK && mine->doomed)
    hits |= SYS_HIT_ACTIVITY;
  if (dst != VG_ADDR_VOID && vg_addr_valid (dst))
    {
      /* The cappages on the way to DST, as as_walk finds them.  */
      const struct vg_cap *c = &t->aspace;
      for (unsigned level = 1; level <= vg_addr_depth (dst); level++)
        {
          if (cap_object (c, VG_TYPE_CAPPAGE, 0, &g, &i) != VG_OK)
            break;
          if (object_dies (g, i, f, slot))
            {
              hits |= SYS_HIT_PATH;
              break;
            }
          struct cappage *cp = object_slot_data (g, i);
          c = &cp->slots[vg_addr_index (dst, level)];
        }
    }
  if (marked)
    activity_reap_keep (&r, start); /* The call's prepare takes it.  */
  return hits;
}

void
sys_self_done (unsigned hits)
{
  struct thread *t = sched_current ();
  if (t && (hits & SYS_HIT_ACTIVITY))
    sched_stop (t, VG_STOP_NO_ACTIVITY, 0);
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
  return thread_from_cap (c, change ? VG_RIGHT_WRITE : 0, out);
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

uint64_t
sys_reap_resume (struct thread *t, bool work)
{
  if (work)
    {
      unsigned budget = OBJ_DRAIN_CHUNK;
      reap_step (&budget);
    }
  if (!reap_batch_done (t->reap_batch))
    return (uint64_t)(int64_t)SYS_RESTART;
  t->reap_batch = 0;
  return t->reap_res;
}

void
sys_restart_args (unsigned n, const uint64_t *args)
{
  struct thread *t = sys_thread ();
  for (unsigned i = 0; i < n; i++)
    arch_syscall_set_arg (&t->regs, i, args[i]);
}
