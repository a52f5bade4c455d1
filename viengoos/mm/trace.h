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
   fills waits to be sent; trace_pump (from the reclaimer's tick) sends
   up to TRACE_PUMP_PAGES of them per tick through the host channel as
   records of type VG_TRACE_HOST_TYPE, each one page of trace records
   (the header goes alone, first, at start).  An event that finds every
   page full is dropped and counted; the next event recorded is preceded
   by a VG_TRACE_DROPPED record holding the count.  FLUSH sends every
   full page and the partial one; STOP flushes and frees the frames;
   the activity's death stops it too (trace_activity_destroyed).

   Cost when off.  The hooks below are inline tests of trace_on, a
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

#include "mm/trace-record.h"
#include "types.h"

struct activity;
struct folio;

/* The host-channel record type of trace data (doc/host-channel.md).  */
#define VG_TRACE_HOST_TYPE 128
/* Full pages sent per timer tick.  */
#define TRACE_PUMP_PAGES 8
#define TRACE_PAGE_RECORDS (4096 / sizeof (struct vg_trace_record))

/* True while a trace records.  Read by the inline hooks only.  */
extern bool trace_on;

void trace_frame_event (uint32_t frame, unsigned kind);
void trace_slot_event (struct folio *f, unsigned slot, unsigned kind);

/* Record KIND (enum vg_trace_kind) for the data page in frame I: the
   reclaimer (EVICT, DISCARD) and the ager (REFERENCED).  Frame I is
   still charged and resident.  */
static inline void
trace_frame (uint32_t i, unsigned kind)
{
  if (__builtin_expect (trace_on, 0))
    trace_frame_event (i, kind);
}

/* Record KIND for the page object in slot S of F (FAULT when it was
   made resident, REFAULT on a touch of a page the reclaimer took or
   when it comes back from the backing store, EVICT when its frame goes
   to the backing store).  Other object types are ignored.  */
static inline void
trace_slot (struct folio *f, unsigned s, unsigned kind)
{
  if (__builtin_expect (trace_on, 0))
    trace_slot_event (f, s, kind);
}

/* From the tick: send up to TRACE_PUMP_PAGES full pages.  */
void trace_pump (void);

/* A is being destroyed (its counters still whole): if it owns the
   trace, flush and stop it.  */
void trace_activity_destroyed (struct activity *a);

/* mm_trace: decode the cap, check CMD and FRAMES, then act.  Errors as
   in syscalls.def.  */
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
