/* Address-space management: cappage tree, shadow, cap area, metadata
   window (see hurd/as.h).  */
#include <stddef.h>
#include <hurd/as.h>
#include <hurd/notice.h>

#include "meta.h"
#include <mm-env.h>
#include <vg/cap.h>
#include <vg/stubs.h>

const struct vg_object_policy as_meta_policy = { 0, VG_PRIORITY_MAX };

static struct shadow_dir root;
static struct shadow_entry root_entries[VG_CAPPAGE_SLOTS]
    __attribute__ ((aligned (VG_OBJECT_SIZE)));
static struct storage_pool meta_pool;
static uint64_t *cap_bitmap;
static uint64_t meta_next, ncappages, nmeta_mapped;

struct shadow_dir *
as_root (void)
{
  return &root;
}

struct storage_pool *
as_meta_pool (void)
{
  return &meta_pool;
}

uint64_t
as_cappages (void)
{
  return ncappages;
}

uint64_t
as_meta_mapped (void)
{
  return nmeta_mapped;
}

/* The directory holding the slot at DEPTH on the path to VA, making
   missing cappages from the metadata pool (reserve only).  */
static vg_error_t
ensure (uint64_t va, unsigned depth, struct shadow_dir **out)
{
  vg_addr_t a = VG_ADDR (va, VG_ADDR_DEPTH_MAX);
  struct shadow_dir *d = &root;
  for (unsigned level = 1; level < depth; level++)
    {
      unsigned i = vg_addr_index (a, level);
      struct shadow_entry *e = &d->e[i];
      if (e->type == VG_TYPE_CAPPAGE)
        {
          d = e->dir;
          continue;
        }
      if (e->type != VG_TYPE_VOID || (e->flags & SHADOW_FOREIGN))
        return VG_EBUSY;
      struct shadow_entry *page = meta_page_alloc ();
      struct shadow_dir *child = meta_chunk_alloc ();
      if (!page || !child)
        {
          if (page)
            meta_page_free (page);
          if (child)
            meta_chunk_free (child);
          return VG_ENOMEM;
        }
      uint64_t span = (uint64_t)1 << (VG_ADDR_VA_BITS - 8 * level);
      struct storage_obj obj;
      vg_error_t err
          = storage_alloc (&meta_pool, VG_TYPE_CAPPAGE, as_meta_policy,
                           VG_ADDR (va & ~(span - 1), level), &obj);
      if (err)
        {
          meta_page_free (page);
          meta_chunk_free (child);
          return err;
        }
      shadow_dir_init (child, page, obj);
      shadow_set (d, i, VG_TYPE_CAPPAGE, VG_RIGHTS_ALL, obj, child);
      ncappages++;
      d = child;
    }
  *out = d;
  return VG_OK;
}

static unsigned
index4 (uint64_t va)
{
  return vg_addr_index (VG_ADDR (va, VG_ADDR_DEPTH_MAX), VG_ADDR_DEPTH_MAX);
}

struct shadow_entry *
as_lookup (uint64_t va)
{
  return shadow_lookup (&root, va, VG_ADDR_DEPTH_MAX);
}

vg_error_t
as_map (uint64_t va, struct storage_pool *pool, enum vg_type type,
        struct vg_object_policy policy, uint8_t rights,
        struct storage_obj *out)
{
  if ((va & (AS_PAGE - 1)) || va >= AS_VA_END)
    return VG_EINVAL;
  struct shadow_dir *d;
  vg_error_t err = ensure (va, VG_ADDR_DEPTH_MAX, &d);
  if (err)
    return err;
  unsigned i = index4 (va);
  if (d->e[i].type != VG_TYPE_VOID || (d->e[i].flags & SHADOW_FOREIGN))
    return VG_EBUSY;
  vg_addr_t slot = VG_ADDR (va, VG_ADDR_DEPTH_MAX);
  struct storage_obj obj;
  err = storage_alloc (pool, type, policy, slot, &obj);
  if (err)
    return err;
  if (rights != VG_RIGHTS_ALL)
    {
      err = vg_cap_copy (slot, slot, rights);
      if (err)
        {
          (void)vg_cap_clear (slot);
          storage_free (obj);
          return err;
        }
    }
  shadow_set (d, i, type, rights, obj, NULL);
  hurd_oid_note (obj, va);
  if (out)
    *out = obj;
  return VG_OK;
}

vg_error_t
as_renew (uint64_t va, struct vg_object_policy policy, uint8_t rights)
{
  struct shadow_entry *e = as_lookup (va);
  if (!e || e->type == VG_TYPE_VOID || !e->folio)
    return VG_EVOID;
  struct storage_obj obj = { e->folio, e->slot };
  vg_addr_t slot = VG_ADDR (va, VG_ADDR_DEPTH_MAX);
  vg_error_t err = storage_renew (obj, e->type, policy, slot);
  if (!err)
    e->rights = VG_RIGHTS_ALL;
  if (!err && rights != VG_RIGHTS_ALL)
    err = as_protect (va, rights);
  return err;
}

vg_error_t
as_unmap (uint64_t va, uint8_t flags)
{
  struct shadow_dir *d = shadow_dir_of (&root, va, VG_ADDR_DEPTH_MAX);
  if (!d)
    return VG_OK;
  struct shadow_entry *e = &d->e[index4 (va)];
  if (e->type != VG_TYPE_VOID)
    {
      vg_error_t err = vg_cap_clear (VG_ADDR (va, VG_ADDR_DEPTH_MAX));
      if (err)
        return err;
      if (e->folio)
        {
          hurd_oid_note ((struct storage_obj){ e->folio, e->slot }, 0);
          storage_free ((struct storage_obj){ e->folio, e->slot });
        }
    }
  shadow_clear (d, index4 (va), flags);
  return VG_OK;
}

