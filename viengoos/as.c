/* TEMPORARY: replaced by branch as.  A stand-in for the address-space
   module so the threads work can run: page tables come straight from
   pmm (uncharged), as_slot is a plain walk of the cappage tree, and
   as_fault maps the page cap at depth 4 without any reverse map (so
   nothing is ever shot down: as_slot_store and as_object_destroyed do
   nothing).  Written against as.h only.  */
#include <arch/layout.h>
#include <arch/mm.h>
#include <arch/pt.h>

#include "as.h"
#include "cap.h"
#include "cappage.h"
#include "folio.h"
#include "object.h"
#include "pmm.h"

static paddr_t
stub_alloc (void *ctx)
{
  (void)ctx;
  return pmm_alloc ();
}

static void
stub_free (void *ctx, paddr_t p)
{
  (void)ctx;
  pmm_free (p);
}

static const struct pt_alloc stub_pt = { stub_alloc, stub_free, NULL };

int
as_cache_init (struct as_cache *c, struct activity *payer)
{
  c->payer = payer;
  return pt_space_create (&c->pt, &stub_pt) == PT_OK ? VG_OK : VG_ENOMEM;
}

void
as_cache_fini (struct as_cache *c)
{
  if (c->pt.root)
    pt_space_destroy (&c->pt, &stub_pt);
}

void
as_cache_flush (struct as_cache *c)
{
  (void)c;
}

void
as_cache_activate (struct as_cache *c)
{
  pt_activate (c && c->pt.root ? &c->pt : NULL);
}

int
as_fault (struct as_cache *c, const struct vg_cap *root, uint64_t va,
          bool write, bool exec)
{
  (void)exec;
  if (va >> VG_ADDR_VA_BITS)
    return VG_EINVAL;
  struct vg_cap *slot;
  int err = as_slot (root, VG_ADDR (va, 4), false, &slot);
  if (err)
    return err;
  if (slot->type == VG_TYPE_VOID)
    return VG_EVOID;
  if (write && !(slot->rights & VG_RIGHT_WRITE))
    return VG_EPERM;
  void *data;
  err = object_page_claim (slot, write, &data);
  if (err)
    return err;
  unsigned flags = PT_USER | PT_EXEC;
  if (slot->rights & VG_RIGHT_WRITE)
    flags |= PT_WRITE;
  if (pt_map (&c->pt, &stub_pt, va & ~(uint64_t)(PAGE_SIZE - 1),
              virt_to_phys (data), flags)
      != PT_OK)
    return VG_ENOMEM;
  return VG_OK;
}

int
as_slot (const struct vg_cap *root, vg_addr_t addr, bool write,
         struct vg_cap **slot)
{
  if (!vg_addr_valid (addr))
    return VG_EINVAL;
  unsigned depth = vg_addr_depth (addr);
  if (depth == 0 || root == NULL)
    return VG_EVOID;
  const struct vg_cap *c = root;
  for (unsigned level = 1; level <= depth; level++)
    {
      struct folio *f;
      unsigned index;
      int err = cap_lookup (c, VG_TYPE_CAPPAGE, write ? VG_RIGHT_WRITE : 0, &f,
                            &index);
      if (err)
        return err;
      struct cappage *cp = object_slot_data (f, index - 1);
      c = &cp->slots[vg_addr_index (addr, level)];
    }
  *slot = (struct vg_cap *)c;
  return VG_OK;
}

void
as_slot_store (struct vg_cap *slot, const struct vg_cap *cap)
{
  *slot = *cap;
}

void
as_object_destroyed (uint32_t frame)
{
  (void)frame;
}

void
as_set_current (struct as_cache *c, const struct vg_cap *root)
{
  (void)c;
  (void)root;
}
