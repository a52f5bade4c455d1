/* The policies' environment in the kernel (and the kernel's host unit
   tests): frames are the kernel's frame table.  The lab has its own
   <policy-env.h> in benchmarks/lab/env/; the include path chooses.
   See mm/policy.h.  */
#ifndef VG_MM_POLICY_ENV_H
#define VG_MM_POLICY_ENV_H

#include "obj/frame.h"
#include "kstring.h"
#include "kern/panic.h"
#include "types.h"

#define policy_assert(e) assert (e)

/* Descriptor of frame I.  */
static inline struct frame *
policy_frame (uint32_t i)
{
  return frame_get (i);
}

/* A stable name for the object whose data frame I holds, for ghost
   lists: the folio's header frame and the slot.  Unique while the
   folio lives.  */
static inline uint64_t
policy_frame_object (uint32_t i)
{
  const struct frame *f = frame_get (i);
  return ((uint64_t)f->folio << 7) | f->slot;
}

#endif
