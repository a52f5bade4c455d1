/* Capabilities: the 16-byte names of objects.

   A cap names an object by its object id (oid) and the version the
   object had when the cap was made.  When the object is destroyed and
   its slot reused the version moves on, and every older cap is dead
   (VG_EDEADCAP) without the kernel visiting it.  Rights only shrink when
   a cap is derived from another.  See doc/objects.md.  */
#ifndef VG_CAP_H
#define VG_CAP_H

#include <stdint.h>

#include <vg/object.h>

/* Rights.  Without VG_RIGHT_WRITE a cap is read-only: it cannot change
   the object (write a page, store into a cappage, allocate in a folio,
   create under or destroy an activity), make an activity pay, or touch
   a thread at all (its registers are its own).  Without VG_RIGHT_POLICY
   a cap is "weak": it cannot change an activity's sibling policy or
   quota.  Every call's needs are in syscalls.def's `right` lines and the
   table in doc/abi.md "Rights".  */
#define VG_RIGHT_WRITE 0x01
#define VG_RIGHT_POLICY 0x02
#define VG_RIGHTS_ALL (VG_RIGHT_WRITE | VG_RIGHT_POLICY)

/* Versions are 32 bits.  A slot whose version reached VG_VERSION_MAX is
   retired: nothing more is made in it (VG_EEXHAUSTED).  */
#define VG_VERSION_MAX 0xffffffffu

/* A cap's POLICY byte is an object policy encoded by
   vg_object_policy_encode (<vg/object.h>).  */

struct vg_cap
{
  uint64_t oid;     /* Object id: folio header frame * 129 + slot (0 =
                       the folio itself, 1..128 its objects).  */
  uint32_t version; /* The object's version when the cap was made.  */
  uint8_t type;     /* enum vg_type; VG_TYPE_VOID for an empty cap.  */
  uint8_t rights;   /* VG_RIGHT_* bits.  */
  uint8_t policy;   /* Policy hints (VG_CAP_POLICY_*).  */
  uint8_t reserved; /* Zero.  */
};

_Static_assert(sizeof (struct vg_cap) == 16, "vg_cap size");
_Static_assert(__builtin_offsetof(struct vg_cap, oid) == 0, "oid");
_Static_assert(__builtin_offsetof(struct vg_cap, version) == 8, "version");
_Static_assert(__builtin_offsetof(struct vg_cap, type) == 12, "type");
_Static_assert(__builtin_offsetof(struct vg_cap, rights) == 13, "rights");
_Static_assert(__builtin_offsetof(struct vg_cap, policy) == 14, "policy");
_Static_assert(__builtin_offsetof(struct vg_cap, reserved) == 15, "reserved");

/* Object ids: a folio's oid is a multiple of VG_OID_STRIDE, and the
   object in its slot S (0..VG_FOLIO_OBJECTS - 1) has the folio's oid
   + 1 + S.  The kernel names objects by oid in activations
   (<vg/activation.h>); cap_oid reads the oid behind a cap.  */
#define VG_OID_STRIDE (VG_FOLIO_OBJECTS + 1)
#define VG_OID_FOLIO(oid) ((oid) - (oid) % VG_OID_STRIDE)
/* The slot of a non-folio oid (its oid % VG_OID_STRIDE is not 0).  */
#define VG_OID_SLOT(oid) ((unsigned)((oid) % VG_OID_STRIDE) - 1)

/* A cappage holds this many caps; slot I is at byte offset I * 16.  */
#define VG_CAPPAGE_SLOTS (VG_OBJECT_SIZE / sizeof (struct vg_cap))
_Static_assert(VG_CAPPAGE_SLOTS == 256, "cappage slots");

#endif
