/* Address-space caches: lifetime, faults, flushes and revocation (see
   as.h).  The walk is in as_walk.c, the reverse map in as_rmap.c.  */
#include <arch/layout.h>
#include <arch/mm.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "mm/as_rmap.h"
#include "mm/as_walk.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "kstring.h"
#include "obj/object.h"
#include "obj/swapobj.h"
#include "kern/panic.h"
#include "obj/room.h"

static struct as_cache *caches; /* Every live cache.  */

/* The most frames one mapping can need: three tables and a reverse-map
   pair.  */
#define AS_FAULT_TABLES (3 + AS_RMAP_FRAMES)
/* Leaves as_shrink never drops: the most one instruction touches
   (code across a page boundary, two operands, the stack).  */
#define AS_SHRINK_KEEP 6
static struct as_cache *current;
static struct vg_cap current_root;

/* Table frames come from the payer, through pt's callbacks.  */
static paddr_t
table_alloc (void *ctx)
{
  uint32_t i = as_rmap_frame_alloc (ctx, FRAME_PTABLE);
  return i == FRAME_NONE ? 0 : frame_paddr (i);
}

static void
table_free (void *ctx, paddr_t t)
{
  as_rmap_frame_free (ctx, frame_index (t));
}

static struct pt_alloc
alloc_of (struct as_cache *c)
{
  return (struct pt_alloc){ table_alloc, table_free, c };
}

int
as_cache_init (struct as_cache *c, struct activity *payer)
{
  assert (payer);
  memset (c, 0, sizeof *c);
  c->payer = payer;
  c->rmap_pages = FRAME_NONE;
  struct pt_alloc a = alloc_of (c);
  if (pt_space_create (&c->pt, &a) != PT_OK)
    {
      c->payer = NULL;
      return VG_ENOMEM;
    }
  c->live = true;
  c->payer_prev = NULL;
  c->payer_next = payer->caches;
  if (payer->caches)
    payer->caches->payer_prev = c;
  payer->caches = c;
  c->next = caches;
  c->prev = NULL;
  if (caches)
    caches->prev = c;
  caches = c;
  return VG_OK;
}

/* Take C off its payer's list of caches.  */
static void
payer_unlink (struct as_cache *c)
{
  if (!c->payer)
    return;
  if (c->payer_prev)
    c->payer_prev->payer_next = c->payer_next;
  else
    c->payer->caches = c->payer_next;
  if (c->payer_next)
    c->payer_next->payer_prev = c->payer_prev;
  c->payer_next = c->payer_prev = NULL;
}

/* Free every frame of C (tables, root included, and rmap pages).  */
static void
release (struct as_cache *c)
{
  if (!c->pt.root)
    return;
  as_rmap_drop_all (c);
  struct pt_alloc a = alloc_of (c);
  pt_space_destroy (&c->pt, &a);
}

void
as_cache_fini (struct as_cache *c)
{
  if (!c->live)
    return;
  release (c);
  if (c->prev)
    c->prev->next = c->next;
  else
    caches = c->next;
  if (c->next)
    c->next->prev = c->prev;
  c->next = c->prev = NULL;
  c->live = false;
  payer_unlink (c);
  c->payer = NULL;
  if (current == c)
    current = NULL;
}

void
as_cache_flush (struct as_cache *c)
{
  if (!c->live || !c->pt.root)
    return;
  as_rmap_drop_all (c);
  struct pt_alloc a = alloc_of (c);
  pt_space_clear (&c->pt, &a);
}

void
as_cache_activate (struct as_cache *c)
{
  pt_activate (c && c->pt.root ? &c->pt : NULL);
}

uint64_t
as_cache_frames (const struct as_cache *c)
{
  return c->pt.root ? pt_space_tables (&c->pt) + c->nrmap : 0;
}

