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

/* The common part of the typed lookups: *F is the folio, and *SLOT
   the object's slot or FOLIO_SLOT_SELF for the folio itself.  Inline
   in each typed lookup: they are on every path that names an object.  */
static inline __attribute__ ((always_inline)) int
lookup (const struct vg_cap *c, uint8_t type, uint8_t rights, struct folio **f,
        unsigned *slot)
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
  unsigned s;
  switch (oid_lookup (c->oid, &fo, &s))
    {
    case OID_FOLIO:
      if (c->type != VG_TYPE_FOLIO || fo->version != c->version)
        return VG_EDEADCAP;
      break;
    case OID_OBJECT:
      if (c->type == VG_TYPE_FOLIO || fo->slots[s].type != c->type
          || fo->slots[s].version != c->version)
        return VG_EDEADCAP;
      break;
    default:
      return VG_EDEADCAP;
    }
  if (fo->doomed)
    return VG_EDEADCAP; /* Its teardown committed (obj/reap.h).  */
  *f = fo;
  *slot = s;
  return VG_OK;
}

int
cap_check (const struct vg_cap *c, uint8_t type, uint8_t rights)
{
  struct folio *f;
  unsigned s;
  return lookup (c, type, rights, &f, &s);
}

int
cap_folio (const struct vg_cap *c, uint8_t rights, struct folio **f)
{
  unsigned s;
  return lookup (c, VG_TYPE_FOLIO, rights, f, &s);
}

int
cap_object (const struct vg_cap *c, uint8_t type, uint8_t rights,
            struct folio **f, unsigned *slot)
{
  assert (type != VG_TYPE_FOLIO && type != VG_TYPE_VOID);
  return lookup (c, type, rights, f, slot);
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
      int err = cap_check (src, VG_TYPE_VOID, 0);
      if (err)
        return err;
    }
  *out = *src;
  out->rights = src->rights & rights_mask;
  return VG_OK;
}