vg_error_t
as_protect (uint64_t va, uint8_t rights)
{
  struct shadow_entry *e = as_lookup (va);
  if (!e || e->type == VG_TYPE_VOID)
    return VG_EVOID;
  if (rights & ~e->rights)
    return VG_EPERM;
  if (rights == e->rights)
    return VG_OK;
  vg_addr_t slot = VG_ADDR (va, VG_ADDR_DEPTH_MAX);
  vg_error_t err = vg_cap_copy (slot, slot, rights);
  if (!err)
    e->rights = rights;
  return err;
}

vg_error_t
as_cap_slot_alloc (vg_addr_t *out)
{
  unsigned k = 0;
  while (k < AS_CAP_SLOTS && (cap_bitmap[k / 64] & (1ull << (k % 64))))
    k++;
  if (k == AS_CAP_SLOTS)
    return VG_ENOMEM;
  uint64_t va = AS_CAP_BASE + (uint64_t)k * AS_PAGE;
  struct shadow_dir *d;
  vg_error_t err = ensure (va, VG_ADDR_DEPTH_MAX, &d);
  if (err)
    return err;
  cap_bitmap[k / 64] |= 1ull << (k % 64);
  *out = VG_ADDR (va, VG_ADDR_DEPTH_MAX);
  return VG_OK;
}

void
as_cap_slot_note (vg_addr_t slot, uint8_t type, void *desc)
{
  struct shadow_dir *d = shadow_dir_of (&root, vg_addr_va (slot), 4);
  struct storage_obj none = { desc, 0 };
  shadow_set (d, index4 (vg_addr_va (slot)), type, VG_RIGHTS_ALL, none, NULL);
}

void
as_cap_slot_free (vg_addr_t slot)
{
  uint64_t k = (vg_addr_va (slot) - AS_CAP_BASE) / AS_PAGE;
  cap_bitmap[k / 64] &= ~(1ull << (k % 64));
  struct shadow_dir *d = shadow_dir_of (&root, vg_addr_va (slot), 4);
  if (d)
    shadow_clear (d, index4 (vg_addr_va (slot)), 0);
}

/* Map one more metadata page and give it to meta.c.  */
static vg_error_t
meta_map_one (void)
{
  if (meta_next >= AS_META_BASE + AS_L1_SPAN)
    return VG_ENOMEM;
  vg_error_t err = as_map (meta_next, &meta_pool, VG_TYPE_PAGE, as_meta_policy,
                           VG_RIGHTS_ALL, NULL);
  if (err)
    return err;
  meta_page_add (mm_env_window (meta_next));
  meta_next += AS_PAGE;
  nmeta_mapped++;
  return VG_OK;
}

vg_error_t
as_replenish (void)
{
  for (;;)
    {
      vg_error_t err = VG_OK;
      if (meta_pool.free_slots < 2 * STORAGE_RESERVE)
        err = storage_grow (&meta_pool, 2 * STORAGE_RESERVE);
      else if (meta_free_pages () < META_RESERVE_PAGES)
        err = meta_map_one ();
      else
        return VG_OK;
      if (err)
        return err;
    }
}

vg_error_t
as_init (vg_addr_t meta_activity, uint64_t lo, uint64_t hi)
{
  if ((lo | hi) & (AS_L1_SPAN - 1) || lo >= hi || hi > AS_META_BASE)
    return VG_EINVAL;
  meta_init ();
  __builtin_memset (root_entries, 0, sizeof root_entries);
  shadow_dir_init (&root, root_entries, (struct storage_obj){ NULL, 0 });
  for (unsigned i = 0; i < AS_META_L1; i++)
    if ((uint64_t)i * AS_L1_SPAN < lo || (uint64_t)i * AS_L1_SPAN >= hi)
      root_entries[i].flags = SHADOW_FOREIGN;
  storage_pool_init (&meta_pool, meta_activity, true);
  meta_next = AS_META_BASE;
  ncappages = nmeta_mapped = 0;
  cap_bitmap = meta_page_alloc ();
  struct storage_folio *desc = meta_chunk_alloc ();

  /* The first folio goes into the metadata window's level-1 slot until
     the cap area has a depth-4 slot for it.  */
  vg_addr_t tmp = VG_ADDR (AS_META_BASE, 1);
  vg_error_t err = vg_folio_alloc (meta_activity, tmp);
  if (err)
    return err;
  storage_adopt (&meta_pool, desc, tmp);
  meta_pool.folio_allocs++;
  cap_bitmap[0] |= 1;
  struct shadow_dir *d;
  vg_addr_t slot0 = VG_ADDR (AS_CAP_BASE, VG_ADDR_DEPTH_MAX);
  err = ensure (AS_CAP_BASE, VG_ADDR_DEPTH_MAX, &d);
  if (!err)
    err = vg_cap_copy (tmp, slot0, VG_RIGHTS_ALL);
  if (!err)
    err = vg_cap_clear (tmp);
  if (err)
    return err;
  desc->cap = slot0;
  as_cap_slot_note (slot0, VG_TYPE_FOLIO, desc);
  return as_replenish ();
}
