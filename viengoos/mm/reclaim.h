/* The reclaimer: frames as a cache of objects, divided among activities
   by priority and weight.  See doc/reclamation.md.

   Making room.  Every path that takes a frame to be charged to an
   activity first asks the object store's room_check (A, N)
   (obj/room.h), which never calls up here: when room must be made the
   call returns OBJ_NOFRAME to the entry path, which calls reclaim_serve
   (so reclaim_room (A, N)) and runs the call again.  reclaim_room:
   - Frame limits.  N more frames must fit under every non-zero frame
     limit on A's path to the root (activity.h).  Past one, A's own
     coldest page tables go first (as_shrink), then frames are
     reclaimed inside the limiting activity's subtree by the share rule
     below.  If that frees nothing, VG_EFRAMES.
   - The free pool.  Below the low watermark (plus N), a bounded chunk
     of reclaim runs at once, towards the high watermark.  The timer
     tick does the same (reclaim_tick), so the pool is refilled even
     when nobody allocates.

   The share rule (reclaim_victim).  From the top activity down: the
   candidates at activity X are its children, each with its sibling
   share, and X itself as a pseudo-child holding its local frames, with
   its child share.  Of the candidates that have anything reclaimable,
   the lowest priority loses; among equal priorities, the one holding
   the most frames per unit of weight (furthest over its proportional
   share).  A child is descended into; the pseudo-child is the victim.

   Within the victim (reclaim_take), the eviction policy chosen at boot
   (`policy=NAME', default viengoos) orders the data frames; the
   reclaimer drops a discardable one (object_reclaim_discard: the next
   touch faults with VG_EDISCARDED), hands an important one to the
   backing store (obj/swapobj.h: written back, or dropped if clean with
   a copy on disk; without a disk or at the swap quota it stays) and drops the
   activity's coldest leaf page tables before any data frame of priority 0 or
   more (AS_FRAME_PRIORITY).

   Bounds.  Each call does bounded work: at most RECLAIM_CHUNK frames per
   synchronous call, RECLAIM_TICK_BUDGET per tick, a fixed number of
   policy steps per frame, and the victim walk is O(depth x fan-out).
   Nothing ever waits.  Single CPU, interrupts off in the kernel; the
   tick runs only from user mode or the idle loop, when no kernel
   operation is half done.  */
#ifndef VG_RECLAIM_H
#define VG_RECLAIM_H

#include <vg/activity.h>
#include <vg/error.h>

#include "obj/room.h"
#include "types.h"

struct activity;

/* Frames one synchronous call reclaims at most, and one tick.  */
#define RECLAIM_CHUNK 32
#define RECLAIM_TICK_BUDGET 64
/* Frames taken from one victim before the share walk is repeated.  */
#define RECLAIM_VICTIM_CHUNK 8
/* Policy steps per victim asked for.  */
#define RECLAIM_POLICY_STEPS 64
/* Important frames one reclaim_take may skip beyond what it asks for.  */
#define RECLAIM_SKIP_MAX 256
/* Victims one pass may find yielding nothing (at their swap quota) and
   pass over for the next.  */
#define RECLAIM_PASS_OVER 4

/* Boot: report the policy, read reclaim_low=, reclaim_high= (free
   frames; defaults 1/64 and 1/32 of memory, at least 16 and 32) and
   age_ms= (default 100; 0 turns the ager off) and age_batch= (frames
   per ager step, default 512).  Call after pmm_init.  */
void reclaim_init (void);

/* Room for N more frames charged to A: VG_OK, or VG_EFRAMES if a frame
   limit on A's path would be passed and nothing could be taken back
   within it.  The free pool is refilled on the way when it is below the
   low watermark; if it still has no frame, the allocation itself says
   VG_ENOMEM.  */
int reclaim_room (struct activity *a, uint64_t n);

/* The free-pool part alone (folio headers, which no frame limit
   covers).  */
void reclaim_pool (uint64_t n);

/* Make room for the request of the last OBJ_NOFRAME (room_wanted):
   reclaim_room, or reclaim_pool for ROOM_POOL, and record its result as
   the answer (room_answer).  The entry path then runs the call again
   (obj/room.h).  */
void reclaim_serve (void);

/* Run CALL, an int expression that may return OBJ_NOFRAME, as the entry
   path runs a system call: serve each request and run it again, at most
   ROOM_RUNS_MAX times (then VG_ENOMEM).  For kernel callers outside
   an entry (boot, the in-kernel tests).  */
#define RECLAIM_RUN(call)                                                     \
  ({                                                                          \
    int reclaim_run_r_;                                                       \
    room_run ();                                                              \
    while ((reclaim_run_r_ = (call)) == OBJ_NOFRAME)                          \
      {                                                                       \
        if (!room_may_retry ())                                               \
          {                                                                   \
            reclaim_run_r_ = VG_ENOMEM;                                       \
            break;                                                            \
          }                                                                   \
        reclaim_serve ();                                                     \
        room_run ();                                                          \
      }                                                                       \
    room_done ();                                                             \
    reclaim_run_r_;                                                           \
  })

/* Reclaim until WANT_FREE frames are free or BUDGET frames were taken
   or nothing is reclaimable; returns the frames taken.  Counts a
   pass.  */
uint64_t reclaim_pass (uint64_t want_free, uint64_t budget);

/* The share rule from TOP down: the activity to take frames from, or
   NULL if nothing under TOP is reclaimable.  */
struct activity *reclaim_victim (struct activity *top);

/* Take up to N frames from A by its policy (see above); returns how
   many were freed.  */
uint64_t reclaim_take (struct activity *a, uint64_t n);

/* From the timer tick: the notices' work (reclaim_notices), the ager's
   step when its period is due, and reclaim below the low watermark.
   NOW is guest time in ns.  */
void reclaim_tick (uint64_t now);

/* The notices' part of a tick at NOW (mm/notice.h): pressure requests
   past their deadline have their shortfall taken by policy
   (reclaim_take), then availability subscribers are looked at.  */
void reclaim_notices (uint64_t now);

/* The machine-wide figures.  */
void reclaim_stats (struct vg_mm_stats *out);

/* With the `stats' option: print the machine-wide figures and one line
   per activity (the first RECLAIM_STATS_MAX in tree order) on the
   console.  The kernel calls it when it stops the machine normally.  */
#define RECLAIM_STATS_MAX 32
void reclaim_print_stats (void);

/* Tests: set the watermarks (the policy: evict_test_policy).  */
/* Tests of the caches' own fallbacks: ON false stops the free-pool
   reclaim (frame limits still apply).  */
void reclaim_test_pool (bool on);
void reclaim_test_watermarks (uint64_t low, uint64_t high);

#endif
