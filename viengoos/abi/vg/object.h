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

#endif
