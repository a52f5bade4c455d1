/* Object creation and destruction in folio slots (see object.h).  */
#include <arch/layout.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "exec/messenger.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "obj/room.h"
#include "mm/tracebuf.h"
#include "obj/swapobj.h"
#include "exec/thread.h"

static void trace_slot_event (struct folio *f, unsigned s, unsigned kind);

/* Record KIND for page slot S of F in the trace (mm/trace.h), if one
   records F's owner or an ancestor: FAULT when the page is made
   resident, REFAULT on a touch of a page the reclaimer took or when it
   comes back from the backing store, EVICT when its frame goes to the
   backing store.  One load and a branch when no trace records.  */
static inline void
trace_slot (struct folio *f, unsigned s, unsigned kind)
{
  if (__builtin_expect (tracebuf_on, 0))
    trace_slot_event (f, s, kind);
}

static void __attribute__ ((noinline))
trace_slot_event (struct folio *f, unsigned s, unsigned kind)
{
  const struct folio_slot *sl = &f->slots[s];
  if (sl->type != VG_TYPE_PAGE || !f->owner
      || !activity_below (f->owner, tracebuf_owner ()))
    return;
  tracebuf_page_event (activity_oid (f->owner), object_oid (f, s), sl->frame,
                       sl->frame != FRAME_NONE, kind, sl->priority,
                       sl->discardable);
}

void
object_trace_stop (struct activity *a)
{
  assert (tracebuf_owner () == a);
  tracebuf_flush ();
  for (uint32_t k = 0; k < tracebuf_npages (); k++)
    {
      activity_uncharge_frame (a, tracebuf_page (k));
      frame_free (tracebuf_page (k));
    }
  tracebuf_reset ();
}

/* Give slot S's data frame back (uncharging the owner when OWNER_LIVE),
   after unmapping it everywhere: no hardware mapping may outlive the
   contents (as.h).  */
static void
slot_drop_frame (struct folio *f, unsigned s, bool owner_live)
{
  struct folio_slot *sl = &f->slots[s];
  if (sl->frame == FRAME_NONE)
    return;
  as_object_destroyed (sl->frame);
  if (owner_live)
    activity_uncharge_frame (f->owner, sl->frame);
  else
    activity_forget_frame (sl->frame);
  frame_free (sl->frame);
  sl->frame = FRAME_NONE;
}

void
object_slot_clear (struct folio *f, unsigned s, bool owner_live)
{
  struct folio_slot *sl = &f->slots[s];
  if (sl->type == VG_TYPE_THREAD && sl->frame != FRAME_NONE)
    thread_destroy (f, s, owner_live);
  if (sl->type == VG_TYPE_MESSENGER && sl->frame != FRAME_NONE)
    messenger_destroy (object_slot_data (f, s));
  slot_drop_frame (f, s, owner_live);
  swapobj_slot_clear (f, s, owner_live);
  sl->type = VG_TYPE_VOID;
  sl->flags = 0;
}

void
object_folio_disown (struct folio *f)
{
  for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
    {
      struct folio_slot *sl = &f->slots[s];
      if (sl->frame != FRAME_NONE)
        {
          if (sl->type == VG_TYPE_THREAD)
            {
              struct thread *t = object_slot_data (f, s);
              activity_uncharge_frame (f->owner, t->kstack_frame);
            }
          activity_uncharge_frame (f->owner, sl->frame);
        }
      swapobj_slot_clear (f, s, true);
    }
}

unsigned
object_slot_release (struct folio *f, unsigned s)
{
  struct folio_slot *sl = &f->slots[s];
  if (sl->frame == FRAME_NONE)
    {
      object_slot_clear (f, s, false);
      return 1;
    }
  if (sl->type == VG_TYPE_ACTIVITY)
    {
      /* The struct stays until phase C (activity_reap_free).  */
      activity_forget_frame (sl->frame);
      return 2;
    }
  unsigned cost = 2;
  if (sl->type == VG_TYPE_THREAD)
    {
      /* Its kernel stack, and its cache's tables (drained of mappings
         before the commit).  */
      struct thread *t = object_slot_data (f, s);
      cost += 2;
      if (t->as_live)
        cost += (unsigned)as_cache_frames (&t->as) * OBJ_TABLE_COST;
    }
  object_slot_clear (f, s, false);
  return cost;
}

