/* Threads as objects: creation, kernel stacks and destruction (see
   thread.h).  Running them is sched.c's; their system calls are in
   thread_sys.c.  */
#include "exec/thread.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "kstring.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "exec/sched.h"
#include "obj/cap.h"

void
thread_init (struct thread *t, uint32_t kstack)
{
  memset (t, 0, sizeof *t);
  t->state = THREAD_STOPPED;
  t->why = THREAD_WHY_NEW;
  t->kstack_frame = kstack;
  *(uint64_t *)frame_virt (kstack) = THREAD_STACK_CANARY;
}

uint32_t
thread_kstack_alloc (void)
{
  return frame_alloc (FRAME_OBJECT);
}

void
thread_kstack_attach (struct folio *f, unsigned s, uint32_t frame)
{
  struct frame *fd = frame_get (frame);
  const struct folio_slot *sl = &f->slots[s];
  fd->folio = f->frame;
  fd->slot = (uint8_t)s;
  fd->priority = sl->priority;
  fd->discardable = 0;
  fd->flags |= FRAME_KERNEL;
  activity_charge_frame (f->owner, frame);
}

void
thread_destroy (struct folio *f, unsigned s, bool owner_live)
{
  struct thread *t = object_slot_data (f, s);
  sched_thread_destroyed (t);
  if (t->as_live)
    as_cache_fini (&t->as);
  t->as_live = 0;
  uint32_t k = t->kstack_frame;
  assert (k != FRAME_NONE && frame_get (k)->kind == FRAME_OBJECT);
  if (owner_live)
    activity_uncharge_frame (f->owner, k);
  else
    activity_forget_frame (k);
  t->kstack_frame = FRAME_NONE;
  sched_stack_free (k);
}

bool
thread_kstack_ok (const struct thread *t)
{
  return *(const uint64_t *)frame_virt (t->kstack_frame)
         == THREAD_STACK_CANARY;
}

int
thread_from_cap (const struct vg_cap *c, uint8_t rights, struct thread **out)
{
  struct folio *f;
  unsigned s;
  int err = cap_object (c, VG_TYPE_THREAD, rights, &f, &s);
  if (err)
    return err;
  *out = object_slot_data (f, s);
  return VG_OK;
}

bool
thread_drain (struct thread *t, unsigned *budget)
{
  return !t->as_live || as_cache_drain (&t->as, budget);
}
