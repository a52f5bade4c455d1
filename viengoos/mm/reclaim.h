/* Making room for frames: frame limits and the free pool.

   Every path that takes a frame to be charged to an activity first asks
   reclaim_room (A, N).  It makes sure that N more frames fit under every
   non-zero frame limit on A's path to the root (activity.h) by taking
   frames back from A itself: its coldest page tables and reverse-map
   pages first (as_shrink; they are a cache, rebuilt on the next fault).
   If that is not enough, the caller gets VG_EFRAMES and nothing else
   changes.  No other principal's frames are ever taken for a limit.

   Bounded: one call drops at most N/2 + 1 leaf tables and flushes at most
   one cache per attempt, a fixed number of attempts.  See
   doc/reclamation.md.  */
#ifndef VG_RECLAIM_H
#define VG_RECLAIM_H

#include <vg/error.h>

#include "types.h"

struct activity;

/* Room for N more frames charged to A: VG_OK, or VG_EFRAMES if a frame
   limit on A's path would be passed and A had nothing left to give
   back.  (The free pool is not checked: the allocation itself says
   VG_ENOMEM.)  */
int reclaim_room (struct activity *a, uint64_t n);

#endif