static void
slot_attach (struct folio *f, unsigned s, uint32_t frame)
{
  struct folio_slot *sl = &f->slots[s];
  struct frame *fd = frame_get (frame);
  fd->folio = f->frame;
  fd->slot = (uint8_t)s;
  fd->priority = sl->priority;
  fd->discardable = sl->discardable;
  if (sl->type != VG_TYPE_PAGE)
    fd->flags |= FRAME_KERNEL;
  sl->frame = frame;
  sl->flags |= FOLIO_CONTENT;
  activity_charge_frame (f->owner, frame);
}

int
object_slot_claim (struct folio *f, unsigned s)
{
  int err = room_check (f->owner, 1);
  if (err)
    return err;
  uint32_t i = frame_alloc (FRAME_OBJECT);
  if (i == FRAME_NONE)
    {
      frame_count_enomem ();
      return VG_ENOMEM;
    }
  slot_attach (f, s, i);
  trace_slot (f, s, VG_TRACE_FAULT);
  return VG_OK;
}

/* Unmap up to *BUDGET mappings of the object in slot S (a page's, a
   cappage's paths, a thread's cache); true once none is left.  */
static bool
slot_drain (struct folio *f, unsigned s, unsigned *budget)
{
  const struct folio_slot *sl = &f->slots[s];
  if (sl->frame == FRAME_NONE)
    return true;
  if (sl->type != VG_TYPE_THREAD && !sl->rmap)
    return true; /* Nothing maps it (a rescan of a drained slot).  */
  if (sl->type == VG_TYPE_THREAD)
    return thread_drain (object_slot_data (f, s), budget);
  return as_object_drain (sl->frame, budget);
}

bool
object_folio_drain (struct folio *f, unsigned *budget)
{
  for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
    if (!slot_drain (f, s, budget))
      return false;
  return true;
}

void
object_slot_cap (const struct folio *f, unsigned s, uint8_t rights,
                 struct vg_cap *out)
{
  const struct folio_slot *sl = &f->slots[s];
  struct vg_object_policy p = { sl->discardable, sl->priority };
  cap_make (out, sl->type, object_oid (f, s), sl->version, rights,
            vg_object_policy_encode (p));
}

int
object_alloc_prepare (struct activity *caller, struct folio *f, unsigned slot,
                      uint8_t type, struct vg_object_policy policy,
                      struct object_alloc *a)
{
  if (slot >= VG_FOLIO_OBJECTS)
    return VG_ERANGE;
  if (type >= VG_TYPE_COUNT || type == VG_TYPE_FOLIO || type == VG_TYPE_REPLY
      || !vg_object_policy_valid (policy))
    return VG_EINVAL;
  struct folio_slot *sl = &f->slots[slot];
  if (sl->version == VG_VERSION_MAX)
    return VG_EEXHAUSTED;
  a->frame = FRAME_NONE;
  a->old.pending = false;
  if (sl->type == VG_TYPE_ACTIVITY)
    {
      int err = activity_reap_prepare (&a->old, caller,
                                       object_slot_data (f, slot), NULL);
      if (err)
        return err;
      if (f->owner->doomed)
        {
          /* The old activity's closure holds the folio itself.  */
          activity_reap_abort (&a->old);
          return VG_EBUSY;
        }
    }
  /* The old object's mappings go first, a bounded chunk per call.  */
  unsigned budget = a->old.pending ? activity_reap_drain_budget (&a->old)
                                   : OBJ_DRAIN_CHUNK;
  if (a->old.pending ? !activity_reap_drain (&a->old, &budget)
                     : !slot_drain (f, slot, &budget))
    {
      object_alloc_abort (a);
      return OBJ_AGAIN;
    }
  if (type != VG_TYPE_PAGE && type != VG_TYPE_VOID)
    {
      /* A thread's kernel stack is the second frame.  */
      int err = room_check (f->owner, type == VG_TYPE_THREAD ? 2 : 1);
      if (!err)
        {
          a->frame = frame_alloc (FRAME_OBJECT);
          if (a->frame == FRAME_NONE)
            {
              frame_count_enomem ();
              err = VG_ENOMEM;
            }
        }
      if (err)
        {
          object_alloc_abort (a);
          return err;
        }
    }
  return VG_OK;
}

