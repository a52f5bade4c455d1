/* The eviction policy the kernel runs (mm/policy.h): one for the whole
   boot, chosen by `policy=NAME' (default viengoos).  Every activity's
   data frames are ordered by it: the frame-charging code (obj/activity.c)
   adds and removes frames, the ager reports references and the
   reclaimer asks for victims.  This module only chooses; it knows
   nothing of activities, so the object store can use it without
   depending on the reclaimer.  */
#ifndef VG_MM_EVICT_H
#define VG_MM_EVICT_H

#include "mm/policy.h"
#include "types.h"

/* The policy used for every activity's data frames: `policy=NAME' from
   the command line if known, else viengoos (or, while no policy of
   that name is built in, the first registered one).  Fixed at first
   use, which is the root activity's creation.  */
const struct policy_ops *evict_policy (void);

/* The default's name (reported by reclaim_init when it is missing).  */
#define EVICT_DEFAULT_POLICY "viengoos"

/* Tests: choose the policy by NAME before the first use (false if
   unknown).  */
bool evict_test_policy (const char *name);

#endif
