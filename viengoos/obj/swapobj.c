/* The swap store in the object layer (see swapobj.h).  */
#include <arch/io.h>

#include "exec/sched.h"
#include "exec/thread.h"
#include "exec/waitq.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "mm/as.h"
#include "obj/room.h"
#include "mm/swap.h"
#include "obj/swapobj.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include <vg/activity.h>
#include <vg/error.h>

#define SWAPOBJ_QUEUES 16

/* One operation in flight for a slot.  */
struct sio
{
  struct folio *f;
  uint32_t frame; /* Reads: the new frame.  */
  uint8_t s;
  bool busy, dead, write;
};

static struct sio ios[SWAP_INFLIGHT];
static struct waitq pinq[SWAPOBJ_QUEUES]; /* Waiting for a page-in.  */
static struct waitq memq; /* Waiting for a write to free a frame.  */
static unsigned writes_inflight, ios_busy;
/* Live writes in flight: each frees its frame when it completes, unless
   the page is written again meanwhile (swapobj_frames_pending).  */
static unsigned writes_live;
static struct swapobj_stats stats;

const struct swapobj_stats *
swapobj_get_stats (void)
{
  return &stats;
}

static struct waitq *
pin_queue (const struct folio *f, unsigned s)
{
  return &pinq[(f->frame * 131u + s) % SWAPOBJ_QUEUES];
}

static struct sio *
io_get (struct folio *f, unsigned s, bool write)
{
  if (ios_busy == SWAP_INFLIGHT)
    return NULL;
  for (unsigned i = 0; i < SWAP_INFLIGHT; i++)
    if (!ios[i].busy)
      {
        ios_busy++;
        ios[i] = (struct sio){ .f = f,
                               .frame = FRAME_NONE,
                               .s = (uint8_t)s,
                               .busy = true,
                               .write = write };
        return &ios[i];
      }
  return NULL;
}

static struct sio *
io_find (const struct folio *f, unsigned s)
{
  for (unsigned i = 0; i < SWAP_INFLIGHT; i++)
    if (ios[i].busy && !ios[i].dead && ios[i].f == f && ios[i].s == s)
      return &ios[i];
  panic ("swapobj: slot %u has an operation in flight but no record", s);
}

/* Write-back done (disk interrupt).  */
static void
write_done (struct swap_op *op, int status)
{
  struct sio *io = op->arg;
  writes_inflight--;
  if (!io->dead)
    writes_live--;
  if (io->dead)
    {
      if (status == VG_OK)
        swap_block_free (op->loc.block);
    }
  else
    {
      struct folio *f = io->f;
      unsigned s = io->s;
      struct folio_slot *sl = &f->slots[s];
      f->swap_state[s] &= (uint8_t)~FOLIO_SWAP_WRITEBACK;
      if (status != VG_OK)
        {
          stats.write_kept++; /* The store freed the block.  */
          swapobj_uncharge (f->owner);
        }
      else if ((sl->flags & FOLIO_DIRTY) || sl->frame == FRAME_NONE)
        {
          /* Written again (or discarded) meanwhile: this copy is stale.  */
          swap_block_free (op->loc.block);
          swapobj_uncharge (f->owner);
          stats.redirtied++;
        }
      else
        {
          f->swap[s] = op->loc;
          f->swap_state[s] |= FOLIO_SWAP_ON_DISK;
          object_swap_evicted (f, s);
          f->owner->stats.evicted++;
          stats.written++;
        }
    }
  io->busy = false;
  ios_busy--;
  waitq_wake_all (&memq);
}

bool
swapobj_over_quota (const struct activity *a, uint64_t n)
{
  for (const struct activity *x = a; x; x = x->parent)
    if (x->policy.swap_quota && x->swap_total + n > x->policy.swap_quota)
      return true;
  return false;
}

void
swapobj_charge (struct activity *a)
{
  a->swap_local++;
  for (struct activity *x = a; x; x = x->parent)
    x->swap_total++;
}

void
swapobj_uncharge (struct activity *a)
{
  assert (a->swap_local > 0);
  a->swap_local--;
  for (struct activity *x = a; x; x = x->parent)
    {
      assert (x->swap_total > 0);
      x->swap_total--;
    }
}

uint64_t
swapobj_frames_pending (void)
{
  return writes_live;
}