void
object_alloc_abort (struct object_alloc *a)
{
  if (a->frame != FRAME_NONE)
    frame_free (a->frame);
  a->frame = FRAME_NONE;
  if (a->old.pending)
    activity_reap_abort (&a->old);
}

void
object_alloc_commit (struct folio *f, unsigned slot, uint8_t type,
                     struct vg_object_policy policy, struct object_alloc *a)
{
  struct folio_slot *sl = &f->slots[slot];
  if (a->old.pending)
    activity_reap_commit (&a->old); /* Voids the slot.  */
  else
    object_slot_clear (f, slot, true);
  assert (sl->type == VG_TYPE_VOID && sl->frame == FRAME_NONE);
  assert (sl->version < VG_VERSION_MAX);
  sl->version++;
  sl->type = type;
  sl->priority = policy.priority;
  sl->discardable = policy.discardable;
  if (a->frame != FRAME_NONE)
    slot_attach (f, slot, a->frame);
}

int
object_alloc_cap (struct activity *caller, const struct vg_cap *folio_cap,
                  unsigned slot, uint8_t type, struct vg_object_policy policy,
                  struct vg_cap *out)
{
  struct folio *f;
  int err = cap_folio (folio_cap, VG_RIGHT_WRITE, &f);
  if (err)
    return err;
  if (type == VG_TYPE_ACTIVITY)
    return VG_EINVAL; /* Use activity_create_cap.  */
  struct object_alloc a;
  err = object_alloc_prepare (caller, f, slot, type, policy, &a);
  if (err)
    return err;
  /* A thread also needs its kernel stack (prepare made room for it):
     failure undoes the preparation, so nothing changes.  */
  uint32_t kstack = FRAME_NONE;
  if (type == VG_TYPE_THREAD)
    {
      kstack = thread_kstack_alloc ();
      if (kstack == FRAME_NONE)
        {
          object_alloc_abort (&a);
          return VG_ENOMEM;
        }
    }
  object_alloc_commit (f, slot, type, policy, &a);
  switch (type)
    {
    case VG_TYPE_CAPPAGE:
      cappage_init (object_slot_data (f, slot));
      break;
    case VG_TYPE_THREAD:
      thread_kstack_attach (f, slot, kstack);
      thread_init (object_slot_data (f, slot), kstack);
      ((struct thread *)object_slot_data (f, slot))->oid
          = object_oid (f, slot);
      break;
    case VG_TYPE_MESSENGER:
      messenger_init (object_slot_data (f, slot));
      break;
    default:
      break;
    }
  object_slot_cap (f, slot, VG_RIGHTS_ALL, out);
  return VG_OK;
}

