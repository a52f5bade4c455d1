/* The ager (see ager.h).  */
#include "mm/ager.h"
#include "mm/as_rmap.h"
#include "mm/evict.h"
#include "mm/reclaim.h"
#include "mm/trace.h"
#include "obj/activity.h"
#include "obj/frame.h"

static uint32_t cursor;
static uint64_t aged, periods;

uint64_t
ager_step (uint64_t budget)
{
  const struct policy_ops *p = evict_policy ();
  uint64_t n = 0;
  unsigned mappings = AGER_STEP_MAPPINGS;
  for (uint64_t k = 0; k < budget && frame_count && mappings; k++)
    {
      uint32_t i = cursor;
      if (++cursor >= frame_count)
        {
          cursor = 0;
          periods++;
        }
      struct frame *fd = frame_get (i);
      if (fd->kind != FRAME_OBJECT || !fd->activity
          || activity_frame_kind (i) != ACTIVITY_DATA)
        continue;
      bool young = (fd->flags & FRAME_REFERENCED) != 0;
      fd->flags &= (uint8_t)~FRAME_REFERENCED;
      unsigned most
          = mappings < AGER_FRAME_MAPPINGS ? mappings : AGER_FRAME_MAPPINGS;
      unsigned left = most;
      young |= as_rmap_test_clear_young (i, &left);
      mappings -= most - left;
      if (young)
        p->referenced (&fd->activity->pstate, i);
      if (young)
        trace_frame (i, VG_TRACE_REFERENCED);
      n++;
    }
  aged += n;
  return n;
}

uint64_t
ager_aged (void)
{
  return aged;
}

uint64_t
ager_periods (void)
{
  return periods;
}
