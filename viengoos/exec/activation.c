/* Activations, kernel side: saving the interrupted state into the
   thread's activation area, entering its handler, queueing posted events
   and leaving activated mode (see activation.h).  */
#include <arch/context.h>
#include <arch/fpu.h>
#include <arch/layout.h>
#include <arch/pt.h>
#include <arch/usercopy.h>
#include <vg/exregs.h>

#include "exec/activation.h"
#include "kstring.h"
#include "kern/log.h"
#include "exec/sched.h"
#include "exec/thread.h"
#include "exec/waitq.h"
#include "mm/as.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "obj/room.h"
#include "obj/swapobj.h"

#define AREA_OFF(field) offsetof (struct vg_activation_area, field)

/* struct user_regs has struct vg_act_regs's layout (thread.h).  */

/* The header words the kernel mirrors (up to REGS).  */
struct act_header
{
  uint32_t activated, fpu_format, fpu_size, queued, head, overflow;
  uint64_t delivered, entry, stack;
};
_Static_assert(sizeof (struct act_header) == AREA_OFF (reserved0), "header");

static int
put (const struct thread *t, size_t off, const void *src, size_t n)
{
  return copy_to_user (t->act.area + off, src, n) ? VG_EFAULT : VG_OK;
}

static int
put_header (const struct act_state *a, bool activated)
{
  struct act_header h = {
    .activated = activated,
    .fpu_format = fpu_uses_xsave () ? VG_ACT_FPU_XSAVE : VG_ACT_FPU_FXSAVE,
    .fpu_size = fpu_save_area_size (),
    .queued = a->count,
    .head = a->head,
    .overflow = a->overflow,
    .delivered = a->delivered,
    .entry = a->entry,
    .stack = a->stack,
  };
  return copy_to_user (a->area, &h, sizeof h) ? VG_EFAULT : VG_OK;
}

/* Mirror the queued events into the area's ring (for inspection).  */
static int
put_queue (const struct thread *t)
{
  for (unsigned i = 0; i < t->act.count; i++)
    {
      unsigned k = (t->act.head + i) % VG_ACT_QUEUE_LEN;
      const struct act_qent *q = &t->act.queue[k];
      struct vg_act_event e = { .type = q->type, .seq = q->seq };
      memcpy (e.arg, q->arg, sizeof e.arg);
      int err = put (t, AREA_OFF (queue) + k * sizeof e, &e, sizeof e);
      if (err)
        return err;
    }
  return VG_OK;
}

/* The area's page may be on the swap disk, and the kernel's copies to
   it cannot wait half-way: bring it in first.  VG_OK (mapped writable,
   or an error the copies will report), SWAPOBJ_WAIT: T, the current
   thread, is on a page-in wait queue; retry when it wakes; or
   OBJ_NOFRAME (obj/room.h): nothing changed, the entry path makes room
   and runs the caller again.  Once the area was seen mapped writable,
   nothing is walked again until some mapping somewhere is removed or
   replaced (pt_unmap_gen).  */
static int
area_ready (struct thread *t)
{
  if (t->act.ready_gen == pt_unmap_gen + 1)
    return VG_OK;
  unsigned flags;
  if (pt_lookup (&t->as.pt, t->act.area, NULL, &flags) && (flags & PT_WRITE))
    {
      t->act.ready_gen = pt_unmap_gen + 1;
      return VG_OK;
    }
  int err = as_fault (&t->as, &t->aspace, t->act.area, true, false);
  return err == SWAPOBJ_WAIT || err == OBJ_NOFRAME ? err : VG_OK;
}

/* Enter T's handler with EV.  SAVE: T->regs and the FPU registers are
   the interrupted state, to be saved in the area (otherwise the area
   still holds it).  Nothing changes in T unless this succeeds.  */
static int
enter (struct thread *t, const struct vg_act_event *ev, bool save)
{
  int err = VG_OK;
  if (save)
    {
      err = put (t, AREA_OFF (regs), &t->regs, sizeof t->regs);
      if (!err)
        {
          sched_fpu_sync (t);
          err = put (t, AREA_OFF (fpu), t->fpu, fpu_save_area_size ());
        }
    }
  if (!err)
    err = put (t, AREA_OFF (event), ev, sizeof *ev);
  if (!err)
    err = put_queue (t);
  t->act.delivered++;
  if (!err)
    err = put_header (&t->act, true);
  if (err)
    {
      t->act.delivered--;
      return err;
    }
  t->act.activated = 1;
  t->regs = (struct user_regs){
    .rip = t->act.entry,
    .rsp = t->act.stack,
    .rdi = t->act.area,
    .rsi = t->act.area + AREA_OFF (event),
    .rflags = RFLAGS_IF | RFLAGS_RESERVED,
  };
  return VG_OK;
}

static void
kill (struct thread *t, uint32_t vector, const char *why)
{
  log_warn ("act",
            "thread %#lx (activity %#lx): %s (vector %u, rip %#lx): "
            "thread stopped",
            t->oid, t->activity.oid, why, vector, t->regs.rip);
  sched_stop (t, VG_STOP_ACT_FAULT, (int32_t)vector);
}

