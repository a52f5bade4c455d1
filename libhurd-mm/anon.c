/* Anonymous memory, demand paging and region policies (see
   hurd/anon.h).  */
#include <stddef.h>
#include <hurd/anon.h>
#include <hurd/as.h>

#include "meta.h"
#include <mm-env.h>
#include <vg/cap.h>
#include <vg/stubs.h>

static bool policy_ok (struct vg_object_policy p, anon_fill_fn fill);
static vg_error_t rewrite (struct anon_region *r, uint64_t va, bool mapped);

static struct region_map map;
static struct storage_pool pools[ANON_POOLS];
static unsigned npools;
static uint64_t range_lo, range_hi;

vg_error_t
anon_init (vg_addr_t activity, uint64_t lo, uint64_t hi)
{
  struct region **v = meta_page_alloc ();
  if (!v)
    return VG_ENOMEM;
  region_map_init (&map, v, REGION_MAP_MAX);
  npools = 1;
  storage_pool_init (&pools[0], activity, false);
  range_lo = lo;
  range_hi = hi;
  return VG_OK;
}

static struct storage_pool *
pool_for (vg_addr_t activity)
{
  if (activity == VG_ADDR_VOID)
    return &pools[0];
  for (unsigned i = 0; i < npools; i++)
    if (pools[i].activity == activity)
      return &pools[i];
  if (npools == ANON_POOLS)
    return NULL;
  storage_pool_init (&pools[npools], activity, false);
  return &pools[npools++];
}

struct anon_region *
anon_find (uint64_t addr)
{
  return (struct anon_region *)region_find (&map, addr);
}

/* Call FN on every page of [LO, HI) that is mapped or marked
   discarded, skipping absent level-4 cappages a megabyte at a time.  */
static vg_error_t
each_page (uint64_t lo, uint64_t hi,
           vg_error_t (*fn) (struct anon_region *, uint64_t, bool),
           struct anon_region *r)
{
  const uint64_t block = AS_PAGE * VG_CAPPAGE_SLOTS;
  for (uint64_t va = lo; va < hi;)
    {
      struct shadow_dir *d = shadow_dir_of (as_root (), va, 4);
      if (!d)
        {
          va = (va | (block - 1)) + 1;
          continue;
        }
      struct shadow_entry *e = as_lookup (va);
      bool mapped = e->type == VG_TYPE_PAGE;
      if (mapped || (e->flags & SHADOW_DISCARDED))
        {
          vg_error_t err = fn (r, va, mapped);
          if (err)
            return err;
        }
      va += AS_PAGE;
    }
  return VG_OK;
}

/* Unmap and forget (no refill later).  */
static vg_error_t
drop (struct anon_region *r, uint64_t va, bool mapped)
{
  vg_error_t err = as_unmap (va, 0);
  if (!err && mapped)
    r->resident--;
  return err;
}

/* Unmap, and refill on the next touch.  */
static vg_error_t
discard (struct anon_region *r, uint64_t va, bool mapped)
{
  vg_error_t err = as_unmap (va, SHADOW_DISCARDED);
  if (!err && mapped)
    r->resident--;
  return err;
}

/* Drop the contents now, keeping the page object and its mapping
   (object_discard): the next touch faults with the discarded flag and
   hurd_mm_fault re-creates and refills it.  A read-only page (no right
   to discard it) is unmapped and marked discarded in the shadow.  */
static vg_error_t
discard_now (struct anon_region *r, uint64_t va, bool mapped)
{
  if (!mapped)
    return VG_OK; /* Already marked.  */
  vg_error_t err = vg_object_discard (VG_ADDR (va, VG_ADDR_DEPTH_MAX));
  if (err == VG_EPERM)
    err = discard (r, va, true);
  return err;
}

/* Install a page at VA (not mapped) for R; fill it if REFILL.  */
static vg_error_t
install (struct anon_region *r, uint64_t va, bool refill)
{
  (void)as_replenish (); /* Failure leaves the reserve to cope.  */
  vg_error_t err
      = as_map (va, r->pool, VG_TYPE_PAGE, r->policy, VG_RIGHTS_ALL, NULL);
  if (err)
    return err;
  r->resident++;
  if (refill && r->fill)
    err = r->fill (r->cookie, va, mm_env_window (va));
  if (!err && !(r->flags & ANON_WRITE))
    err = as_protect (va, 0);
  /* Mark the page for a refill only if it was to be filled: a stale
     mark would make a later first touch call a fill callback.  */
  if (err)
    (void)(refill ? discard : drop) (r, va, true);
  return err;
}

