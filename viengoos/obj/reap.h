/* Teardown of activity closures: the record of one between
   activity_reap_prepare and its commit or abort (activity.h), and the
   kernel reap queue that releases committed closures in bounded chunks
   (obj/reap.c).  Its own header so that object.h can embed a record
   without including activity.h.

   Model (doc/architecture.md, "Bounded work and restart").  A commit is
   the visible effect, in one run: the closure's roots are detached from
   the live tree (their totals subtracted from their ancestors, their
   parent link cut, so a doomed activity's counters only ever reach
   other doomed ones), every folio of the closure is marked doomed (a
   cap lookup through a doomed folio fails: cap.c), the closure's
   doomed activities that live in surviving folios lose their slots, and
   every thread in a doomed folio is taken off every queue (it never
   runs again).  What is left, freeing the frames, is cleanup no user
   can observe; the commit appends it to the reap queue as a *batch*.
   Batches are released strictly in order, each in four phases:

     A  each doomed activity: the caches it pays for are unmapped and
        freed (as_payer_release; budgeted per mapping and per table);
     B  each doomed folio, slot by slot from its cursor (reap_slot):
        every object but an activity is destroyed and its frames freed;
        an activity's own frame is only unaccounted;
     C  each doomed activity: the frame holding its struct is freed
        (nothing refers to it any more: its folios' frames went in B,
        its caches in A);
     D  each doomed folio: its header frame is freed.

   The queue's links are in the objects themselves (doom_next of
   activities and folios, a cursor per list and the batch numbers), so
   the queue costs no memory of its own: the kernel state is a fixed
   handful of pointers and counters.

   Who works it.  The thread whose call committed a batch runs the call
   again (SYS_RESTART) until its batch is released, a chunk of
   OBJ_DRAIN_CHUNK units per run, and then gets the call's result
   (sys_reap_resume; the caller pays, as for the drain before the
   commit).  If that thread stops or dies, the timer tick takes over a
   small chunk per tick once a tick has passed with no progress
   (reap_tick), so nothing is left behind.  An entry with no user
   thread (boot, in-kernel and host tests) releases its batch at once.

   Single CPU, interrupts off: no locks.  */
#ifndef VG_OBJ_REAP_H
#define VG_OBJ_REAP_H

#include "types.h"

struct activity;
struct folio;

struct reap
{
  struct activity *head, *tail; /* The closure, through doom_next.  */
  struct folio *folio;          /* A folio freed whole on commit.  */
  bool pending;                 /* Prepared, not committed or aborted.  */
  uint32_t walked;              /* What the walk cost, in drain units
                                   (activity_reap_drain_budget).  */
};

/* A new batch number for a commit about to append.  */
uint32_t reap_batch_new (void);

/* Append the committed closure of batch B: the activities HEAD..TAIL
   (through doom_next, each with reap_batch B) and the folios
   FHEAD..FTAIL (likewise).  Either list may be empty.  */
void reap_enqueue (uint32_t b, struct activity *head, struct activity *tail,
                   struct folio *fhead, struct folio *ftail);

/* Release up to *BUDGET units of queued work (a mapping unmapped is
   one, a frame freed two, a page table freed ten), decreasing *BUDGET;
   true once the queue is empty.  */
bool reap_step (unsigned *budget);

/* Whether batch B has been released completely.  */
bool reap_batch_done (uint32_t b);

/* Whether the queue holds no work.  */
bool reap_idle (void);

/* The batch the current entry committed, or 0; cleared by reading.
   The entry path (uentry.c) makes the calling thread wait for it.  */
uint32_t reap_entry_take (void);
/* Set by activity_reap_commit when a user thread made the call.  */
void reap_entry_set (uint32_t b);

/* From the timer tick: a small chunk if no one worked the queue since
   the last tick (its caller stopped or died).  */
void reap_tick (void);

/* Units per chunk released by the timer tick.  */
#define REAP_TICK_CHUNK 256

#endif
