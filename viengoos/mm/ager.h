/* The ager: samples the referenced bits of data frames.

   Every age_ms (reclaim.h's tick), ager_step looks at the next BUDGET
   frame descriptors after a cursor that survives between steps, so its
   cost per step is fixed and it resumes where it stopped.  For each
   resident data frame it reads and clears the referenced bit the fault
   path sets (FRAME_REFERENCED) and the hardware accessed bit of every
   mapping of the frame (through the reverse map); if either was set it
   tells the activity's eviction policy (ops->referenced), which keeps
   its own active/inactive order.  A period is one full sweep of the
   frame table.  Dirty state needs no sampling: a mapping is writable
   only after a write fault, which marks the page dirty.  */
#ifndef VG_AGER_H
#define VG_AGER_H

#include "types.h"

/* Age the next BUDGET frame descriptors; returns how many were resident
   data frames (aged).  */
uint64_t ager_step (uint64_t budget);

/* Frames aged and full sweeps completed since boot.  */
uint64_t ager_aged (void);
uint64_t ager_periods (void);

#endif