bool
as_payer_release (struct activity *a, unsigned *budget)
{
  while (a->caches)
    {
      struct as_cache *c = a->caches;
      assert (c->payer == a);
      if (!as_cache_drain (c, budget))
        return false;
      unsigned cost = (unsigned)as_cache_frames (c) * AS_TABLE_COST;
      release (c);
      payer_unlink (c);
      c->payer = NULL;
      *budget = *budget > cost ? *budget - cost : 0;
    }
  return true;
}

/* Whether C holds anything it could drop for memory.  */
static bool
droppable (const struct as_cache *c)
{
  return c->pt.root && (pt_space_tables (&c->pt) > 1 || c->nrmap > 0);
}

/* Drop every table of C but the root, for memory; returns the frames
   freed.  */
static uint64_t
flush_for_memory (struct as_cache *c)
{
  uint64_t before = as_cache_frames (c);
  as_cache_flush (c);
  c->drops++;
  uint64_t freed = before - as_cache_frames (c);
  c->payer->stats.cache_dropped += freed;
  return freed;
}

/* Whether L's coldest entry belongs to one of its AS_SHRINK_KEEP
   warmest leaves (each leaf is two entries: as_rmap_touch).  */
static bool
among_warmest (const struct frame_list *l)
{
  if (l->tail == FRAME_NONE)
    return true;
  uint32_t cold = as_rmap_front (l->tail);
  uint32_t i = l->head;
  for (unsigned k = 0; k < 2 * AS_SHRINK_KEEP && i != FRAME_NONE; k++)
    {
      if (as_rmap_front (i) == cold)
        return true;
      i = frame_get (i)->next;
    }
  return false;
}

uint64_t
as_shrink (struct activity *a, uint64_t want)
{
  uint64_t freed = 0;
  /* The AS_SHRINK_KEEP warmest leaves stay: one instruction may need
     that many pages mapped at once (its code, its operands, the stack),
     and dropping their tables would make the fault asking for room undo
     itself, forever (a livelock at a frame limit).  Data goes instead
     (reclaim.c), or the fault fails with VG_EFRAMES.  */
  while (freed < want && !among_warmest (&a->cache_rmap))
    {
      as_rmap_drop_leaf (a->cache_rmap.tail);
      freed += 1 + AS_RMAP_FRAMES;
    }
  a->stats.cache_dropped += freed;
  for (struct as_cache *c = a->caches; freed < want && c; c = c->payer_next)
    if (c->nrmap == 0 && pt_space_tables (&c->pt) > 1)
      {
        freed += flush_for_memory (c);
        break;
      }
  return freed;
}

/* Install FRAME at VA with FLAGS (replacing a mapping of the same frame
   or dropping one of another), with its reverse-map record.  */
static int
map_once (struct as_cache *c, uint64_t va, uint32_t frame, unsigned flags,
          const uint32_t path[4])
{
  struct pt_probe p;
  pt_probe (&c->pt, va, &p);
  if (p.table && !as_rmap_path (as_rmap_page_of_table (c, p.table), va, path))
    {
      /* The region was built through other cappages (the tree changed
         without a store that reached this cache): start afresh.  */
      as_cache_flush (c);
      pt_probe (&c->pt, va, &p);
    }
  uint32_t page = p.table ? as_rmap_page_of_table (c, p.table) : FRAME_NONE;
  if (p.pa && p.pa != frame_paddr (frame))
    {
      as_rmap_remove (page, va, frame_index (p.pa));
      pt_unmap (&c->pt, va);
      p.pa = 0;
    }
  bool had = p.pa != 0;
  uint32_t fresh = FRAME_NONE;
  if (page != FRAME_NONE)
    /* Recently faulted into: the leaf is the warmest.  */
    as_rmap_touch (c, page);
  else
    {
      /* Within the payer's limits for every frame needed, or nothing.  */
      if (activity_frame_limiter (c->payer, p.need + AS_RMAP_FRAMES))
        {
          c->payer->stats.limit_hits++;
          return VG_ENOMEM;
        }
      fresh = as_rmap_page_new (c);
      if (fresh == FRAME_NONE)
        return VG_ENOMEM;
    }
  struct pt_alloc a = alloc_of (c);
  if (pt_map (&c->pt, &a, va, frame_paddr (frame), flags) != PT_OK)
    {
      if (fresh != FRAME_NONE)
        as_rmap_page_free (c, fresh);
      return VG_ENOMEM;
    }
  if (fresh != FRAME_NONE)
    {
      paddr_t t;
      bool ok = pt_leaf_table (&c->pt, va, &t);
      assert (ok);
      as_rmap_page_attach (c, fresh, frame_index (t), va);
      bool fits = as_rmap_path (fresh, va, path);
      assert (fits);
      page = fresh;
    }
  if (!had)
    as_rmap_add (page, va, frame);
  return VG_OK;
}

