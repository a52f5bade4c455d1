/* The radix walk of the cap tree: as_slot and the lookup behind
   as_fault (see as.h).  */
#include "mm/as.h"
#include "mm/as_walk.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/object.h"

int
as_walk (const struct vg_cap *root, vg_addr_t addr, uint8_t need,
         struct vg_cap **slot, uint8_t *rights, uint32_t *path)
{
  if (addr == VG_ADDR_VOID || !vg_addr_valid (addr))
    return VG_EINVAL;
  if (!root)
    return VG_EVOID;
  const struct vg_cap *c = root;
  uint8_t r = VG_RIGHTS_ALL;
  struct vg_cap *s = NULL;
  for (unsigned level = 1; level <= vg_addr_depth (addr); level++)
    {
      struct cappage *cp;
      uint32_t frame;
      int err = cappage_from_cap (c, need, &cp, &frame);
      if (err)
        return err;
      r &= c->rights;
      if (path)
        path[level - 1] = frame;
      s = &cp->slots[vg_addr_index (addr, level)];
      c = s;
    }
  *slot = s;
  if (rights)
    *rights = r;
  return VG_OK;
}

int
as_slot (const struct vg_cap *root, vg_addr_t addr, bool write,
         struct vg_cap **slot)
{
  return as_walk (root, addr, write ? VG_RIGHT_WRITE : 0, slot, NULL, NULL);
}
