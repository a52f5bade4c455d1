/* The user-side shadow of the cap tree (see hurd/shadow.h).  */
#include <hurd/shadow.h>
#include <vg/addr.h>
#include <vg/cap.h>

void
shadow_dir_init (struct shadow_dir *dir, struct shadow_entry *e,
                 struct storage_obj obj)
{
  dir->e = e;
  dir->obj = obj;
  dir->used = 0;
}

struct shadow_dir *
shadow_dir_of (struct shadow_dir *root, uint64_t va, unsigned depth)
{
  if (depth < 1 || depth > VG_ADDR_DEPTH_MAX)
    return 0;
  vg_addr_t a = VG_ADDR (va, VG_ADDR_DEPTH_MAX);
  struct shadow_dir *d = root;
  for (unsigned level = 1; level < depth; level++)
    {
      struct shadow_entry *e = &d->e[vg_addr_index (a, level)];
      if (e->type != VG_TYPE_CAPPAGE)
        return 0;
      d = e->dir;
    }
  return d;
}

struct shadow_entry *
shadow_lookup (struct shadow_dir *root, uint64_t va, unsigned depth)
{
  struct shadow_dir *d = shadow_dir_of (root, va, depth);
  if (!d)
    return 0;
  return &d->e[vg_addr_index (VG_ADDR (va, VG_ADDR_DEPTH_MAX), depth)];
}

void
shadow_set (struct shadow_dir *dir, unsigned index, uint8_t type,
            uint8_t rights, struct storage_obj obj, struct shadow_dir *child)
{
  struct shadow_entry *e = &dir->e[index];
  if (e->type == VG_TYPE_VOID && type != VG_TYPE_VOID)
    dir->used++;
  else if (e->type != VG_TYPE_VOID && type == VG_TYPE_VOID)
    dir->used--;
  if (type == VG_TYPE_CAPPAGE)
    e->dir = child;
  else
    e->folio = obj.folio;
  e->type = type;
  e->rights = rights;
  e->slot = (uint8_t)obj.slot;
  e->flags &= (uint8_t)~SHADOW_DISCARDED;
}

void
shadow_clear (struct shadow_dir *dir, unsigned index, uint8_t flags)
{
  struct shadow_entry *e = &dir->e[index];
  if (e->type != VG_TYPE_VOID)
    dir->used--;
  e->dir = 0;
  e->type = VG_TYPE_VOID;
  e->rights = 0;
  e->slot = 0;
  e->flags = flags;
}
