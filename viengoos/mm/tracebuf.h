/* The trace buffer: where kernel memory-event traces are recorded
   (mm/trace.h has the model).  It stores records and sends them
   through the host channel; it knows activities only as an opaque
   owner pointer and their oids, so the object store records its own
   events here (object.c) without depending on the trace's control
   (mm/trace.c), which charges the buffer's frames and answers mm_trace.

   The buffer is a ring of NPAGES frames of TRACE_PAGE_RECORDS records.
   Pages [tail, tail + full) are full and wait to be sent; the next one
   is being filled, unless all are full: an event that finds no room is
   dropped and counted, and the next one recorded is preceded by a
   VG_TRACE_DROPPED record holding the count.

   Single CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_MM_TRACEBUF_H
#define VG_MM_TRACEBUF_H

#include <vg/cap.h>

#include "mm/trace-record.h"
#include "types.h"

struct activity;

/* The host-channel record type of trace data (doc/host-channel.md).  */
#define VG_TRACE_HOST_TYPE 128
/* Full pages sent per timer tick, and per run of FLUSH or STOP.  */
#define TRACE_PUMP_PAGES 8
#define TRACE_PAGE_RECORDS (4096 / sizeof (struct vg_trace_record))

/* True while a trace records: the recording hooks' one load and
   branch when off.  */
extern bool tracebuf_on;

/* Start recording into the NPAGES frames PAGES (at most
   VG_TRACE_FRAMES_MAX, charged by the caller) for OWNER, whose oid is
   OWNER_OID, after sending the header.  */
void tracebuf_start (const struct activity *owner, uint64_t owner_oid,
                     const uint32_t *pages, uint32_t npages);
/* The owner (NULL when not recording).  */
const struct activity *tracebuf_owner (void);

/* Record KIND for object OID of the activity whose oid is ACTIVITY_OID
   (the owner or below it: the caller checks), resident in FRAME.  */
void tracebuf_record (uint64_t activity_oid, uint64_t oid, uint32_t frame,
                      unsigned kind, int8_t priority, bool discardable);
/* The same for a page object's events (trace_slot in mm/trace.h):
   a REFAULT while not RESIDENT (the touch of a page the reclaimer
   took) is only noted, and the FAULT that brings that object back is
   recorded as a REFAULT.  */
void tracebuf_page_event (uint64_t activity_oid, uint64_t oid, uint32_t frame,
                          bool resident, unsigned kind, int8_t priority,
                          bool discardable);

/* Send up to TRACE_PUMP_PAGES full pages (the tick).  */
void tracebuf_pump (void);
/* Full pages waiting beyond one run's worth: send TRACE_PUMP_PAGES of
   them and return true (the caller runs again); else false.  */
bool tracebuf_send_chunk (void);
/* Send everything recorded, the loss count included.  */
void tracebuf_flush (void);
/* The buffer's frames, for the caller to uncharge and free before
   tracebuf_reset, which stops recording and forgets them.  */
uint32_t tracebuf_npages (void);
uint32_t tracebuf_page (uint32_t k);
void tracebuf_reset (void);

/* Figures for tests.  */
struct tracebuf_stats
{
  uint64_t recorded, dropped, pages_sent;
};
void tracebuf_get_stats (struct tracebuf_stats *out);

#endif
