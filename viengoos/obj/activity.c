/* Activities: the tree, accounting, policy and iterative teardown (see
   activity.h).  */
#include <arch/mm.h>

#include "obj/swapobj.h"
#include "obj/activity.h"
#include "mm/as.h"
#include "mm/bootmem.h"
#include "mm/evict.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/noticelist.h"
#include "kstring.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "mm/pmm.h"
#include "mm/tracebuf.h"
#include "obj/reap.h"
#include "exec/sched.h"

static struct activity *root;
static uint64_t pinned; /* Important data frames, machine-wide.  */

uint64_t
activity_pinned_frames (void)
{
  return pinned;
}

static void
activity_init (struct activity *a, struct activity *parent, struct folio *f,
               unsigned slot)
{
  memset (a, 0, sizeof *a);
  a->parent = parent;
  a->depth = parent ? parent->depth + 1 : 0;
  a->folio = f;
  a->slot = slot;
  a->policy.sibling.weight = 1;
  a->policy.child.weight = 1;
  evict_policy ()->init (&a->pstate);
  a->kernel_frames = a->cache_tables = a->cache_rmap
      = (struct frame_list)FRAME_LIST_INIT;
  if (parent)
    {
      a->next_sibling = parent->first_child;
      if (parent->first_child)
        parent->first_child->prev_sibling = a;
      parent->first_child = a;
    }
}

void
activity_root_init (void)
{
  root = phys_to_virt (bootmem_alloc (sizeof *root));
  pinned = 0;
  activity_init (root, NULL, NULL, 0);
}

void
activity_root_grant (void)
{
  /* Memory is overcommitted by the swap disk (obj/swapobj.h): the root
     may hold as many objects as fit in memory and the disk together.  */
  root->policy.folio_quota
      = (pmm_free_frames () + swapobj_backing_blocks ()) / FOLIO_OID_STRIDE;
}

struct activity *
activity_root (void)
{
  return root;
}

void
activity_root_cap (struct vg_cap *out)
{
  cap_make (out, VG_TYPE_ACTIVITY, ACTIVITY_ROOT_OID, 0, VG_RIGHTS_ALL, 0);
}

static bool
share_valid (const struct vg_activity_share *s)
{
  return s->priority >= VG_PRIORITY_MIN && s->priority <= VG_PRIORITY_MAX
         && s->weight >= 1;
}

/* A CPU share: weight 0 means "as the memory share".  */
static bool
cpu_share_valid (const struct vg_activity_share *s)
{
  return s->priority >= VG_PRIORITY_MIN && s->priority <= VG_PRIORITY_MAX;
}

uint64_t
activity_oid (const struct activity *a)
{
  return a->folio ? object_oid (a->folio, a->slot) : ACTIVITY_ROOT_OID;
}

bool
activity_below (const struct activity *a, const struct activity *top)
{
  for (; a; a = a->parent)
    if (a == top)
      return true;
  return false;
}

bool
activity_policy_valid (const struct vg_activity_policy *p, unsigned which)
{
  if (which == 0 || (which & ~VG_ACTIVITY_POLICY_ALL) || p->reserved)
    return false;
  if ((which & VG_ACTIVITY_POLICY_SIBLING) && !share_valid (&p->sibling))
    return false;
  if ((which & VG_ACTIVITY_POLICY_CHILD) && !share_valid (&p->child))
    return false;
  if ((which & VG_ACTIVITY_POLICY_CPU_SIBLING)
      && !cpu_share_valid (&p->cpu_sibling))
    return false;
  if ((which & VG_ACTIVITY_POLICY_CPU_CHILD)
      && !cpu_share_valid (&p->cpu_child))
    return false;
  return true;
}

