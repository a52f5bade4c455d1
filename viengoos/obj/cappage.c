/* Cappages (see cappage.h).  */
#include "mm/as.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "kstring.h"
#include "obj/object.h"

void
cappage_init (struct cappage *cp)
{
  memset (cp, 0, sizeof *cp);
}

int
cappage_from_cap (const struct vg_cap *c, uint8_t rights, struct cappage **out,
                  uint32_t *frame)
{
  struct folio *f;
  unsigned s;
  int err = cap_object (c, VG_TYPE_CAPPAGE, rights, &f, &s);
  if (err)
    return err;
  *out = object_slot_data (f, s);
  if (frame)
    *frame = f->slots[s].frame;
  return VG_OK;
}

static int
lookup (const struct vg_cap *c, uint8_t rights, unsigned index,
        struct cappage **out)
{
  int err = cappage_from_cap (c, rights, out, NULL);
  if (err)
    return err;
  if (index >= VG_CAPPAGE_SLOTS)
    return VG_ERANGE;
  return VG_OK;
}

int
cappage_set_cap (const struct vg_cap *cappage_cap, unsigned index,
                 const struct vg_cap *src)
{
  struct cappage *cp;
  int err = lookup (cappage_cap, VG_RIGHT_WRITE, index, &cp);
  if (err)
    return err;
  if (src->type != VG_TYPE_VOID)
    {
      struct vg_cap tmp;
      err = cap_derive (src, VG_RIGHTS_ALL, &tmp);
      if (err)
        return err;
    }
  as_slot_store (&cp->slots[index], src);
  return VG_OK;
}

int
cappage_get_cap (const struct vg_cap *cappage_cap, unsigned index,
                 struct vg_cap *out)
{
  struct cappage *cp;
  int err = lookup (cappage_cap, 0, index, &cp);
  if (err)
    return err;
  *out = cp->slots[index];
  return VG_OK;
}
