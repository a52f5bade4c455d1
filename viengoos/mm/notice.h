/* Notices: what the reclaimer tells subscribed activities
   (activity_notices; doc/reclamation.md "Notices").

   Discard notices.  reclaim_take records each discarded object of a
   subscribed activity (notice_record) as runs of consecutive oids, up
   to VG_NOTICE_RANGES and a count of the rest.

   Availability.  Every timer tick (notice_tick) the next
   NOTICE_AVAIL_PER_TICK subscribers to VG_NOTICE_AVAIL, round robin,
   have their availability computed (notice_available); one that moved
   by more than the subscriber's threshold since the last one posted is
   posted again.

   Ask before taking.  When reclaim_pass picks a victim that subscribes
   to VG_NOTICE_PRESSURE, it asks first (notice_ask): "free N frames by
   D", N at most VG_NOTICE_PRESSURE_MAX, D = now + pressure_ms (at most
   VG_NOTICE_DEADLINE_MAX_NS).  The activity is then shielded:
   reclaim_victim passes over its frames (notice_evictable) until it
   complies (its local frames fall to what it held less N: checked every
   tick) or D passes.  At D the kernel takes the shortfall by policy
   (reclaim_take), counts the miss and does not ask the activity again
   for pressure_ms << (misses in a row, at most 6).  At most
   NOTICE_ASKED_MAX requests are outstanding; beyond, the reclaimer takes
   without asking.  Nothing ever waits on a handler: asking costs the
   reclaimer one victim walk, and a shielded activity only moves the
   reclaimer on to the next victim.

   Posting.  Activities with something to post wait on a pending list;
   the entry path (uentry.c) calls notice_post when the kernel next
   returns to user mode, before the activation boundary: each pending
   activity's events go to its subscriber's activation queue
   (activation_post), or back on the list when the queue lacks room.
   This layer calls down into exec/ and obj/, and nothing there calls
   it: the lists it keeps (pending, subscribers, outstanding requests)
   are the object store's (obj/noticelist.h), which takes a dying
   activity off them.

   Single CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_NOTICE_H
#define VG_NOTICE_H

#include <vg/activity.h>
#include <vg/cap.h>

#include "obj/noticelist.h"
#include "types.h"

struct activity;

#define NOTICE_AVAIL_PER_TICK 8
/* Events one activity may have to post at once.  */
#define NOTICE_EVENTS_MAX (VG_NOTICE_RANGES + 2)

/* What to post (activity.notice_post).  */
#define NOTICE_POST_AVAIL 0x1
#define NOTICE_POST_PRESSURE 0x2

struct notice_event
{
  uint32_t type; /* VG_ACT_EV_*.  */
  uint64_t arg[3];
};

/* Boot: read pressure_ms= (default 20, 1..100).  */
void notice_init (void);

/* The reclaimer discarded object OID of A.  */
void notice_record (struct activity *a, uint64_t oid);

/* The timer tick at guest time NOW (reclaim_notices), in two parts.
   Pressure: requests complied with are lifted; those past their
   deadline are lifted, counted as missed, and returned in OUT (at most
   NOTICE_ASKED_MAX) with the shortfall the caller takes by policy.
   Then availability.  */
struct notice_take
{
  struct activity *a;
  uint64_t n;
};
unsigned notice_pressure_tick (uint64_t now, struct notice_take *out);
void notice_avail_tick (void);

/* A's availability: how many frames it could hold at its priority and
   weight given the current demand.  From the root (all of pmm's frames)
   down the path to A: at each level, the candidate on the path gets what
   is left after every candidate of strictly higher priority keeps what
   it holds, shared in proportion to weight with the candidates of equal
   priority that hold frames (the parent's own frames count as a
   pseudo-child with its child share); candidates of lower priority
   count for nothing (their frames would be reclaimed first); a frame
   limit on the path caps it.  O(depth^2 + depth x fan-out).  */
uint64_t notice_available (const struct activity *a);

/* activity_stats_cap plus the availability (the `available' field,
   which the object store does not compute).  */
int notice_activity_stats (const struct vg_cap *cap,
                           struct vg_activity_stats *out);

/* Subscriptions (activity_notices): decode and apply one.  */
int notice_cap (const struct vg_cap *activity, const struct vg_cap *thread,
                unsigned events, uint64_t threshold);

/* Post what the pending activities have to post (see Posting): one
   load and a branch when none has anything.  */
void notice_post_pending (void);
static inline void
notice_post (void)
{
  if (__builtin_expect (noticelist_pending != NULL, 0))
    notice_post_pending ();
}

/* Pending activities: pop returns one with events to post (still in
   it), done clears them.  */
struct activity *notice_pop (void);
void notice_done (struct activity *a);

/* reclaim_pass picked V while it still wants WANT frames (at least
   RECLAIM_VICTIM_CHUNK): if V is to be asked first, ask it for WANT (at
   most VG_NOTICE_PRESSURE_MAX and what V could give) and shield it
   (true); else false.  */
bool notice_ask (struct activity *v, uint64_t want);

/* Frames of C (its subtree if SUBTREE, else its own) the reclaimer may
   take now: evictable ones not shielded by an outstanding request.  */
uint64_t notice_evictable (const struct activity *c, bool subtree);

/* The events A has to post (at most NOTICE_EVENTS_MAX) into OUT; the
   count.  */
unsigned notice_events (const struct activity *a, struct notice_event *out);
/* A popped activity whose subscriber could not take its events now:
   back on the pending list for the next return to user mode.  */
void notice_requeue (struct activity *a);

/* Tests: the pressure deadline in ns, and the outstanding requests.  */
uint64_t notice_pressure_ns (void);
unsigned notice_asked_count (void);

#endif
