/* The trace buffer (see tracebuf.h).  */
#include <vg/syscall.h>

#include "kern/arch-hooks.h"
#include "kern/hostchan.h"
#include "mm/pmm.h"
#include "mm/tracebuf.h"
#include "obj/frame.h"

_Static_assert(TRACE_PAGE_RECORDS * sizeof (struct vg_trace_record)
                   <= VG_HOST_DATA_MAX,
               "a trace page fits one host-channel record");
_Static_assert(VG_TRACE_HOST_TYPE >= VG_HOST_KERNEL_TYPES,
               "traces are a kernel record type");

bool tracebuf_on;

static struct
{
  const struct activity *owner;
  uint64_t owner_oid;
  uint32_t page[VG_TRACE_FRAMES_MAX];
  uint32_t npages, tail, full, fill;
  uint64_t lost; /* Dropped since the last DROPPED record.  */
  uint64_t recorded, dropped, pages_sent;
} t;

/* Objects whose touch found them discarded by the reclaimer: the
   fault that makes one resident again is recorded as a REFAULT.  A
   small ring (a program refills a page right after the touch); an
   object that falls out is recorded as a plain FAULT.  */
#define TRACE_REFAULTS 8
static uint64_t refaulted[TRACE_REFAULTS];
static unsigned refaulted_next;

static struct vg_trace_record *
page_records (uint32_t k)
{
  return frame_virt (t.page[k % t.npages]);
}

/* Append R if a page has room; count it lost otherwise.  */
static bool
put (const struct vg_trace_record *r)
{
  if (t.full == t.npages)
    {
      t.lost++;
      t.dropped++;
      return false;
    }
  page_records (t.tail + t.full)[t.fill++] = *r;
  if (t.fill == TRACE_PAGE_RECORDS)
    {
      t.full++;
      t.fill = 0;
    }
  return true;
}

/* Write the DROPPED record for the events lost since the last one, if
   any; false if that found no room either.  */
static bool
put_dropped (uint64_t now)
{
  if (!t.lost)
    return true;
  struct vg_trace_record d = { .time = now,
                               .object = t.lost,
                               .activity = (uint32_t)t.owner_oid,
                               .frame = UINT32_MAX,
                               .kind = VG_TRACE_DROPPED };
  uint64_t lost = t.lost;
  if (!put (&d))
    return false;
  t.lost -= lost;
  return true;
}

void
tracebuf_record (uint64_t activity_oid, uint64_t oid, uint32_t frame,
                 unsigned kind, int8_t priority, bool discardable)
{
  uint64_t now = arch_instructions ();
  if (!put_dropped (now))
    return;
  struct vg_trace_record r = {
    .time = now,
    .object = oid,
    .activity = (uint32_t)activity_oid,
    .frame = frame,
    .kind = (uint8_t)kind,
    .priority = priority,
    .flags = discardable ? VG_TRACE_DISCARDABLE : 0,
  };
  if (put (&r))
    t.recorded++;
}

static bool
take_refaulted (uint64_t oid)
{
  for (unsigned k = 0; k < TRACE_REFAULTS; k++)
    if (refaulted[k] == oid)
      {
        refaulted[k] = 0;
        return true;
      }
  return false;
}

void
tracebuf_page_event (uint64_t activity_oid, uint64_t oid, uint32_t frame,
                     bool resident, unsigned kind, int8_t priority,
                     bool discardable)
{
  if (kind == VG_TRACE_REFAULT && !resident)
    {
      /* The touch of a discarded page: noted, recorded when the page
         is back.  */
      for (unsigned k = 0; k < TRACE_REFAULTS; k++)
        if (refaulted[k] == oid)
          return;
      refaulted[refaulted_next++ % TRACE_REFAULTS] = oid;
      return;
    }
  if (kind == VG_TRACE_FAULT && take_refaulted (oid))
    kind = VG_TRACE_REFAULT;
  tracebuf_record (activity_oid, oid, frame, kind, priority, discardable);
}

static void
send (const void *data, size_t len)
{
  hostchan_send (VG_TRACE_HOST_TYPE, "", 0, data, len);
  t.pages_sent++;
}

/* Send up to MAX full pages.  */
static void
send_full (uint32_t max)
{
  for (uint32_t k = 0; k < max && t.full; k++)
    {
      send (page_records (t.tail),
            TRACE_PAGE_RECORDS * sizeof (struct vg_trace_record));
      t.tail = (t.tail + 1) % t.npages;
      t.full--;
    }
}

void
tracebuf_pump (void)
{
  if (tracebuf_on && t.full)
    send_full (TRACE_PUMP_PAGES);
}

bool
tracebuf_send_chunk (void)
{
  if (t.full <= TRACE_PUMP_PAGES)
    return false;
  send_full (TRACE_PUMP_PAGES);
  return true;
}

void
tracebuf_flush (void)
{
  send_full (t.npages);
  put_dropped (arch_instructions ());
  send_full (t.npages);
  if (t.fill)
    {
      send (page_records (t.tail), t.fill * sizeof (struct vg_trace_record));
      t.fill = 0;
    }
}

void
tracebuf_start (const struct activity *owner, uint64_t owner_oid,
                const uint32_t *pages, uint32_t npages)
{
  t.owner = owner;
  t.owner_oid = owner_oid;
  for (uint32_t k = 0; k < npages; k++)
    t.page[k] = pages[k];
  t.npages = npages;
  t.tail = t.full = t.fill = 0;
  t.lost = 0;
  for (unsigned k = 0; k < TRACE_REFAULTS; k++)
    refaulted[k] = 0;
  struct vg_trace_header h = {
    .magic = VG_TRACE_MAGIC,
    .version = VG_TRACE_VERSION,
    .record_size = sizeof (struct vg_trace_record),
    .frames = pmm_total_frames (),
  };
  hostchan_send (VG_TRACE_HOST_TYPE, "", 0, &h, sizeof h);
  tracebuf_on = true;
}

const struct activity *
tracebuf_owner (void)
{
  return t.owner;
}

uint32_t
tracebuf_npages (void)
{
  return t.npages;
}

uint32_t
tracebuf_page (uint32_t k)
{
  return t.page[k];
}

void
tracebuf_reset (void)
{
  t.owner = NULL;
  t.npages = 0;
  tracebuf_on = false;
}

void
tracebuf_get_stats (struct tracebuf_stats *out)
{
  out->recorded = t.recorded;
  out->dropped = t.dropped;
  out->pages_sent = t.pages_sent;
}