bool
swapobj_evicts_important (void)
{
  return swap_present ();
}

uint64_t
swapobj_backing_blocks (void)
{
  return swap_blocks ();
}

enum swapobj_evict_result
swapobj_evict (struct folio *f, unsigned s)
{
  struct folio_slot *sl = &f->slots[s];
  uint8_t *st = &f->swap_state[s];
  if (sl->type != VG_TYPE_PAGE || sl->frame == FRAME_NONE
      || (*st & FOLIO_SWAP_WRITEBACK))
    return SWAPOBJ_STAY;
  if ((*st & FOLIO_SWAP_ON_DISK) && !(sl->flags & FOLIO_DIRTY))
    {
      object_swap_evicted (f, s);
      stats.dropped_clean++;
      return SWAPOBJ_FREED;
    }
  if (!swap_present ())
    return SWAPOBJ_STAY;
  struct sio *io = io_get (f, s, true);
  if (!io)
    {
      stats.busy++;
      return SWAPOBJ_BUSY;
    }
  /* Unmap first, so that a write during write-back faults and sets
     DIRTY (no lost update); the CRC is taken at submission.  */
  as_object_destroyed (sl->frame);
  uint8_t dirty = sl->flags & FOLIO_DIRTY;
  sl->flags &= (uint8_t)~FOLIO_DIRTY;
  /* Charged before the write is queued (its completion may uncharge),
     and taken back if the store refuses it.  */
  bool over = swapobj_over_quota (f->owner, 1);
  swapobj_charge (f->owner);
  int err = swap_write (over, frame_paddr (sl->frame), write_done, io);
  if (err)
    {
      swapobj_uncharge (f->owner);
      sl->flags |= dirty;
      io->busy = false;
      ios_busy--;
      if (err == VG_EBUSY)
        {
          stats.busy++;
          return SWAPOBJ_BUSY;
        }
      /* The owner (this activity) at its swap quota, or the disk full:
         none of its important pages can go now either.  */
      stats.refused++;
      return SWAPOBJ_BUSY;
    }
  if (*st & FOLIO_SWAP_ON_DISK)
    {
      /* The old copy is stale.  */
      swap_block_free (f->swap[s].block);
      swapobj_uncharge (f->owner);
      f->swap[s].block = SWAP_NONE;
      *st &= (uint8_t)~FOLIO_SWAP_ON_DISK;
    }
  *st |= FOLIO_SWAP_WRITEBACK;
  writes_inflight++;
  writes_live++;
  return SWAPOBJ_QUEUED;
}

bool
swapobj_pending (const struct folio *f, unsigned s)
{
  return f->swap_state[s]
         & (FOLIO_SWAP_ON_DISK | FOLIO_SWAP_PAGEIN | FOLIO_SWAP_ECHECKSUM
            | FOLIO_SWAP_EIO);
}

/* Read-back done (disk interrupt).  */
static void
read_done (struct swap_op *op, int status)
{
  struct sio *io = op->arg;
  (void)op;
  if (io->dead)
    frame_free (io->frame);
  else
    {
      struct folio *f = io->f;
      unsigned s = io->s;
      f->swap_state[s] &= (uint8_t)~FOLIO_SWAP_PAGEIN;
      if (status == VG_OK)
        object_swap_attach (f, s, io->frame);
      else
        {
          frame_free (io->frame);
          f->swap_state[s] |= status == VG_ECHECKSUM ? FOLIO_SWAP_ECHECKSUM
                                                     : FOLIO_SWAP_EIO;
          stats.page_in_errors++;
        }
      waitq_wake_all (pin_queue (f, s));
    }
  io->busy = false;
  ios_busy--;
  waitq_wake_all (&memq);
}

/* Wait on Q: the current thread through the restart machinery, or the
   boot context by halting for one interrupt.  */
static int
wait_on (struct waitq *q)
{
  stats.waits++;
  struct thread *t = sched_current ();
  if (t)
    {
      waitq_add (q, t);
      t->restart_deadline = UINT64_MAX;
      return SWAPOBJ_WAIT;
    }
  uint64_t fl = arch_irq_save ();
  arch_irq_wait ();
  arch_irq_restore (fl);
  return VG_OK;
}

void
swapobj_wait_cancel (void)
{
  struct thread *t = sched_current ();
  if (t)
    waitq_remove (t);
}

