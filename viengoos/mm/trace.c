/* Kernel memory-event traces (see trace.h).  */
#include <vg/syscall.h>

#include "kern/arch-hooks.h"
#include "kern/hostchan.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"
#include "mm/trace.h"
#include "obj/object.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/frame.h"

_Static_assert(TRACE_PAGE_RECORDS * sizeof (struct vg_trace_record)
                   <= VG_HOST_DATA_MAX,
               "a trace page fits one host-channel record");
_Static_assert(VG_TRACE_HOST_TYPE >= VG_HOST_KERNEL_TYPES,
               "traces are a kernel record type");

bool trace_on;

/* The one trace.  Pages [tail, tail + full) (mod npages) are full and
   wait to be sent; page (tail + full) % npages is being filled, with
   FILL records, unless full == npages.  */
static struct
{
  struct activity *owner;
  uint32_t page[VG_TRACE_FRAMES_MAX];
  uint32_t npages, tail, full, fill;
  uint64_t lost; /* Dropped since the last DROPPED record.  */
  uint64_t recorded, dropped, pages_sent;
} t;

static struct vg_trace_record *
page_records (uint32_t k)
{
  return frame_virt (t.page[k % t.npages]);
}

/* Whether activity A is the owner or below it.  */
static bool
traced (const struct activity *a)
{
  for (; a; a = a->parent)
    if (a == t.owner)
      return true;
  return false;
}

static uint32_t
activity_id (const struct activity *a)
{
  if (!a->folio)
    return ACTIVITY_ROOT_OID;
  return (uint32_t)object_oid (a->folio, a->slot);
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
                               .activity = activity_id (t.owner),
                               .frame = UINT32_MAX,
                               .kind = VG_TRACE_DROPPED };
  uint64_t lost = t.lost;
  if (!put (&d))
    return false;
  t.lost -= lost;
  return true;
}

static void
record (const struct activity *a, uint64_t oid, uint32_t frame, unsigned kind,
        int8_t priority, bool discardable)
{
  if (!a || !traced (a))
    return;
  uint64_t now = arch_instructions ();
  if (!put_dropped (now))
    return;
  struct vg_trace_record r = {
    .time = now,
    .object = oid,
    .activity = activity_id (a),
    .frame = frame,
    .kind = (uint8_t)kind,
    .priority = priority,
    .flags = discardable ? VG_TRACE_DISCARDABLE : 0,
  };
  if (put (&r))
    t.recorded++;
}

void
trace_frame_event (uint32_t i, unsigned kind)
{
  const struct frame *fd = frame_get (i);
  if (fd->kind != FRAME_OBJECT || (fd->flags & FRAME_KERNEL))
    return;
  struct folio *f = frame_virt (fd->folio);
  record (fd->activity, object_oid (f, fd->slot), i, kind, fd->priority,
          fd->discardable);
}

/* Objects whose touch found them discarded by the reclaimer: the
   fault that makes one resident again is recorded as a REFAULT.  A
   small ring (a program refills a page right after the touch); an
   object that falls out is recorded as a plain FAULT.  */
#define TRACE_REFAULTS 8
static uint64_t refaulted[TRACE_REFAULTS];
static unsigned refaulted_next;

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
trace_slot_event (struct folio *f, unsigned s, unsigned kind)
{
  const struct folio_slot *sl = &f->slots[s];
  if (sl->type != VG_TYPE_PAGE || !f->owner || !traced (f->owner))
    return;
  uint64_t oid = object_oid (f, s);
  if (kind == VG_TRACE_REFAULT && sl->frame == FRAME_NONE)
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
  record (f->owner, oid, sl->frame, kind, sl->priority, sl->discardable);
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
trace_pump (void)
{
  if (trace_on && t.full)
    send_full (TRACE_PUMP_PAGES);
}

/* Send everything recorded, the loss count included.  */
static void
flush (void)
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

static void
release (void)
{
  flush ();
  for (uint32_t k = 0; k < t.npages; k++)
    {
      activity_uncharge_frame (t.owner, t.page[k]);
      frame_free (t.page[k]);
    }
  t.owner = NULL;
  t.npages = 0;
  trace_on = false;
}

void
trace_activity_destroyed (struct activity *a)
{
  if (t.owner == a)
    release ();
}

static int
start (struct activity *a, unsigned frames)
{
  if (!hostchan_present ())
    return VG_ENOSYS;
  int err = reclaim_room (a, frames);
  if (err)
    return err;
  uint32_t n = 0;
  for (; n < frames; n++)
    {
      uint32_t i = frame_alloc (FRAME_OBJECT);
      if (i == FRAME_NONE)
        break;
      struct frame *fd = frame_get (i);
      fd->folio = FRAME_NONE;
      fd->slot = 0;
      fd->priority = 0;
      fd->discardable = 0;
      fd->flags |= FRAME_KERNEL;
      activity_charge_frame (a, i);
      t.page[n] = i;
    }
  if (n < frames)
    {
      while (n--)
        {
          activity_uncharge_frame (a, t.page[n]);
          frame_free (t.page[n]);
        }
      frame_count_enomem ();
      return VG_ENOMEM;
    }
  t.owner = a;
  t.npages = frames;
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
  trace_on = true;
  return VG_OK;
}

int
trace_cap (const struct vg_cap *activity, unsigned cmd, unsigned frames)
{
  struct activity *a;
  int err = activity_from_cap (activity, VG_RIGHT_WRITE, &a);
  if (err)
    return err;
  switch (cmd)
    {
    case VG_TRACE_START:
      if (frames == 0 || frames > VG_TRACE_FRAMES_MAX)
        return VG_EINVAL;
      if (t.owner)
        return VG_EBUSY;
      return start (a, frames);
    case VG_TRACE_STOP:
    case VG_TRACE_FLUSH:
      if (frames != 0 || t.owner != a)
        return VG_EINVAL;
      /* Bounded work: full pages go TRACE_PUMP_PAGES per run, then the
         call runs again; the last run sends the rest (at most that
         many plus two pages).  */
      if (t.full > TRACE_PUMP_PAGES)
        {
          send_full (TRACE_PUMP_PAGES);
          return OBJ_AGAIN;
        }
      if (cmd == VG_TRACE_STOP)
        release ();
      else
        flush ();
      return VG_OK;
    default:
      return VG_EINVAL;
    }
}

void
trace_get_stats (struct trace_stats *out)
{
  out->recorded = t.recorded;
  out->dropped = t.dropped;
  out->pages_sent = t.pages_sent;
  out->owner = t.owner;
  out->frames = t.npages;
}
