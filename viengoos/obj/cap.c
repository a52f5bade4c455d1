/* Capability validation and derivation (see cap.h).  */
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "kstring.h"
#include "kern/panic.h"

void
cap_make (struct vg_cap *out, uint8_t type, uint64_t oid, uint32_t version,
          uint8_t rights, uint8_t policy)
{
  memset (out, 0, sizeof *out);
  out->type = type;
  out->oid = oid;
  out->version = version;
  out->rights = rights;
  out->policy = policy;
}

void
cap_void (struct vg_cap *out)
{
  memset (out, 0, sizeof *out);
}

int
cap_lookup (const struct vg_cap *c, uint8_t type, uint8_t rights,
            struct folio **f, unsigned *index)
{
  if (c->type == VG_TYPE_VOID)
    return VG_EVOID;
  if (c->type >= VG_TYPE_COUNT)
    return VG_EINVAL;
  if (type != VG_TYPE_VOID && c->type != type)
    return VG_ETYPE;
  if ((c->rights & rights) != rights)
    return VG_EPERM;
  struct folio *fo;
  unsigned i;
  if (!folio_from_oid (c->oid, &fo, &i))
    return VG_EDEADCAP;
  if (i == 0)
    {
      if (c->type != VG_TYPE_FOLIO || fo->version != c->version)
        return VG_EDEADCAP;
    }
  else
    {
      const struct folio_slot *s = &fo->slots[i - 1];
      if (c->type == VG_TYPE_FOLIO || s->type != c->type
          || s->version != c->version)
        return VG_EDEADCAP;
    }
  *f = fo;
  *index = i;
  return VG_OK;
}

int
cap_derive (const struct vg_cap *src, uint8_t rights_mask, struct vg_cap *out)
{
  if (rights_mask & ~VG_RIGHTS_ALL)
    return VG_EINVAL;
  if (src->type == VG_TYPE_ACTIVITY && src->oid == ACTIVITY_ROOT_OID)
    {
      if (src->version != 0)
        return VG_EDEADCAP;
    }
  else
    {
      struct folio *f;
      unsigned i;
      int err = cap_lookup (src, VG_TYPE_VOID, 0, &f, &i);
      if (err)
        return err;
    }
  *out = *src;
  out->rights = src->rights & rights_mask;
  return VG_OK;
}