int
activation_fault (struct thread *t, const struct act_fault *f)
{
  if (!t->act.area)
    return VG_EINVAL;
  if (t->act.activated)
    {
      log_warn ("act", "nested fault at %#lx (cause %d) in the handler",
                f->addr, f->cause);
      kill (t, f->vector, "fault in activated mode");
      return VG_EBUSY;
    }
  int w = area_ready (t);
  if (w != VG_OK)
    return w; /* SWAPOBJ_WAIT or OBJ_NOFRAME.  */
  struct vg_act_event ev = {
    .type = f->page_fault ? VG_ACT_EV_FAULT : VG_ACT_EV_EXCEPTION,
    .access = f->access,
    .seq = ++t->act.seq,
    .addr = f->addr,
    .vector = f->vector,
    .error = f->error,
    .cause = f->cause,
  };
  int err = enter (t, &ev, true);
  if (err)
    kill (t, f->vector, "activation area not writable");
  return err;
}

int
activation_post (struct thread *t, uint32_t type, const uint64_t arg[3])
{
  if (!t->act.area || type == VG_ACT_EV_NONE || type >= VG_ACT_EV_COUNT)
    return VG_EINVAL;
  if (t->act.count == VG_ACT_QUEUE_LEN)
    {
      t->act.overflow++;
      return VG_EBUSY;
    }
  struct act_qent *q
      = &t->act.queue[(t->act.head + t->act.count) % VG_ACT_QUEUE_LEN];
  q->type = type;
  q->seq = ++t->act.seq;
  memcpy (q->arg, arg, sizeof q->arg);
  t->act.count++;
  if (t->state == THREAD_BLOCKED)
    sched_wake (t, VG_EINTR);
  return VG_OK;
}

/* Take the oldest queued event and enter the handler with it.  */
static int
deliver_next (struct thread *t, bool save)
{
  struct act_qent q = t->act.queue[t->act.head];
  t->act.head = (t->act.head + 1) % VG_ACT_QUEUE_LEN;
  t->act.count--;
  struct vg_act_event ev = { .type = q.type, .seq = q.seq };
  memcpy (ev.arg, q.arg, sizeof ev.arg);
  int err = enter (t, &ev, save);
  if (err)
    kill (t, 0, "activation area not writable");
  return err;
}

int
activation_boundary (struct thread *t)
{
  /* A thread with a message delivery to finish is about to run the
     call again (messenger.h, "Bounded delivery"): a handler run first
     would find the call half done.  Events wait until it is done.  */
  if (t->ipc_pending.kind)
    return VG_OK;
  while (t->act.area && !t->act.activated && t->act.count
         && t->state == THREAD_RUNNING && !t->stop_pending)
    {
      int w = area_ready (t);
      if (w == VG_OK)
        {
          (void)deliver_next (t, true);
          return VG_OK;
        }
      if (w == OBJ_NOFRAME)
        return w;
      /* Wait for the area's page-in, then look again.  */
      sched_block (t->restart_deadline);
      waitq_remove (t);
      sched_boundary ();
    }
  return VG_OK;
}

int
activation_register (struct thread *t, uint64_t area, uint64_t entry,
                     uint64_t stack)
{
  if (t->act.activated)
    return VG_EINVAL;
  struct act_state n = { .area = area, .entry = entry, .stack = stack };
  if (area && t == sched_current ())
    {
      uint64_t old = t->act.area, old_gen = t->act.ready_gen;
      t->act.area = area;
      t->act.ready_gen = 0;
      int w = area_ready (t);
      t->act.area = old;
      t->act.ready_gen = old_gen;
      if (w != VG_OK)
        return w; /* SWAPOBJ_WAIT or OBJ_NOFRAME.  */
      int err = put_header (&n, false);
      if (err)
        return err;
    }
  if (!area)
    n.entry = n.stack = 0;
  n.seq = t->act.seq;
  t->act = n;
  return VG_OK;
}

int
activation_return (struct thread *t)
{
  if (!t->act.area || !t->act.activated)
    return VG_EINVAL;
  int w = area_ready (t);
  if (w != VG_OK)
    return w; /* SWAPOBJ_WAIT or OBJ_NOFRAME.  */
  if (t->act.count)
    {
      /* The area still holds the interrupted state, and the runtime
         has put the FPU registers back as they were.  */
      return deliver_next (t, false) ? VG_EFAULT : VG_OK;
    }
  struct vg_act_regs r;
  if (copy_from_user (&r, t->act.area + AREA_OFF (regs), sizeof r))
    return VG_EFAULT;
  if (r.rip >= USER_SPACE_END || r.rsp >= USER_SPACE_END)
    return VG_EINVAL;
  if (put_header (&t->act, false))
    return VG_EFAULT;
  thread_regs_import (t, &r);
  t->act.activated = 0;
  return VG_OK;
}
