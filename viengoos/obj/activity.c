/* Activities: the tree, accounting and policy (see activity.h); their
   teardown is in activity_reap.c.  */
#include <arch/mm.h>

#include "obj/swapobj.h"
#include "obj/activity.h"
#include "mm/bootmem.h"
#include "mm/evict.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "kstring.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "mm/pmm.h"

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
