/* spawn's view of a child's radix tree: the workspace layout, mounting
   the child's cappages in the parent's tree, and installing pages (see
   hurd/spawn.h).

   Workspace, in the parent's depth-1 slot REGION (base VA R):
     W2, a cappage in REGION: slot 0 W3, slot 1 and 2 the mount points
       of a child's level-2 and level-3 cappages (their slots are then
       depth-3 addresses), slots 4 and 5 temporary cap slots, slots
       16 + N the record cappage of child N (its slots: depth 3);
     W3, in W2 slot 0: slot 0 W4, slot 1 the mount point of a child's
       level-4 cappage (its slots, which map pages, are then depth 4);
     W4, in W3 slot 0: slot 0 the window, mapped at R, through which the
       parent writes a page before handing its cap to the child.
   A record's slot 2 holds the child's AS root, so the child's level-1
   slots are depth-4 addresses of the parent without any mount.  */
#include <hurd/spawn.h>
#include <vg/cap-info.h>
#include <vg/cap.h>
#include <vg/object.h>
#include <vg/stubs.h>

#include <libvg.h>

#define SPAWN_POLICY_DEFAULT VG_OBJECT_POLICY_DEFAULT

static uint64_t
region_va (const struct spawn_env *env)
{
  return vg_addr_va (env->region);
}

vg_addr_t
spawn_record_slot (const struct spawn_env *env, unsigned child, unsigned i)
{
  return VG_ADDR (region_va (env) + ((uint64_t)(16 + child) << 28)
                      + ((uint64_t)i << 20),
                  3);
}

int
spawn_alloc (struct spawn_child *c, unsigned type, vg_addr_t dst)
{
  uint64_t rec = vg_addr_va (c->activity);
  if (c->nfolios == 0 || c->next == VG_FOLIO_OBJECTS)
    {
      if (c->nfolios == SPAWN_MAX_FOLIOS)
        return VG_ENOMEM;
      vg_addr_t fs = VG_ADDR (rec + ((uint64_t)(4 + c->nfolios) << 20), 3);
      int err = vg_folio_alloc (c->activity, fs);
      if (err)
        return err;
      c->nfolios++;
      c->next = 0;
    }
  vg_addr_t folio = VG_ADDR (rec + ((uint64_t)(4 + c->nfolios - 1) << 20), 3);
  return vg_object_alloc (folio, c->next++, type, SPAWN_POLICY_DEFAULT, dst);
}

/* Make sure SLOT (of the child's tree) holds a cappage.  */
static int
ensure_cappage (struct spawn_child *c, vg_addr_t slot)
{
  struct vg_cap_info ci;
  int err = vg_cap_info (slot, &ci);
  if (err == VG_EVOID)
    return spawn_alloc (c, VG_TYPE_CAPPAGE, slot);
  if (err)
    return err;
  return ci.type == VG_TYPE_CAPPAGE ? VG_OK : VG_ETYPE;
}

/* Mount the cappage in SLOT at MOUNT, unless the cache says the one for
   (CHILD, KEY) is there already.  */
static int
mount (unsigned *cached_child, uint64_t *cached_key, struct spawn_child *c,
       uint64_t key, vg_addr_t slot, vg_addr_t mount)
{
  if (*cached_child == c->index + 1 && *cached_key == key)
    return VG_OK;
  int err = ensure_cappage (c, slot);
  if (!err)
    err = vg_cap_copy (slot, mount, VG_RIGHTS_ALL);
  if (err)
    {
      *cached_child = 0;
      return err;
    }
  *cached_child = c->index + 1;
  *cached_key = key;
  return VG_OK;
}

int
spawn_child_slot (struct spawn_env *env, struct spawn_child *c, uint64_t va,
                  unsigned depth, vg_addr_t *out)
{
  uint64_t r = region_va (env);
  vg_addr_t a = VG_ADDR (va, 4);
  if (depth < 1 || depth > 4 || (va >> VG_ADDR_VA_BITS) != 0)
    return VG_EINVAL;
  vg_addr_t s = VG_ADDR (
      vg_addr_va (c->aspace) + ((uint64_t)vg_addr_index (a, 1) << 12), 4);
  int err = VG_OK;
  if (depth >= 2)
    {
      err = mount (&env->m2_child, &env->m2_va, c, va >> 36, s,
                   VG_ADDR (r + (1ull << 28), 2));
      s = VG_ADDR (r + (1ull << 28) + ((uint64_t)vg_addr_index (a, 2) << 20),
                   3);
    }
  if (!err && depth >= 3)
    {
      err = mount (&env->m3_child, &env->m3_va, c, va >> 28, s,
                   VG_ADDR (r + (2ull << 28), 2));
      s = VG_ADDR (r + (2ull << 28) + ((uint64_t)vg_addr_index (a, 3) << 20),
                   3);
    }
  if (!err && depth >= 4)
    {
      err = mount (&env->m4_child, &env->m4_va, c, va >> 20, s,
                   VG_ADDR (r + (1ull << 20), 3));
      s = VG_ADDR (r + (1ull << 20) + ((uint64_t)vg_addr_index (a, 4) << 12),
                   4);
    }
  if (err)
    return err;
  *out = s;
  return VG_OK;
}

/* The window: W4's slot 0, mapped at the region's base.  */
static vg_addr_t
window (const struct spawn_env *env)
{
  return VG_ADDR (region_va (env), 4);
}

/* Allocate a page from the child into the window, copy N bytes from SRC
   to offset OFF, and move its cap to DST, read-only unless WRITABLE.  */
static int
install (struct spawn_env *env, struct spawn_child *c, vg_addr_t dst,
         const void *src, size_t n, size_t off, int writable)
{
  if (off > VG_OBJECT_SIZE || n > VG_OBJECT_SIZE - off)
    return VG_EINVAL;
  int err = spawn_alloc (c, VG_TYPE_PAGE, window (env));
  if (err)
    return err;
  if (n)
    memcpy ((char *)(uintptr_t)region_va (env) + off, src, n);
  err = vg_cap_copy (window (env), dst,
                     writable ? VG_RIGHTS_ALL
                              : VG_RIGHTS_ALL & ~VG_RIGHT_WRITE);
  vg_cap_clear (window (env));
  return err;
}

int
spawn_page (struct spawn_env *env, struct spawn_child *c, uint64_t va,
            const void *src, size_t n, size_t off, int writable)
{
  vg_addr_t dst;
  int err = spawn_child_slot (env, c, va, 4, &dst);
  if (!err)
    err = install (env, c, dst, src, n, off, writable);
  return err;
}
