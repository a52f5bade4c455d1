/* The policies' environment in the host lab: frames are the lab's own
   table of struct frame, laid out like the kernel's descriptor (same
   size, same fields where a policy looks).  The kernel's variant is
   viengoos/mm/env/policy-env.h; the include path chooses.  See
   viengoos/mm/policy.h.  */
#ifndef LAB_POLICY_ENV_H
#define LAB_POLICY_ENV_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define FRAME_NONE UINT32_MAX
#define FRAME_LIST_NONE 0

struct frame
{
  uint64_t object;       /* The lab's key for the page in this frame.  */
  uint32_t prev, next;   /* Policy's list links.  */
  uint32_t lab_a, lab_b; /* Lab bookkeeping (the kernel's floor, folio). */
  uint8_t kind, slot;    /* Unused by the lab.  */
  uint8_t flags;         /* Unused by policies.  */
  uint8_t age;           /* Policy's.  */
  int8_t priority;       /* Object priority.  */
  uint8_t discardable;   /* Object policy.  */
  uint8_t list;          /* Policy's; FRAME_LIST_NONE when on no list. */
  uint8_t pad;           /* Policy's.  */
};

_Static_assert(sizeof (struct frame) == 32, "lab frame matches kernel's");

/* The table the running simulation uses (benchmarks/lab/sim.c).  */
extern struct frame *lab_frames;

#define policy_assert(e) assert (e)

static inline struct frame *
policy_frame (uint32_t i)
{
  return &lab_frames[i];
}

static inline uint64_t
policy_frame_object (uint32_t i)
{
  return lab_frames[i].object;
}

#endif
