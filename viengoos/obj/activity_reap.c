/* Activities: the teardown of a closure (see activity.h and obj/reap.h):
   marking it (prepare), draining its mappings, the commit that is the
   visible effect, and freeing a doomed activity's own frame for the
   reap queue.  The tree, accounting and policy are in activity.c.  */
#include "obj/activity.h"
#include "mm/as.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/noticelist.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "mm/tracebuf.h"
#include "obj/reap.h"
#include "exec/sched.h"

/* Teardown.  The closure is a list through doom_next (struct reap);
   the folios to free are a list through struct folio's doom_next.  */

static void
doom (struct reap *r, struct activity *a)
{
  if (a->doomed)
    return;
  a->doomed = 1;
  a->doom_next = NULL;
  r->walked++;
  if (r->tail)
    r->tail->doom_next = a;
  else
    r->head = a;
  r->tail = a;
}

/* Prepare's last step: VG_EBUSY (and the marks cleared) if CALLER is
   in R's closure.  */
static int
reap_check_caller (struct reap *r, struct activity *caller)
{
  if (caller && caller->doomed)
    {
      activity_reap_abort (r);
      return VG_EBUSY;
    }
  return VG_OK;
}

static void
doom_contents (struct reap *r, struct folio *f)
{
  r->walked += REAP_WALK_FOLIO;
  for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
    if (f->slots[s].type == VG_TYPE_ACTIVITY)
      doom (r, object_slot_data (f, s));
}

/* A closure prepared (with no caller) by sys_self_hits and kept for
   the cap call that follows in the same entry, so that one run walks
   the closure once; the entry path drops it when the call returns.  */
static struct reap kept;
static struct activity *kept_start;

void
activity_reap_keep (struct reap *r, struct activity *start)
{
  activity_reap_drop_kept ();
  kept = *r;
  kept_start = start;
  r->pending = false;
}

void
activity_reap_drop_kept (void)
{
  if (kept.pending)
    activity_reap_abort (&kept);
}

int
activity_reap_prepare (struct reap *r, struct activity *caller,
                       struct activity *start, struct folio *folio)
{
  assert (start != activity_root ());
  if (kept.pending && kept_start == start && kept.folio == folio)
    {
      *r = kept;
      kept.pending = false;
      return reap_check_caller (r, caller);
    }
  activity_reap_drop_kept ();
  *r = (struct reap){ NULL, NULL, folio, true, 0 };
  if (start)
    doom (r, start);
  if (folio)
    doom_contents (r, folio);
  for (struct activity *x = r->head; x; x = x->doom_next)
    {
      for (struct activity *c = x->first_child; c; c = c->next_sibling)
        doom (r, c);
      for (struct folio *f = x->folios; f; f = f->next)
        doom_contents (r, f);
    }
  return reap_check_caller (r, caller);
}

void
activity_reap_abort (struct reap *r)
{
  assert (r->pending);
  for (struct activity *x = r->head; x; x = x->doom_next)
    x->doomed = 0;
  r->pending = false;
}

unsigned
activity_reap_drain_budget (const struct reap *r)
{
  /* An activity marked (and unmarked again) costs about a quarter of a
     mapping unmapped.  */
  unsigned spent = r->walked / REAP_WALK_PER_UNIT;
  return spent + REAP_DRAIN_MIN >= OBJ_DRAIN_CHUNK ? REAP_DRAIN_MIN
                                                   : OBJ_DRAIN_CHUNK - spent;
}

bool
activity_reap_drain (struct reap *r, unsigned *budget)
{
  if (r->folio && !object_folio_drain (r->folio, budget))
    return false;
  for (struct activity *x = r->head; x; x = x->doom_next)
    for (struct folio *f = x->folios; f; f = f->next)
      if (!object_folio_drain (f, budget))
        return false;
  return true;
}

int
activity_reap (struct activity *caller, struct activity *start,
               struct folio *folio)
{
  struct reap r;
  int err = activity_reap_prepare (&r, caller, start, folio);
  if (err)
    return err;
  unsigned budget = activity_reap_drain_budget (&r);
  if (!activity_reap_drain (&r, &budget))
    {
      activity_reap_abort (&r);
      return OBJ_AGAIN;
    }
  activity_reap_commit (&r);
  return VG_OK;
}

/* Subtract A's totals from its (live) ancestors and unlink it.  Only
   the priorities at which A holds frames are touched, so the cost is
   VG_PRIORITY_LEVELS once plus at most VG_ACTIVITY_DEPTH_MAX per
   priority in use (each of which A holds at least one frame of).  */
