/* The storage allocator: object slots from folios (see hurd/storage.h).  */
#include <stddef.h>
#include <hurd/as.h>
#include <hurd/notice.h>
#include <hurd/storage.h>

#include "meta.h"
#include <mm-env.h>
#include <vg/cap.h>
#include <vg/stubs.h>

static void
unlink_folio (struct storage_pool *p, struct storage_folio *f)
{
  if (f->prev)
    f->prev->next = f->next;
  else
    p->first = f->next;
  if (f->next)
    f->next->prev = f->prev;
  f->next = f->prev = NULL;
}

static void
link_front (struct storage_pool *p, struct storage_folio *f)
{
  f->prev = NULL;
  f->next = p->first;
  if (p->first)
    p->first->prev = f;
  p->first = f;
}

static void
link_back (struct storage_pool *p, struct storage_folio *f)
{
  struct storage_folio *t = p->first;
  if (!t)
    {
      link_front (p, f);
      return;
    }
  while (t->next)
    t = t->next;
  t->next = f;
  f->prev = t;
  f->next = NULL;
}

void
storage_pool_init (struct storage_pool *p, vg_addr_t activity, bool meta)
{
  __builtin_memset (p, 0, sizeof *p);
  p->activity = activity;
  p->meta = meta;
}

void
storage_adopt (struct storage_pool *p, struct storage_folio *desc,
               vg_addr_t cap)
{
  __builtin_memset (desc, 0, sizeof *desc);
  desc->pool = p;
  desc->cap = cap;
  desc->nfree = VG_FOLIO_OBJECTS;
  link_front (p, desc);
  p->folios++;
  p->free_slots += VG_FOLIO_OBJECTS;
}

/* Allocate one more folio for P.  Needs metadata only from the reserve:
   one chunk, and a cap slot (at most one cappage).  */
static vg_error_t
add_folio (struct storage_pool *p)
{
  vg_addr_t slot;
  vg_error_t err = as_cap_slot_alloc (&slot);
  if (err)
    return err;
  struct storage_folio *desc = meta_chunk_alloc ();
  if (!desc)
    {
      as_cap_slot_free (slot);
      return VG_ENOMEM;
    }
  err = vg_folio_alloc (p->activity, slot);
  if (err)
    {
      meta_chunk_free (desc);
      as_cap_slot_free (slot);
      return err;
    }
  storage_adopt (p, desc, slot);
  as_cap_slot_note (slot, VG_TYPE_FOLIO, desc);
  if (!p->meta)
    hurd_oid_folio_add (desc);
  p->folio_allocs++;
  return VG_OK;
}

vg_error_t
storage_grow (struct storage_pool *p, uint64_t n)
{
  while (p->free_slots < n)
    {
      vg_error_t err = add_folio (p);
      if (err)
        return err;
    }
  return VG_OK;
}

vg_error_t
storage_alloc (struct storage_pool *p, enum vg_type type,
               struct vg_object_policy policy, vg_addr_t dst,
               struct storage_obj *out)
{
  if (!p->first || p->first->nfree == 0)
    {
      if (p->meta)
        return VG_ENOMEM;
      vg_error_t err = add_folio (p);
      if (err)
        return err;
    }
  struct storage_folio *f = p->first;
  unsigned s = 0;
  while (f->used[s / 64] & (1ull << (s % 64)))
    s++;
  vg_error_t err = vg_object_alloc (f->cap, s, type,
                                    vg_object_policy_encode (policy), dst);
  if (err)
    return err;
  f->used[s / 64] |= 1ull << (s % 64);
  f->nfree--;
  p->free_slots--;
  if (f->nfree == 0 && f->next)
    {
      unlink_folio (p, f);
      link_back (p, f);
    }
  out->folio = f;
  out->slot = s;
  return VG_OK;
}

vg_error_t
storage_renew (struct storage_obj o, enum vg_type type,
               struct vg_object_policy policy, vg_addr_t dst)
{
  return vg_object_alloc (o.folio->cap, o.slot, type,
                          vg_object_policy_encode (policy), dst);
}

void
storage_free (struct storage_obj o)
{
  struct storage_folio *f = o.folio;
  struct storage_pool *p = f->pool;
  /* Destroy now so the frame is uncharged at once.  If this fails the
     slot is still ours: the next allocation in it destroys the old
     object anyway.  */
  (void)vg_object_alloc (f->cap, o.slot, VG_TYPE_VOID, 0, VG_ADDR_VOID);
  f->used[o.slot / 64] &= ~(1ull << (o.slot % 64));
  if (f->nfree++ == 0)
    {
      unlink_folio (p, f);
      link_front (p, f);
    }
  p->free_slots++;
  bool keep
      = p->folios == 1
        || (p->meta && p->free_slots - VG_FOLIO_OBJECTS < STORAGE_RESERVE);
  if (f->nfree < VG_FOLIO_OBJECTS || keep)
    return;
  if (vg_folio_free (f->cap) != VG_OK)
    return; /* Keep it: still usable.  */
  (void)vg_cap_clear (f->cap);
  as_cap_slot_free (f->cap);
  unlink_folio (p, f);
  p->folios--;
  p->free_slots -= VG_FOLIO_OBJECTS;
  hurd_oid_folio_drop (f);
  meta_chunk_free (f);
}
