/* Object types and object policy, as user space sees them.  */
#ifndef VG_OBJECT_H
#define VG_OBJECT_H

#include <stdint.h>

/* Every object lives in a slot of a folio; a folio is itself an object.  */
enum vg_type
{
  VG_TYPE_VOID = 0,      /* No object.  */
  VG_TYPE_PAGE = 1,      /* A page of data.  */
  VG_TYPE_CAPPAGE = 2,   /* A page of capability slots.  */
  VG_TYPE_THREAD = 3,    /* A thread (control block in the object's page).  */
  VG_TYPE_MESSENGER = 4, /* An IPC endpoint and buffer.  */
  VG_TYPE_ACTIVITY = 5,  /* A principal (see vg/activity.h).  */
  VG_TYPE_FOLIO = 6,     /* A folio: 128 object slots plus a header.  */
  VG_TYPE_REPLY = 7,     /* A one-shot reply cap (not an object in a
                            folio; see doc/ipc.md).  */
  VG_TYPE_COUNT
};

/* Objects per folio, and the page size objects occupy.  */
#define VG_FOLIO_OBJECTS 128
#define VG_OBJECT_SIZE 4096

/* Priorities run from VG_PRIORITY_MIN (evicted first) to
   VG_PRIORITY_MAX; 0 is the default.  */
#define VG_PRIORITY_MIN (-64)
#define VG_PRIORITY_MAX 63
#define VG_PRIORITY_LEVELS 128

/* An object's policy: whether its contents may be dropped rather than
   written out under pressure, and its priority.  */
struct vg_object_policy
{
  uint8_t discardable; /* 0 or 1.  */
  int8_t priority;     /* VG_PRIORITY_MIN..VG_PRIORITY_MAX.  */
};

_Static_assert(sizeof (struct vg_object_policy) == 2, "vg_object_policy");
_Static_assert(__builtin_offsetof(struct vg_object_policy, discardable) == 0,
               "discardable");
_Static_assert(__builtin_offsetof(struct vg_object_policy, priority) == 1,
               "priority");

/* The policy as one byte: a cap's POLICY field and object_alloc's POLICY
   argument.  Bit 7: discardable; bits 0-6: priority - VG_PRIORITY_MIN.
   These three are the only encoder, decoder and validity check, for the
   kernel and user space alike.  */
#define VG_OBJECT_POLICY_DISCARDABLE 0x80
/* Priority 0, not discardable: 64.  */
#define VG_OBJECT_POLICY_DEFAULT ((uint8_t)(0 - VG_PRIORITY_MIN))

static inline _Bool
vg_object_policy_valid (struct vg_object_policy p)
{
  return p.discardable <= 1 && p.priority >= VG_PRIORITY_MIN
         && p.priority <= VG_PRIORITY_MAX;
}

static inline uint8_t
vg_object_policy_encode (struct vg_object_policy p)
{
  return (uint8_t)((p.discardable ? VG_OBJECT_POLICY_DISCARDABLE : 0)
                   | ((p.priority - VG_PRIORITY_MIN) & 0x7f));
}

static inline struct vg_object_policy
vg_object_policy_decode (uint8_t b)
{
  struct vg_object_policy p;
  p.discardable = (b & VG_OBJECT_POLICY_DISCARDABLE) != 0;
  p.priority = (int8_t)((b & 0x7f) + VG_PRIORITY_MIN);
  return p;
}

#endif