int
activity_from_cap (const struct vg_cap *c, uint8_t rights,
                   struct activity **out)
{
  if (c->type == VG_TYPE_VOID)
    return VG_EVOID;
  if (c->type != VG_TYPE_ACTIVITY)
    return VG_ETYPE;
  if ((c->rights & rights) != rights)
    return VG_EPERM;
  if (c->oid == ACTIVITY_ROOT_OID)
    {
      if (c->version != 0)
        return VG_EDEADCAP;
      *out = root;
      return VG_OK;
    }
  struct folio *f;
  unsigned s;
  int err = cap_object (c, VG_TYPE_ACTIVITY, rights, &f, &s);
  if (err)
    return err;
  *out = object_slot_data (f, s);
  assert ((*out)->folio == f && (*out)->slot == s);
  return VG_OK;
}

int
activity_quota_check (struct activity *a)
{
  for (struct activity *x = a; x; x = x->parent)
    if (x->policy.folio_quota && x->folios_total >= x->policy.folio_quota)
      return VG_EQUOTA;
  return VG_OK;
}

void
activity_add_folio (struct activity *a, struct folio *f)
{
  f->owner = a;
  f->prev = NULL;
  f->next = a->folios;
  if (a->folios)
    a->folios->prev = f;
  a->folios = f;
  a->folios_local++;
  for (struct activity *x = a; x; x = x->parent)
    x->folios_total++;
}

void
activity_remove_folio (struct activity *a, struct folio *f)
{
  assert (f->owner == a && a->folios_local > 0);
  if (f->prev)
    f->prev->next = f->next;
  else
    a->folios = f->next;
  if (f->next)
    f->next->prev = f->prev;
  f->next = f->prev = NULL;
  a->folios_local--;
  for (struct activity *x = a; x; x = x->parent)
    {
      assert (x->folios_total > 0);
      x->folios_total--;
    }
}

enum activity_kind
activity_frame_kind (uint32_t i)
{
  const struct frame *fd = frame_get (i);
  if (fd->kind == FRAME_PTABLE || fd->kind == FRAME_RMAP)
    return ACTIVITY_CACHE;
  assert (fd->kind == FRAME_OBJECT);
  return fd->flags & FRAME_KERNEL ? ACTIVITY_KERNEL : ACTIVITY_DATA;
}

/* The list a non-data frame I of kind K belongs on, in A.  */
static struct frame_list *
list_of (struct activity *a, uint32_t i, enum activity_kind k)
{
  if (k == ACTIVITY_KERNEL)
    return &a->kernel_frames;
  assert (k == ACTIVITY_CACHE);
  return frame_get (i)->kind == FRAME_RMAP ? &a->cache_rmap : &a->cache_tables;
}

/* Frames the reclaimer could take for frame I of kind K.  */
static uint64_t
evictable_of (uint32_t i, enum activity_kind k)
{
  const struct frame *fd = frame_get (i);
  if (k == ACTIVITY_DATA)
    return fd->discardable || swapobj_evicts_important () ? 1 : 0;
  return k == ACTIVITY_CACHE && fd->kind == FRAME_RMAP ? 2 : 0;
}

struct activity *
activity_frame_limiter (struct activity *a, uint64_t n)
{
  for (struct activity *x = a; x; x = x->parent)
    if (x->policy.frame_limit
        && x->frames_sum_total + n > x->policy.frame_limit)
      return x;
  return NULL;
}

void
activity_charge_frame (struct activity *a, uint32_t i)
{
  struct frame *fd = frame_get (i);
  unsigned p = PRIO_INDEX (fd->priority);
  assert (p < VG_PRIORITY_LEVELS && fd->activity == NULL);
  fd->activity = a;
  a->frames_local[p]++;
  a->frames_sum_local++;
  for (struct activity *x = a; x; x = x->parent)
    {
      x->frames_total[p]++;
      x->frames_sum_total++;
    }
  enum activity_kind k = activity_frame_kind (i);
  a->frames_kind[k]++;
  if (k == ACTIVITY_DATA && !fd->discardable)
    {
      a->frames_important++;
      pinned++;
    }
  uint64_t e = evictable_of (i, k);
  a->evictable_local += e;
  for (struct activity *x = a; e && x; x = x->parent)
    x->evictable_total += e;
  if (k == ACTIVITY_DATA)
    evict_policy ()->add (&a->pstate, i);
  else
    {
      uint8_t list = FRAME_LIST_KERNEL;
      if (k == ACTIVITY_CACHE)
        list = fd->kind == FRAME_RMAP ? FRAME_LIST_RMAP : FRAME_LIST_TABLE;
      frame_list_push (list_of (a, i, k), i, list);
    }
}

