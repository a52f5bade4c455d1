/* The ager: samples the referenced bits of data frames.

   Every age_ms (reclaim.h's tick), ager_step looks at the next BUDGET
   frame descriptors after a cursor that survives between steps, so its
   cost per step is fixed and it resumes where it stopped.  For each
   resident data frame it reads and clears the referenced bit the fault
   path sets (FRAME_REFERENCED) and the hardware accessed bit of every
   mapping of the frame (through the reverse map); if either was set it
   tells the activity's eviction policy (ops->referenced), which keeps
   its own active/inactive order.  A period is one full sweep of the
   frame table.  A step also looks at no more than AGER_STEP_MAPPINGS
   mappings in all and AGER_FRAME_MAPPINGS of one frame: a frame mapped
   more often than that counts as referenced (bounded work: one page
   aliased 65,536 times cost a tick 5 M instructions).  Dirty state needs no
   sampling: a mapping is writable only after a write fault, which marks the
   page dirty.  */
#ifndef VG_AGER_H
#define VG_AGER_H

#include "types.h"

#define AGER_STEP_MAPPINGS 4096
#define AGER_FRAME_MAPPINGS 64

/* Age the next BUDGET frame descriptors (fewer if the mappings run
   out); returns how many were resident data frames (aged).  */
uint64_t ager_step (uint64_t budget);

/* Frames aged and full sweeps completed since boot.  */
uint64_t ager_aged (void);
uint64_t ager_periods (void);

#endif