int
object_page_claim (const struct vg_cap *cap, bool write, void **out)
{
  struct folio *f;
  unsigned s;
  int err = cap_object (cap, VG_TYPE_PAGE, write ? VG_RIGHT_WRITE : 0, &f, &s);
  if (err)
    return err;
  if (f->slots[s].flags & FOLIO_DISCARDED)
    {
      if (f->slots[s].flags & FOLIO_RECLAIMED)
        {
          /* The first touch after a reclaim is a refault.  */
          f->slots[s].flags &= (uint8_t)~FOLIO_RECLAIMED;
          f->owner->stats.refaults++;
          trace_slot (f, s, VG_TRACE_REFAULT);
        }
      return VG_EDISCARDED;
    }
  while (f->slots[s].frame == FRAME_NONE)
    {
      /* A page on disk is read back; either way a frame may have to
         wait for a write-back to complete (obj/swapobj.h).  */
      err = swapobj_pending (f, s) ? swapobj_page_in (f, s)
                                   : object_slot_claim (f, s);
      if (err == VG_ENOMEM)
        err = swapobj_wait_memory ();
      if (err)
        return err;
    }
  struct folio_slot *sl = &f->slots[s];
  struct frame *fd = frame_get (sl->frame);
  sl->flags |= FOLIO_REFERENCED | (write ? FOLIO_DIRTY : 0);
  fd->flags |= FRAME_REFERENCED | (write ? FRAME_DIRTY : 0);
  *out = object_slot_data (f, s);
  return VG_OK;
}

int
object_policy_set_cap (const struct vg_cap *cap, struct vg_object_policy p)
{
  struct folio *f;
  unsigned s;
  int err = cap_object (cap, VG_TYPE_PAGE, VG_RIGHT_WRITE, &f, &s);
  if (err)
    return err;
  if (!vg_object_policy_valid (p))
    return VG_EINVAL;
  struct folio_slot *sl = &f->slots[s];
  sl->priority = p.priority;
  sl->discardable = p.discardable;
  if (sl->frame != FRAME_NONE)
    {
      /* Counters per priority and class, and the policy's lists, follow
         the frame's policy: take it out and put it back.  */
      struct frame *fd = frame_get (sl->frame);
      activity_uncharge_frame (f->owner, sl->frame);
      fd->priority = p.priority;
      fd->discardable = p.discardable;
      activity_charge_frame (f->owner, sl->frame);
    }
  return VG_OK;
}

void
object_reclaim_discard (struct folio *f, unsigned s)
{
  struct folio_slot *sl = &f->slots[s];
  assert (sl->type == VG_TYPE_PAGE && sl->frame != FRAME_NONE);
  slot_drop_frame (f, s, true);
  swapobj_slot_clear (f, s, true);
  sl->flags = (uint8_t)((sl->flags & ~(FOLIO_CONTENT | FOLIO_DIRTY))
                        | FOLIO_DISCARDED | FOLIO_RECLAIMED);
}

void
object_swap_evicted (struct folio *f, unsigned s)
{
  struct folio_slot *sl = &f->slots[s];
  assert (sl->type == VG_TYPE_PAGE && sl->frame != FRAME_NONE);
  trace_slot (f, s, VG_TRACE_EVICT);
  slot_drop_frame (f, s, true);
  sl->flags &= (uint8_t) ~(FOLIO_CONTENT | FOLIO_DIRTY);
}

void
object_swap_attach (struct folio *f, unsigned s, uint32_t frame)
{
  assert (f->slots[s].frame == FRAME_NONE);
  slot_attach (f, s, frame);
  trace_slot (f, s, VG_TRACE_REFAULT);
}

int
object_discard_cap (const struct vg_cap *cap)
{
  struct folio *f;
  unsigned s;
  int err = cap_object (cap, VG_TYPE_PAGE, VG_RIGHT_WRITE, &f, &s);
  if (err)
    return err;
  struct folio_slot *sl = &f->slots[s];
  unsigned budget = OBJ_DRAIN_CHUNK;
  if (!slot_drain (f, s, &budget))
    return OBJ_AGAIN;
  slot_drop_frame (f, s, true);
  swapobj_slot_clear (f, s, true);
  sl->flags = (uint8_t)((sl->flags
                         & ~(FOLIO_CONTENT | FOLIO_DIRTY | FOLIO_RECLAIMED))
                        | FOLIO_DISCARDED);
  return VG_OK;
}
