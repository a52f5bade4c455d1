/* Kernel memory-event traces: recording the reclaimer's inputs and
   decisions for the eviction lab (doc/eviction-lab.md; the record
   format is mm/trace-record.h).

   Model.  At most one trace records at a time, machine-wide.  An
   activity asks for it (mm_trace, VG_TRACE_START) and pays for its
   buffer: FRAMES frames charged to that activity as kernel-object
   frames (ACTIVITY_KERNEL, on its kernel_frames list), so they count
   against its frame limits and leave with it.  Events of that activity
   and its descendants are recorded; others are not (an activity sees
   only what it could have observed of its own subtree).

   The buffer is a ring of pages of 128 records each.  A page that
   fills waits to be sent; tracebuf_pump (from the reclaimer's tick) sends
   up to TRACE_PUMP_PAGES of them per tick through the host channel as
   records of type VG_TRACE_HOST_TYPE, each one page of trace records
   (the header goes alone, first, at start).  An event that finds every
   page full is dropped and counted; the next event recorded is preceded
   by a VG_TRACE_DROPPED record holding the count.  FLUSH sends every
   full page and the partial one; STOP flushes and frees the frames;
   the activity's death stops it too (object_trace_stop, from the
   activity teardown).

   Layers.  The buffer itself is mm/tracebuf.h, which knows nothing of
   the object store: the object store records its page events there
   (object.c: FAULT, REFAULT, EVICT, once it has checked the owner is
   traced) and stops the trace when its owner dies.  This module is the
   control, above the object store: mm_trace (charging the buffer's
   frames after room_check) and the reclaimer's and ager's frame
   events.

   Cost when off.  The hooks are inline tests of tracebuf_on, a
   global that is false unless a trace records: one load and a branch
   on the fault, ager and reclaim paths.

   Bounds.  Recording an event is O(depth) (the subtree test walks at
   most VG_ACTIVITY_DEPTH_MAX parents).  A tick sends at most
   TRACE_PUMP_PAGES pages; a run of FLUSH or STOP at most
   TRACE_PUMP_PAGES + 2 (more full pages: send a chunk and restart,
   OBJ_AGAIN); the activity's destruction at most VG_TRACE_FRAMES_MAX
   pages of host-channel output, which it paid for.

   Single CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_MM_TRACE_H
#define VG_MM_TRACE_H

#include <vg/cap.h>

#include "mm/tracebuf.h"
#include "types.h"

struct activity;

void trace_frame_event (uint32_t frame, unsigned kind);

/* Record KIND (enum vg_trace_kind) for the data page in frame I: the
   reclaimer (EVICT, DISCARD) and the ager (REFERENCED).  Frame I is
   still charged and resident.  */
static inline void
trace_frame (uint32_t i, unsigned kind)
{
  if (__builtin_expect (tracebuf_on, 0))
    trace_frame_event (i, kind);
}

/* mm_trace: decode the cap, check CMD and FRAMES, then act.  Errors as
   in syscalls.def; OBJ_NOFRAME (obj/room.h) before the buffer's frames
   are taken, OBJ_AGAIN while FLUSH or STOP have more than a run's
   pages to send.  */
int trace_cap (const struct vg_cap *activity, unsigned cmd, unsigned frames);

/* Figures for tests: events recorded, events dropped, pages sent, and
   the owner (NULL when not recording).  */
struct trace_stats
{
  uint64_t recorded, dropped, pages_sent;
  const struct activity *owner;
  uint32_t frames;
};
void trace_get_stats (struct trace_stats *out);

#endif
