/* thread_exregs: read and change a thread's registers, address space,
   activity and run state (see <vg/exregs.h>).  */
#include <arch/context.h>
#include <arch/layout.h>
#include <vg/exregs.h>

#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "exec/sched.h"
#include "exec/thread.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "syscall-handlers.h"

#define NEEDS_IN                                                              \
  (VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE | VG_EXREGS_SET_ACTIVITY)

static void
state_out (const struct thread *t, struct vg_thread_state *s)
{
  *s = (struct vg_thread_state){
    .fs_base = t->fs_base,
    .gs_base = t->gs_base,
    .aspace = VG_ADDR_VOID,
    .activity = VG_ADDR_VOID,
  };
  thread_regs_export (t, &s->regs);
  if (t->state == THREAD_STOPPED || t->stop_pending)
    s->status = VG_THREAD_STOPPED | (uint64_t)t->why << 8
                | (uint64_t)(uint32_t)t->code << 32;
  else
    s->status = VG_THREAD_RUNNING;
}

static void
regs_in (struct thread *t, const struct vg_thread_state *s)
{
  thread_regs_import (t, &s->regs);
  t->fs_base = s->fs_base;
  t->gs_base = s->gs_base;
}

vg_error_t
sys_thread_exregs (vg_addr_t thread, unsigned flags, uaddr_t in, uaddr_t out)
{
  /* Decode.  */
  if ((flags & ~VG_EXREGS_ALL)
      || ((flags & VG_EXREGS_START) && (flags & VG_EXREGS_STOP))
      || ((flags & NEEDS_IN) && in == 0))
    return VG_EINVAL;
  struct thread *t;
  /* Every use needs VG_RIGHT_WRITE, reading too: the registers are the
     thread's own (syscalls.def's rights).  */
  int err = sys_thread_target (thread, true, &t);
  if (err)
    return err;
  struct vg_thread_state s;
  if (flags & NEEDS_IN)
    {
      err = sys_copyin (&s, in, sizeof s);
      if (err)
        return err;
    }
  if ((flags & VG_EXREGS_SET_REGS)
      && (s.fs_base >= USER_SPACE_END || s.gs_base >= USER_SPACE_END))
    return VG_EINVAL;
  struct vg_cap aspace = t->aspace, activity = t->activity;
  if (flags & VG_EXREGS_SET_ASPACE)
    {
      struct vg_cap *c;
      err = sys_cap (s.aspace, &c);
      if (!err)
        err = cap_check (c, VG_TYPE_CAPPAGE, 0);
      if (err)
        return err;
      aspace = *c;
    }
  if (flags & VG_EXREGS_SET_ACTIVITY)
    {
      struct vg_cap *c;
      struct activity *a;
      err = sys_cap (s.activity, &c);
      if (!err)
        err = activity_from_cap (c, VG_RIGHT_WRITE, &a); /* It pays.  */
      if (err)
        return err;
      activity = *c;
    }
  if ((flags & VG_EXREGS_START)
      && (aspace.type != VG_TYPE_CAPPAGE || activity.type != VG_TYPE_ACTIVITY))
    return VG_EINVAL; /* Nothing to run in or on.  */
  if (out)
    {
      struct vg_thread_state o;
      state_out (t, &o);
      err = sys_copyout (out, &o, sizeof o);
      if (err)
        return err;
    }

  /* A new address space or activity empties T's cache: its mappings
     go first, a bounded chunk per run (doc/architecture.md).  */
  bool new_activity = (flags & VG_EXREGS_SET_ACTIVITY)
                      && (activity.oid != t->activity.oid
                          || activity.version != t->activity.version);
  unsigned budget = OBJ_DRAIN_CHUNK;
  if (((flags & VG_EXREGS_SET_ASPACE) || new_activity)
      && !thread_drain (t, &budget))
    return SYS_RESTART;

  /* Invoke.  */
  bool self = t == sys_thread ();
  if (flags & VG_EXREGS_SET_REGS)
    {
      regs_in (t, &s);
      if (!self && t->in_call)
        {
          /* It is inside a call (blocked, or woken and not yet out):
             the call is abandoned, and a wait ends now.  */
          t->call_abandoned = 1;
          sched_wake (t, VG_EINTR);
        }
      messenger_pending_drop (t); /* The call it was in is abandoned.  */
      t->reap_batch = 0;          /* It runs other code now (obj/reap.h).  */
    }
  if (flags & VG_EXREGS_SET_ASPACE)
    {
      t->aspace = aspace;
      if (t->as_live)
        as_cache_flush (&t->as);
      if (self)
        as_set_current (&t->as, &t->aspace);
    }
  if (new_activity)
    {
      /* The page tables are charged to the activity: start afresh.  */
      t->activity = activity;
      if (t->as_live)
        {
          as_cache_fini (&t->as);
          t->as_live = 0;
        }
      if (self)
        {
          struct activity *a;
          if (activity_from_cap (&t->activity, 0, &a) == VG_OK
              && as_cache_init (&t->as, a) == VG_OK)
            {
              t->as_live = 1;
              as_set_current (&t->as, &t->aspace);
              as_cache_activate (&t->as);
            }
          else
            sched_stop (t, VG_STOP_NO_MEMORY, 0);
        }
    }
  else if (flags & VG_EXREGS_SET_ACTIVITY)
    t->activity = activity; /* Same object: maybe other rights.  */
  if (flags & VG_EXREGS_STOP)
    sched_stop (t, VG_STOP_EXREGS, 0);
  if (flags & VG_EXREGS_START)
    {
      if (t->state == THREAD_STOPPED)
        sched_start (t);
      else
        t->stop_pending = 0;
    }
  return VG_OK;
}
