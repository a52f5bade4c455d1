/* Kernel memory-event traces: the control (see trace.h; the buffer is
   tracebuf.c).  */
#include <vg/syscall.h>

#include "kern/hostchan.h"
#include "mm/trace.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "obj/room.h"

void
trace_frame_event (uint32_t i, unsigned kind)
{
  const struct frame *fd = frame_get (i);
  if (fd->kind != FRAME_OBJECT || (fd->flags & FRAME_KERNEL))
    return;
  if (!fd->activity || !activity_below (fd->activity, tracebuf_owner ()))
    return;
  struct folio *f = frame_virt (fd->folio);
  tracebuf_record (activity_oid (fd->activity), object_oid (f, fd->slot), i,
                   kind, fd->priority, fd->discardable);
}

static int
start (struct activity *a, unsigned frames)
{
  if (!hostchan_present ())
    return VG_ENOSYS;
  int err = room_check (a, frames);
  if (err)
    return err;
  uint32_t page[VG_TRACE_FRAMES_MAX];
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
      page[n] = i;
    }
  if (n < frames)
    {
      while (n--)
        {
          activity_uncharge_frame (a, page[n]);
          frame_free (page[n]);
        }
      frame_count_enomem ();
      return VG_ENOMEM;
    }
  tracebuf_start (a, activity_oid (a), page, frames);
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
      if (tracebuf_owner ())
        return VG_EBUSY;
      return start (a, frames);
    case VG_TRACE_STOP:
    case VG_TRACE_FLUSH:
      if (frames != 0 || tracebuf_owner () != a)
        return VG_EINVAL;
      /* Bounded work: full pages go TRACE_PUMP_PAGES per run, then the
         call runs again; the last run sends the rest (at most that
         many plus two pages).  */
      if (tracebuf_send_chunk ())
        return OBJ_AGAIN;
      if (cmd == VG_TRACE_STOP)
        object_trace_stop (a);
      else
        tracebuf_flush ();
      return VG_OK;
    default:
      return VG_EINVAL;
    }
}

void
trace_get_stats (struct trace_stats *out)
{
  struct tracebuf_stats b;
  tracebuf_get_stats (&b);
  out->recorded = b.recorded;
  out->dropped = b.dropped;
  out->pages_sent = b.pages_sent;
  out->owner = tracebuf_owner ();
  out->frames = tracebuf_npages ();
}