int
as_fault (struct as_cache *c, const struct vg_cap *root, uint64_t va,
          bool write, bool exec)
{
  if (va >> VG_ADDR_VA_BITS)
    return VG_EINVAL;
  va = ALIGN_DOWN (va, (uint64_t)PAGE_SIZE);
  struct vg_cap *slot;
  uint8_t rights;
  uint32_t path[4];
  int err = as_walk (root, VG_ADDR (va, VG_ADDR_DEPTH_MAX), 0, &slot, &rights,
                     path);
  if (err)
    return err;
  struct folio *f;
  unsigned index;
  err = cap_object (slot, VG_TYPE_PAGE, 0, &f, &index);
  if (err)
    return err;
  rights &= slot->rights;
  if (write && !(rights & VG_RIGHT_WRITE))
    return VG_EPERM;
  if (!c->live || !c->payer || !c->pt.root)
    return VG_ENOMEM;

  /* Permissions of a mapping only grow: keep what it already allows.  */
  struct pt_probe p;
  pt_probe (&c->pt, va, &p);
  unsigned flags = PT_USER | (p.flags & (PT_WRITE | PT_EXEC));
  if (write)
    flags |= PT_WRITE;
  if (exec)
    flags |= PT_EXEC;

  /* Room for the tables first: reclaiming may discard pages, so it
     must not run between claiming the page and mapping it (OBJ_NOFRAME:
     the entry path reclaims and the fault runs again, obj/room.h).  A
     VG_EFRAMES answer is not final: the fault drops its own tables
     below.  */
  if (p.need && room_check (c->payer, p.need + AS_RMAP_FRAMES) == OBJ_NOFRAME)
    return OBJ_NOFRAME;
  void *data;
  err = object_page_claim (slot, write, &data);
  if (err == VG_ENOMEM && droppable (c))
    {
      flush_for_memory (c);
      err = object_page_claim (slot, write, &data);
    }
  if (err)
    {
      c->refusals += err == VG_ENOMEM;
      return err;
    }
  uint32_t frame = frame_index (virt_to_phys (data));
  err = map_once (c, va, frame, flags, path);
  if (err == VG_ENOMEM && as_shrink (c->payer, AS_FAULT_TABLES))
    err = map_once (c, va, frame, flags, path);
  if (err == VG_ENOMEM && droppable (c))
    {
      flush_for_memory (c);
      err = map_once (c, va, frame, flags, path);
    }
  if (err == VG_ENOMEM && swapobj_wait_memory () == SWAPOBJ_WAIT)
    return SWAPOBJ_WAIT; /* Writes in flight will free frames: wait for
                            one (the thread is queued), then fault
                            again.  */
  if (err)
    {
      c->refusals++;
      if (activity_frame_limiter (c->payer, 1))
        return VG_EFRAMES;
      if (err == VG_ENOMEM)
        frame_count_enomem ();
      return err;
    }
  c->faults++;
  c->payer->stats.faults++;
  return VG_OK;
}

void
as_slot_store (struct vg_cap *slot, const struct vg_cap *cap)
{
  struct folio *f;
  unsigned s;
  struct cappage *cp;
  uint32_t frame;
  if (slot->type == VG_TYPE_PAGE
      && cap_object (slot, VG_TYPE_PAGE, 0, &f, &s) == VG_OK)
    {
      if (f->slots[s].frame != FRAME_NONE)
        as_rmap_unmap_frame (f->slots[s].frame);
    }
  else if (slot->type == VG_TYPE_CAPPAGE
           && cappage_from_cap (slot, 0, &cp, &frame) == VG_OK)
    as_rmap_cappage_changed (frame);
  *slot = *cap;
}