static void
detach (struct activity *a)
{
  struct activity *p = a->parent;
  uint8_t used[VG_PRIORITY_LEVELS];
  unsigned n = 0;
  for (unsigned i = 0; i < VG_PRIORITY_LEVELS; i++)
    if (a->frames_total[i])
      used[n++] = (uint8_t)i;
  for (struct activity *x = p; x; x = x->parent)
    {
      assert (x->folios_total >= a->folios_total);
      x->folios_total -= a->folios_total;
      assert (x->swap_total >= a->swap_total);
      x->swap_total -= a->swap_total;
      assert (x->frames_sum_total >= a->frames_sum_total);
      x->frames_sum_total -= a->frames_sum_total;
      assert (x->evictable_total >= a->evictable_total);
      x->evictable_total -= a->evictable_total;
      for (unsigned k = 0; k < n; k++)
        {
          unsigned i = used[k];
          assert (x->frames_total[i] >= a->frames_total[i]);
          x->frames_total[i] -= a->frames_total[i];
        }
    }
  if (a->prev_sibling)
    a->prev_sibling->next_sibling = a->next_sibling;
  else
    p->first_child = a->next_sibling;
  if (a->next_sibling)
    a->next_sibling->prev_sibling = a->prev_sibling;
  a->next_sibling = a->prev_sibling = NULL;
  /* Cut off: whatever still charges or uncharges a doomed activity
     before its release reaches no live one.  */
  a->parent = NULL;
}

/* Put the doomed folio F on the list FH..FT for batch B.  */
static void
doom_folio (struct folio *f, uint32_t b, struct folio **fh, struct folio **ft)
{
  f->doomed = 1;
  f->reap_slot = 0;
  f->reap_batch = b;
  f->doom_next = NULL;
  if (*ft)
    (*ft)->doom_next = f;
  else
    *fh = f;
  *ft = f;
}

/* A doomed activity living in a surviving folio: its slot goes void now
   (every cap to it dies; the slot may be reused), its frame is
   uncharged from the folio's owner and kept, holding the struct, until
   phase C frees it.  */
static void
orphan (struct activity *x)
{
  struct folio_slot *sl = &x->folio->slots[x->slot];
  assert (sl->type == VG_TYPE_ACTIVITY && sl->frame == x->reap_frame);
  activity_uncharge_frame (x->folio->owner, sl->frame);
  sl->frame = FRAME_NONE;
  sl->type = VG_TYPE_VOID;
  sl->flags = 0;
}

/* Take every thread in the doomed folio F off every queue: it never
   runs again (its frames go in phase B).  */
static void
stop_threads (struct folio *f)
{
  for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
    if (f->slots[s].type == VG_TYPE_THREAD && f->slots[s].frame != FRAME_NONE)
      sched_thread_destroyed (object_slot_data (f, s));
}

void
activity_reap_commit (struct reap *r)
{
  assert (r->pending);
  /* A user thread's call waits for its batch (uentry.c); without one
     (boot, in-kernel tests) the batch is released here and now.  */
  bool user = sched_current () != NULL;
  uint32_t b = reap_batch_new ();
  struct folio *fh = NULL, *ft = NULL;
  if (r->folio)
    {
      if (!r->folio->owner->doomed)
        {
          /* Its owner's counters are final now.  */
          object_folio_disown (r->folio);
          activity_remove_folio (r->folio->owner, r->folio);
        }
      doom_folio (r->folio, b, &fh, &ft);
    }
  /* Mark every folio and note the closure's roots while every doomed
     activity is still linked.  */
  for (struct activity *x = r->head; x; x = x->doom_next)
    {
      /* Its notice lists and its ancestors' shields, if it has any
         notice state (before it is detached: the shields are counted up
         the tree).  */
      if (x->notice_pending || x->notice_asked || x->notice_events)
        noticelist_forget (x);
      if (tracebuf_owner () == x)
        object_trace_stop (x);
      assert (x->parent);
      x->reap_root = !x->parent->doomed;
      x->reap_batch = b;
      x->reap_frame = x->folio->slots[x->slot].frame;
      for (struct folio *f = x->folios; f; f = f->next)
        if (!f->doomed)
          doom_folio (f, b, &fh, &ft);
    }
  /* Detach the closure from the live tree; void the slots of doomed
     activities that live in surviving folios.  */
  for (struct activity *x = r->head; x; x = x->doom_next)
    {
      if (x->reap_root)
        detach (x);
      if (!x->folio->doomed)
        orphan (x);
    }
  for (struct folio *f = fh; f; f = f->doom_next)
    stop_threads (f);
  reap_enqueue (b, r->head, r->tail, fh, ft);
  r->pending = false;
  if (user)
    reap_entry_set (b);
  else
    {
      unsigned budget = UINT32_MAX;
      while (!reap_batch_done (b))
        reap_step (&budget);
    }
}

void
activity_reap_free (struct activity *x)
{
  uint32_t fr = x->reap_frame;
  struct folio_slot *sl = &x->folio->slots[x->slot];
  if (sl->type == VG_TYPE_ACTIVITY && sl->frame == fr)
    {
      /* Its folio is doomed too (phase B unaccounted the frame).  */
      assert (x->folio->doomed);
      sl->frame = FRAME_NONE;
      sl->type = VG_TYPE_VOID;
      sl->flags = 0;
    }
  frame_free (fr);
}