vg_error_t
hurd_mm_fault (uint64_t addr, bool write, bool discarded)
{
  struct anon_region *r = anon_find (addr);
  if (!r)
    return VG_EVOID;
  if (write && !(r->flags & ANON_WRITE))
    return HURD_MM_PROT;
  uint64_t va = addr & ~(AS_PAGE - 1);
  struct shadow_entry *e = as_lookup (va);
  if (e && e->type == VG_TYPE_PAGE)
    {
      /* A write to a read-only cap in a writable region: an
         anon_protect that failed part-way left it; make it writable.  */
      if (!discarded && write && !(e->rights & VG_RIGHT_WRITE))
        return rewrite (r, va, true);
      if (!discarded)
        return VG_OK; /* Already there: a stale fault.  */
      /* The kernel dropped the contents: regenerate in place.  */
      vg_error_t err = discard (r, va, true);
      return err ? err : install (r, va, true);
    }
  bool refill = discarded || (e && (e->flags & SHADOW_DISCARDED));
  return install (r, va, refill);
}

static vg_error_t
populate (struct anon_region *r, uint64_t lo, uint64_t hi)
{
  for (uint64_t va = lo; va < hi; va += AS_PAGE)
    {
      struct shadow_entry *e = as_lookup (va);
      if (e && e->type == VG_TYPE_PAGE)
        continue;
      vg_error_t err = install (r, va, false);
      if (err)
        {
          (void)each_page (lo, va, drop, r);
          return err;
        }
    }
  return VG_OK;
}

vg_error_t
anon_create (uint64_t addr, uint64_t len, unsigned flags,
             struct vg_object_policy policy, anon_fill_fn fill, void *cookie,
             vg_addr_t activity, struct anon_region **out)
{
  if (len == 0 || (len & (AS_PAGE - 1)) || (addr & (AS_PAGE - 1))
      || (flags & ~(ANON_WRITE | ANON_POPULATE)) || !policy_ok (policy, fill))
    return VG_EINVAL;
  if (addr && (addr < range_lo || addr > range_hi || range_hi - addr < len))
    return VG_EINVAL;
  (void)as_replenish ();
  struct storage_pool *pool = pool_for (activity);
  if (!pool)
    return VG_ENOMEM;
  if (!addr && !region_gap_top (&map, len, range_lo, range_hi, &addr))
    return VG_ENOMEM;
  struct anon_region *r = meta_chunk_alloc ();
  if (!r)
    return VG_ENOMEM;
  r->r.start = addr;
  r->r.end = addr + len;
  r->policy = policy;
  r->flags = (uint8_t)flags;
  r->fill = fill;
  r->cookie = cookie;
  r->pool = pool;
  vg_error_t err = region_insert (&map, &r->r);
  if (!err && (flags & ANON_POPULATE))
    {
      err = populate (r, r->r.start, r->r.end);
      if (err)
        region_remove (&map, &r->r);
    }
  if (err)
    {
      meta_chunk_free (r);
      return err;
    }
  *out = r;
  return VG_OK;
}

static bool
policy_ok (struct vg_object_policy p, anon_fill_fn fill)
{
  return p.discardable <= 1 && p.priority >= VG_PRIORITY_MIN
         && p.priority <= VG_PRIORITY_MAX && (!fill || p.discardable);
}

/* Re-create the page at VA with R's policy and rights, keeping its
   contents (the ABI has no call to change an object's policy or to
   strengthen a cap, so the page is copied out and back).  */
static vg_error_t
rewrite (struct anon_region *r, uint64_t va, bool mapped)
{
  if (!mapped)
    return VG_OK;
  uint8_t buf[AS_PAGE];
  __builtin_memcpy (buf, mm_env_window (va), AS_PAGE);
  vg_error_t err = as_renew (va, r->policy, VG_RIGHTS_ALL);
  if (err)
    {
      (void)discard (r, va, true);
      return err;
    }
  __builtin_memcpy (mm_env_window (va), buf, AS_PAGE);
  return (r->flags & ANON_WRITE) ? VG_OK : as_protect (va, 0);
}

