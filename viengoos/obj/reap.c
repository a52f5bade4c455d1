/* The kernel reap queue: committed closures released in bounded
   chunks, batch by batch (see reap.h).  */
#include "obj/reap.h"
#include "obj/activity.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "mm/as.h"

/* The activities of every queued batch, oldest first (doom_next);
   ACT_CURSOR is the first whose phase A is not done.  */
static struct activity *act_head, *act_tail, *act_cursor;
/* The folios likewise; FOL_CURSOR is the first whose phase B is not
   done.  */
static struct folio *fol_head, *fol_tail, *fol_cursor;
/* Batches BATCH_CUR.. BATCH_NEXT - 1 are queued, BATCH_CUR first.  */
static uint32_t batch_cur = 1, batch_next = 1;
/* The batch the current entry committed (reap_entry_take).  */
static uint32_t entry_batch;
/* Chunks worked, and the count the last tick saw.  */
static uint64_t progress, progress_seen;

uint32_t
reap_batch_new (void)
{
  return batch_next++;
}

void
reap_enqueue (uint32_t b, struct activity *head, struct activity *tail,
              struct folio *fhead, struct folio *ftail)
{
  assert (b == batch_next - 1);
  if (head)
    {
      tail->doom_next = NULL;
      if (act_tail)
        act_tail->doom_next = head;
      else
        act_head = head;
      act_tail = tail;
      if (!act_cursor)
        act_cursor = head;
    }
  if (fhead)
    {
      ftail->doom_next = NULL;
      if (fol_tail)
        fol_tail->doom_next = fhead;
      else
        fol_head = fhead;
      fol_tail = ftail;
      if (!fol_cursor)
        fol_cursor = fhead;
    }
}

bool
reap_idle (void)
{
  return batch_cur == batch_next;
}

bool
reap_batch_done (uint32_t b)
{
  return b < batch_cur;
}

static void
spend (unsigned *budget, unsigned n)
{
  *budget = *budget > n ? *budget - n : 0;
}

bool
reap_step (unsigned *budget)
{
  if (!reap_idle ())
    progress++;
  while (*budget && !reap_idle ())
    {
      uint32_t b = batch_cur;
      if (act_cursor && act_cursor->reap_batch == b)
        {
          /* A: the caches the activity pays for.  */
          if (!as_payer_release (act_cursor, budget))
            return false;
          act_cursor = act_cursor->doom_next;
          spend (budget, 1);
        }
      else if (fol_cursor && fol_cursor->reap_batch == b)
        {
          /* B: the folio's objects.  */
          if (!folio_release_slots (fol_cursor, budget))
            return false;
          fol_cursor = fol_cursor->doom_next;
        }
      else if (act_head && act_head->reap_batch == b)
        {
          /* C: the activity's own frame.  */
          struct activity *x = act_head;
          act_head = x->doom_next;
          if (!act_head)
            act_tail = NULL;
          activity_reap_free (x);
          spend (budget, 2);
        }
      else if (fol_head && fol_head->reap_batch == b)
        {
          /* D: the folio's header.  */
          struct folio *f = fol_head;
          fol_head = f->doom_next;
          if (!fol_head)
            fol_tail = NULL;
          folio_release_header (f);
          spend (budget, 2);
        }
      else
        batch_cur++;
    }
  return reap_idle ();
}

uint32_t
reap_entry_take (void)
{
  uint32_t b = entry_batch;
  entry_batch = 0;
  return b;
}

void
reap_entry_set (uint32_t b)
{
  entry_batch = b;
}

void
reap_tick (void)
{
  if (!reap_idle () && progress == progress_seen)
    {
      unsigned budget = REAP_TICK_CHUNK;
      reap_step (&budget);
    }
  progress_seen = progress;
}