bool
as_slot_drain (const struct vg_cap *slot, unsigned *budget)
{
  struct folio *f;
  unsigned s;
  struct cappage *cp;
  uint32_t frame;
  if (slot->type == VG_TYPE_PAGE
      && cap_object (slot, VG_TYPE_PAGE, 0, &f, &s) == VG_OK)
    return f->slots[s].frame == FRAME_NONE
           || as_rmap_frame_drain (f->slots[s].frame, budget);
  if (slot->type != VG_TYPE_CAPPAGE
      || cappage_from_cap (slot, 0, &cp, &frame) != VG_OK)
    return true;
  return as_rmap_cappage_drain (frame, budget);
}

bool
as_slot_store_ready (const struct vg_cap *slot)
{
  unsigned budget = AS_STORE_CHUNK;
  return as_slot_drain (slot, &budget);
}

bool
as_cache_drain (struct as_cache *c, unsigned *budget)
{
  if (!c->live || !*budget)
    return !c->live;
  *budget = as_rmap_drop_some (c, *budget);
  return *budget > 0;
}

bool
as_object_drain (uint32_t frame, unsigned *budget)
{
  const struct frame *fd = frame_get (frame);
  if (fd->kind != FRAME_OBJECT)
    return true;
  const struct folio *f = frame_virt (fd->folio);
  switch (f->slots[fd->slot].type)
    {
    case VG_TYPE_PAGE:
      return as_rmap_frame_drain (frame, budget);
    case VG_TYPE_CAPPAGE:
      return as_rmap_cappage_drain (frame, budget);
    default:
      return true;
    }
}

void
as_object_destroyed (uint32_t frame)
{
  const struct frame *fd = frame_get (frame);
  if (fd->kind != FRAME_OBJECT)
    return;
  const struct folio *f = frame_virt (fd->folio);
  switch (f->slots[fd->slot].type)
    {
    case VG_TYPE_PAGE:
      as_rmap_unmap_frame (frame);
      break;
    case VG_TYPE_CAPPAGE:
      as_rmap_cappage_changed (frame);
      break;
    default:
      break;
    }
}

void
as_set_current (struct as_cache *c, const struct vg_cap *root)
{
  current = c;
  if (root)
    current_root = *root;
  else
    cap_void (&current_root);
}

bool as_copy_may_wait;
static bool copy_waits; /* The thread waits for a copy's page-in.  */

bool
as_copy_waited (void)
{
  bool w = copy_waits;
  copy_waits = false;
  return w;
}

int
as_kernel_user_fault (uint64_t addr, bool write)
{
  /* Retry only if the access will now succeed, so a kernel copy can never
     loop: the current cache must be the one loaded, and must now map the
     page with the rights the access needs.  */
  if (!current || !pt_is_current (&current->pt))
    return VG_EFAULT;
  int err = as_fault (current, &current_root, addr, write, false);
  if (err == SWAPOBJ_WAIT)
    {
      /* A page-in or memory the copy cannot wait for half-way: it
         fails.  A system call that may wait (as_copy_may_wait) keeps
         the thread on the wait queue and runs again when woken; for any
         other copy it is VG_EFAULT, and the thread must not stay on the
         queue.  */
      if (as_copy_may_wait && !copy_waits)
        copy_waits = true;
      else
        swapobj_wait_cancel ();
      return VG_EFAULT;
    }
  if (err == OBJ_NOFRAME)
    return err;
  if (err != VG_OK)
    return VG_EFAULT;
  unsigned flags;
  return pt_lookup (&current->pt, addr, NULL, &flags)
                 && (!write || (flags & PT_WRITE))
             ? VG_OK
             : VG_EFAULT;
}