void
activity_uncharge_frame (struct activity *a, uint32_t i)
{
  struct frame *fd = frame_get (i);
  unsigned p = PRIO_INDEX (fd->priority);
  assert (fd->activity == a && a->frames_local[p] > 0);
  enum activity_kind k = activity_frame_kind (i);
  if (k == ACTIVITY_DATA)
    evict_policy ()->remove (&a->pstate, i);
  else
    frame_list_remove (list_of (a, i, k), i);
  fd->activity = NULL;
  uint64_t e = evictable_of (i, k);
  assert (a->evictable_local >= e);
  a->evictable_local -= e;
  for (struct activity *x = a; e && x; x = x->parent)
    {
      assert (x->evictable_total >= e);
      x->evictable_total -= e;
    }
  assert (a->frames_kind[k] > 0 && a->frames_sum_local > 0);
  a->frames_kind[k]--;
  if (k == ACTIVITY_DATA && !fd->discardable)
    {
      a->frames_important--;
      pinned--;
    }
  a->frames_local[p]--;
  a->frames_sum_local--;
  for (struct activity *x = a; x; x = x->parent)
    {
      assert (x->frames_total[p] > 0 && x->frames_sum_total > 0);
      x->frames_total[p]--;
      x->frames_sum_total--;
    }
}

void
activity_forget_frame (uint32_t i)
{
  struct frame *fd = frame_get (i);
  if (fd->activity && activity_frame_kind (i) == ACTIVITY_DATA
      && !fd->discardable)
    pinned--;
  fd->activity = NULL;
  fd->prev = fd->next = FRAME_NONE;
  fd->list = FRAME_LIST_NONE;
}

/* The sum of a per-priority frame count.  */
static uint64_t
sum_priorities (const uint32_t count[VG_PRIORITY_LEVELS])
{
  uint64_t n = 0;
  for (unsigned p = 0; p < VG_PRIORITY_LEVELS; p++)
    n += count[p];
  return n;
}

uint64_t
activity_frames_local (const struct activity *a)
{
  assert (sum_priorities (a->frames_local) == a->frames_sum_local);
  return a->frames_sum_local;
}

uint64_t
activity_frames_total (const struct activity *a)
{
  return a->frames_sum_total;
}

uint64_t
activity_charged_frames (const struct activity *a)
{
  return a->folios_total + activity_frames_total (a);
}

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
  assert (start != root);
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

int
activity_create_cap (struct activity *caller, const struct vg_cap *folio_cap,
                     unsigned slot, const struct vg_cap *parent_cap,
                     struct vg_cap *out)
{
  struct folio *f;
  int err = cap_folio (folio_cap, VG_RIGHT_WRITE, &f);
  if (err)
    return err;
  struct activity *parent;
  err = activity_from_cap (parent_cap, VG_RIGHT_WRITE, &parent);
  if (err)
    return err;
  if (parent->depth >= VG_ACTIVITY_DEPTH_MAX)
    return VG_EDEPTH;
  struct vg_object_policy op = { 0, 0 };
  struct object_alloc alloc;
  err = object_alloc_prepare (caller, f, slot, VG_TYPE_ACTIVITY, op, &alloc);
  if (err)
    return err;
  if (parent->doomed)
    {
      /* The slot's old activity is the new parent or an ancestor.  */
      object_alloc_abort (&alloc);
      return VG_EBUSY;
    }
  object_alloc_commit (f, slot, VG_TYPE_ACTIVITY, op, &alloc);
  activity_init (object_slot_data (f, slot), parent, f, slot);
  object_slot_cap (f, slot, VG_RIGHTS_ALL, out);
  return VG_OK;
}