int
swapobj_wait_memory (void)
{
  if (!writes_inflight && !swap_inflight ())
    return VG_ENOMEM;
  return wait_on (&memq);
}

int
swapobj_page_in (struct folio *f, unsigned s)
{
  uint8_t *st = &f->swap_state[s];
  if (*st & (FOLIO_SWAP_ECHECKSUM | FOLIO_SWAP_EIO))
    {
      int e = (*st & FOLIO_SWAP_ECHECKSUM) ? VG_ECHECKSUM : VG_EIO;
      *st &= (uint8_t) ~(FOLIO_SWAP_ECHECKSUM | FOLIO_SWAP_EIO);
      return e;
    }
  if (!(*st & FOLIO_SWAP_PAGEIN))
    {
      assert (*st & FOLIO_SWAP_ON_DISK);
      int err = room_check (f->owner, 1);
      if (err)
        return err;
      uint32_t frame = frame_alloc (FRAME_OBJECT);
      if (frame == FRAME_NONE)
        return VG_ENOMEM; /* The caller waits for a write.  */
      struct sio *io = io_get (f, s, false);
      err = io ? swap_read (&f->swap[s], frame_paddr (frame), read_done, io)
               : VG_EBUSY;
      if (err)
        {
          if (io)
            {
              io->busy = false;
              ios_busy--;
            }
          frame_free (frame);
          if (err != VG_EBUSY)
            return err;
          return wait_on (&memq);
        }
      io->frame = frame;
      *st |= FOLIO_SWAP_PAGEIN;
      stats.page_ins++;
    }
  return wait_on (pin_queue (f, s));
}

void
swapobj_slot_clear (struct folio *f, unsigned s, bool owner_live)
{
  uint8_t *st = &f->swap_state[s];
  if (*st & FOLIO_SWAP_ON_DISK)
    {
      swap_block_free (f->swap[s].block);
      if (owner_live)
        swapobj_uncharge (f->owner);
    }
  if (*st & (FOLIO_SWAP_WRITEBACK | FOLIO_SWAP_PAGEIN))
    {
      struct sio *io = io_find (f, s);
      io->dead = true;
      if (io->write)
        {
          writes_live--;
          /* The block stays allocated until the write completes; its
             charge goes now (a dead owner's went with its subtree).  */
          if (owner_live)
            swapobj_uncharge (f->owner);
        }
    }
  *st = 0;
  f->swap[s].block = SWAP_NONE;
}

void
swapobj_mm_stats (struct vg_swap_stats *out)
{
  const struct swap_stats *s = swap_get_stats ();
  *out = (struct vg_swap_stats){ .blocks = swap_blocks (),
                                 .blocks_free = swap_blocks_free (),
                                 .writes = s->writes,
                                 .reads = s->reads,
                                 .write_errors = s->write_errors,
                                 .read_errors = s->read_errors,
                                 .checksum_errors = s->checksum_errors,
                                 .page_ins = stats.page_ins };
}

void
swapobj_print_stats (void)
{
  if (!swap_present ())
    return;
  const struct swap_stats *s = swap_get_stats ();
  kprintf ("stats: swap blocks %lu free %lu; pages written %lu read %lu; "
           "errors: write %lu read %lu checksum %lu; refused: quota %lu "
           "full %lu busy %lu\n",
           (unsigned long)swap_blocks (), (unsigned long)swap_blocks_free (),
           (unsigned long)s->writes, (unsigned long)s->reads,
           (unsigned long)s->write_errors, (unsigned long)s->read_errors,
           (unsigned long)s->checksum_errors, (unsigned long)s->quota_refusals,
           (unsigned long)s->full_refusals, (unsigned long)s->busy_refusals);
  kprintf ("stats: swap evictions: written %lu dropped clean %lu rewritten "
           "%lu kept %lu refused %lu busy %lu; page-ins %lu failed %lu; "
           "waits %lu\n",
           (unsigned long)stats.written, (unsigned long)stats.dropped_clean,
           (unsigned long)stats.redirtied, (unsigned long)stats.write_kept,
           (unsigned long)stats.refused, (unsigned long)stats.busy,
           (unsigned long)stats.page_ins, (unsigned long)stats.page_in_errors,
           (unsigned long)stats.waits);
}
