/* Making room for frames under the frame limits (see reclaim.h).  */
#include "mm/reclaim.h"
#include "mm/as.h"
#include "obj/activity.h"

/* Attempts per call: each frees at least one frame or gives up.  */
#define ROOM_TRIES 4

int
reclaim_room (struct activity *a, uint64_t n)
{
  struct activity *limiter = activity_frame_limiter (a, n);
  if (!limiter)
    return VG_OK;
  a->stats.limit_hits++;
  for (unsigned t = 0; t < ROOM_TRIES && limiter; t++)
    {
      uint64_t over
          = limiter->frames_sum_total + n - limiter->policy.frame_limit;
      if (!as_shrink (a, over))
        break;
      limiter = activity_frame_limiter (a, n);
    }
  return limiter ? VG_EFRAMES : VG_OK;
}
