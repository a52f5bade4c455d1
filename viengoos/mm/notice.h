/* Notices: what the reclaimer tells subscribed activities
   (activity_notices; doc/reclamation.md "Notices").

   Discard notices.  reclaim_take records each discarded object of a
   subscribed activity (notice_record) as runs of consecutive oids, up
   to VG_NOTICE_RANGES and a count of the rest.

   Availability.  Every timer tick (notice_tick) the next
   NOTICE_AVAIL_PER_TICK subscribers to VG_NOTICE_AVAIL, round robin,
   have their availability computed (reclaim_available); one that moved
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
   the activation layer pops them when the kernel next returns to user
   mode (reclaim_notice_pop, notice_events, reclaim_notice_done; or
   notice_requeue when the subscriber's queue lacks room), so this layer
   never calls up into exec/.

   Single CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_NOTICE_H
#define VG_NOTICE_H

#include <vg/activity.h>

#include "types.h"

struct activity;

#define NOTICE_AVAIL_PER_TICK 8
#define NOTICE_ASKED_MAX 16
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

/* The timer tick at guest time NOW: pressure deadlines, then
   availability.  */
void notice_tick (uint64_t now);

/* reclaim_pass picked V while it still wants WANT frames: if V is to be
   asked first, ask it and shield it (true); else false.  */
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