int
activity_policy_set_cap (const struct vg_cap *cap, unsigned which,
                         const struct vg_activity_policy *policy)
{
  uint8_t rights = 0;
  if (which
      & (VG_ACTIVITY_POLICY_SIBLING | VG_ACTIVITY_POLICY_QUOTA
         | VG_ACTIVITY_POLICY_FRAMES | VG_ACTIVITY_POLICY_SWAP
         | VG_ACTIVITY_POLICY_CPU_SIBLING))
    rights |= VG_RIGHT_POLICY;
  if (which & (VG_ACTIVITY_POLICY_CHILD | VG_ACTIVITY_POLICY_CPU_CHILD))
    rights |= VG_RIGHT_WRITE;
  struct activity *a;
  int err = activity_from_cap (cap, rights, &a);
  if (err)
    return err;
  if (!activity_policy_valid (policy, which))
    return VG_EINVAL;
  if (which & VG_ACTIVITY_POLICY_SIBLING)
    a->policy.sibling = policy->sibling;
  if (which & VG_ACTIVITY_POLICY_CHILD)
    a->policy.child = policy->child;
  if (which & VG_ACTIVITY_POLICY_QUOTA)
    a->policy.folio_quota = policy->folio_quota;
  if (which & VG_ACTIVITY_POLICY_FRAMES)
    a->policy.frame_limit = policy->frame_limit;
  if (which & VG_ACTIVITY_POLICY_SWAP)
    a->policy.swap_quota = policy->swap_quota;
  if (which & VG_ACTIVITY_POLICY_CPU_SIBLING)
    a->policy.cpu_sibling = policy->cpu_sibling;
  if (which & VG_ACTIVITY_POLICY_CPU_CHILD)
    a->policy.cpu_child = policy->cpu_child;
  return VG_OK;
}

int
activity_policy_get_cap (const struct vg_cap *cap,
                         struct vg_activity_policy *out)
{
  struct activity *a;
  int err = activity_from_cap (cap, 0, &a);
  if (err)
    return err;
  *out = a->policy;
  return VG_OK;
}

void
activity_charge_cpu (struct activity *a, uint64_t ticks)
{
  a->cpu_ticks_local += ticks;
  for (struct activity *x = a; x; x = x->parent)
    x->cpu_ticks_total += ticks;
}

int
activity_stats_cap (const struct vg_cap *cap, struct vg_activity_stats *out)
{
  struct activity *a;
  int err = activity_from_cap (cap, 0, &a);
  if (err)
    return err;
  *out = a->stats;
  out->period = a->period;
  out->folios_local = a->folios_local;
  out->folios_total = a->folios_total;
  out->folio_quota = a->policy.folio_quota;
  out->frames_local = activity_frames_local (a);
  out->frames_total = activity_frames_total (a);
  out->frame_limit = a->policy.frame_limit;
  out->frames_data = a->frames_kind[ACTIVITY_DATA];
  out->frames_kernel = a->frames_kind[ACTIVITY_KERNEL];
  out->frames_cache = a->frames_kind[ACTIVITY_CACHE];
  out->frames_pinned = a->frames_important;
  out->available = 0; /* notice_activity_stats fills it in.  */
  out->swap_quota = a->policy.swap_quota;
  out->swap_used = a->swap_local;
  out->cpu_ticks = a->cpu_ticks_local;
  out->cpu_ticks_total = a->cpu_ticks_total;
  for (unsigned k = 0; k < 2; k++)
    out->reserved[k] = 0;
  return VG_OK;
}

int
activity_destroy_cap (struct activity *caller, const struct vg_cap *cap)
{
  struct activity *a;
  int err = activity_from_cap (cap, VG_RIGHT_WRITE, &a);
  if (err)
    return err;
  if (a == root)
    return VG_EBUSY;
  return activity_reap (caller, a, NULL);
}
