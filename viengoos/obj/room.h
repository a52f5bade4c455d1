/* Room for frames: the object store's half of making room, so that the
   object store never calls the reclaimer (doc/architecture.md, "No
   frame: reclaim and run again").

   Every path that takes frames to charge to an activity first asks
   room_check (A, N); a folio header, which no frame limit covers, asks
   room_check_pool (N).  Room must be made when N more frames would
   pass a non-zero frame limit on A's path to the root
   (activity_frame_limiter), or when the free pool is short: fewer than
   the low watermark plus N free frames, counting frames whose swap
   write is in flight (room_set_pool sets the watermark; the reclaimer
   owns it).  Then the check records the request (room_wanted) and
   returns OBJ_NOFRAME, having changed nothing, and so does every
   caller up to the entry path: OBJ_NOFRAME comes before any visible
   change, like OBJ_AGAIN.

   The entry path (uentry.c; RECLAIM_RUN in mm/reclaim.h for kernel
   callers) then has the reclaimer make room for the request
   (reclaim_serve: reclaim_room or reclaim_pool), which records its
   result as the request's answer (room_answer), and runs the call again
   at once, in the same entry (no preemption point, no return to user
   mode).  On the new run, the check that asked finds its answer and
   returns it, unchanged, without looking again: VG_OK (go on and take
   the frames, as after a successful reclaim_room) or VG_EFRAMES (no
   room could be made under a frame limit).  So a call sees exactly the
   results it saw when the object store called reclaim_room itself.

   Each answer serves one check per run (room_run starts a run); the
   answers last until the entry ends (room_done).  A run that fails at
   a later check therefore replays the earlier checks with their
   answers, and the reclaimer runs once per check, as before.  Reclaim
   only frees frames, so every new run gets past the check the last one
   stopped at, and a call runs once more than it has checks.  A call
   that checks again and again in one run (the in-kernel page claim
   waiting for swap writes to free frames, obj/object.h) could hold
   more answers than ROOM_ANSWERS_MAX: the entry then starts over with
   none, and runs the call from its first check again.  An entry gives
   up after ROOM_RUNS_MAX runs (a kernel bug; the call fails with
   VG_ENOMEM).

   Single CPU, interrupts off: one entry at a time, no locks.  */
#ifndef VG_OBJ_ROOM_H
#define VG_OBJ_ROOM_H

#include "types.h"

struct activity;

/* The internal result (obj/object.h has OBJ_AGAIN = -1; sys/restart.h
   SYS_RESTART_WAIT = -2).  Never reaches user space.  */
#define OBJ_NOFRAME (-3)

/* Answers one entry holds at most, and runs it may take.  */
#define ROOM_ANSWERS_MAX 8
#define ROOM_RUNS_MAX 4096

enum room_kind
{
  ROOM_LIMIT, /* Frame limits and the free pool: reclaim_room.  */
  ROOM_POOL,  /* The free pool only: reclaim_pool.  */
};

struct room_request
{
  enum room_kind kind;
  struct activity *a; /* NULL for ROOM_POOL.  */
  uint64_t n;
};

/* VG_OK, an answer (see above), or OBJ_NOFRAME.  */
int room_check (struct activity *a, uint64_t n);
int room_check_pool (uint64_t n);

/* The free pool's low watermark, and whether the pool is kept above it
   at all (the reclaimer's: reclaim_init and its tests).  */
void room_set_pool (uint64_t low, bool on);
/* Whether the free pool is short for N more frames (see above).  */
bool room_pool_short (uint64_t n);

/* The entry path's side.  The request of the last OBJ_NOFRAME; record
   the answer to it; start a run; end the entry.  */
const struct room_request *room_wanted (void);
void room_answer (int result);
void room_run (void);
void room_done (void);
/* For a nested entry (a kernel copy's fault inside a system call): the
   answers held now, and drop those added since.  */
unsigned room_mark (void);
void room_trim (unsigned mark);
/* Whether another run may be started (fewer than ROOM_RUNS_MAX so
   far).  */
bool room_may_retry (void);

#endif