static vg_error_t
make_read_only (struct anon_region *r, uint64_t va, bool mapped)
{
  (void)r;
  return mapped ? as_protect (va, 0) : VG_OK;
}

/* Give the page at VA R's policy in place (object_policy_set), or by
   re-creating it where the kernel refuses (a read-only cap).  */
static vg_error_t
repolicy (struct anon_region *r, uint64_t va, bool mapped)
{
  if (!mapped)
    return VG_OK;
  vg_error_t err = vg_object_policy_set (VG_ADDR (va, VG_ADDR_DEPTH_MAX),
                                         vg_object_policy_encode (r->policy));
  return err == VG_OK ? VG_OK : rewrite (r, va, mapped);
}

vg_error_t
anon_set_policy (struct anon_region *r, struct vg_object_policy policy)
{
  if (!policy_ok (policy, r->fill))
    return VG_EINVAL;
  r->policy = policy;
  return each_page (r->r.start, r->r.end, repolicy, r);
}

vg_error_t
anon_protect (struct anon_region *r, unsigned flags)
{
  if (flags & ~ANON_WRITE)
    return VG_EINVAL;
  bool was = r->flags & ANON_WRITE;
  r->flags = (uint8_t)((r->flags & ~ANON_WRITE) | flags);
  if (was && !(flags & ANON_WRITE))
    return each_page (r->r.start, r->r.end, make_read_only, r);
  if (!was && (flags & ANON_WRITE))
    return each_page (r->r.start, r->r.end, rewrite, r);
  return VG_OK;
}

vg_error_t
anon_resize (struct anon_region *r, uint64_t new_len)
{
  if (new_len == 0 || (new_len & (AS_PAGE - 1)))
    return VG_EINVAL;
  uint64_t old_end = r->r.end;
  if (new_len > range_hi - r->r.start)
    return VG_EBUSY;
  uint64_t new_end = r->r.start + new_len;
  if (new_end <= old_end)
    {
      vg_error_t err = each_page (new_end, old_end, drop, r);
      if (!err)
        r->r.end = new_end;
      return err;
    }
  if (!region_range_free (&map, old_end, new_end))
    return VG_EBUSY;
  r->r.end = new_end;
  if (r->flags & ANON_POPULATE)
    {
      vg_error_t err = populate (r, old_end, new_end);
      if (err)
        {
          r->r.end = old_end;
          return err;
        }
    }
  return VG_OK;
}

void
anon_free (struct anon_region *r)
{
  (void)each_page (r->r.start, r->r.end, drop, r);
  region_remove (&map, &r->r);
  meta_chunk_free (r);
}

vg_error_t
anon_discard (uint64_t addr, uint64_t len)
{
  if ((addr | len) & (AS_PAGE - 1) || addr + len < addr)
    return VG_EINVAL;
  for (uint64_t va = addr; va < addr + len;)
    {
      struct anon_region *r = anon_find (va);
      if (!r)
        return VG_EVOID;
      uint64_t hi = addr + len < r->r.end ? addr + len : r->r.end;
      vg_error_t err = each_page (va, hi, discard_now, r);
      if (err)
        return err;
      va = hi;
    }
  return VG_OK;
}

static vg_error_t
count (struct anon_region *r, uint64_t va, bool mapped)
{
  (void)va;
  r->resident += mapped;
  return VG_OK;
}

vg_error_t
anon_split (struct anon_region *r, uint64_t at, struct anon_region **out)
{
  if ((at & (AS_PAGE - 1)) || at <= r->r.start || at >= r->r.end)
    return VG_EINVAL;
  struct anon_region *n = meta_chunk_alloc ();
  if (!n)
    return VG_ENOMEM;
  *n = *r;
  n->r.start = at;
  n->resident = 0;
  r->r.end = at;
  vg_error_t err = region_insert (&map, &n->r);
  if (err)
    {
      r->r.end = n->r.end;
      meta_chunk_free (n);
      return err;
    }
  (void)each_page (n->r.start, n->r.end, count, n);
  r->resident -= n->resident;
  *out = n;
  return VG_OK;
}
