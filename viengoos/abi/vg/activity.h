/* Activity policy and statistics, as user space sees them.  */
#ifndef VG_ACTIVITY_H
#define VG_ACTIVITY_H

#include <stdint.h>

#include <vg/object.h>

/* A share: a priority (VG_PRIORITY_MIN..VG_PRIORITY_MAX) and a weight
   (at least 1).  */
struct vg_activity_share
{
  int32_t priority;
  uint32_t weight;
};

/* SIBLING is how the parent weighs this activity against its siblings;
   CHILD is how this activity weighs its own frames against its
   children.  FOLIO_QUOTA counts folios held by the activity and all its
   descendants; 0 means no limit of its own (ancestors' quotas still
   apply).  */
struct vg_activity_policy
{
  struct vg_activity_share sibling;
  struct vg_activity_share child;
  uint64_t folio_quota;
};

/* The deepest an activity may sit below the root activity (which is at
   depth 0): activity_create under a parent at this depth fails with
   VG_EDEPTH.  The kernel relies on it: charging a frame or a folio,
   checking a quota and charging CPU time on every timer tick walk all
   of an activity's ancestors, so this bounds their cost.  */
#define VG_ACTIVITY_DEPTH_MAX 32

/* Which parts of a policy a set call changes.  Sibling and quota need a
   cap with VG_RIGHT_POLICY; child needs VG_RIGHT_WRITE.  */
#define VG_ACTIVITY_POLICY_SIBLING 0x1
#define VG_ACTIVITY_POLICY_CHILD 0x2
#define VG_ACTIVITY_POLICY_QUOTA 0x4
#define VG_ACTIVITY_POLICY_ALL 0x7

/* A snapshot of an activity's accounting.  The live counters are exact;
   the per-period fields count events in period PERIOD (filled in by the
   ager, a later part of the kernel; zero until then).  */
struct vg_activity_stats
{
  uint64_t period;          /* Periods completed so far.  */
  uint64_t folios_local;    /* Folios allocated from this activity.  */
  uint64_t folios_total;    /* ... including all descendants.  */
  uint64_t folio_quota;     /* As in the policy.  */
  uint64_t frames_local;    /* Resident frames charged here.  */
  uint64_t frames_total;    /* ... including all descendants.  */
  uint64_t available;       /* Frames this activity may use this period.  */
  uint64_t pressure;        /* Reclaim pressure seen this period.  */
  uint64_t evicted;         /* Frames written out this period.  */
  uint64_t discarded;       /* Discardable frames dropped this period.  */
  uint64_t faults;          /* Faults this period.  */
  uint64_t cpu_ticks;       /* Timer ticks this activity's threads ran.  */
  uint64_t cpu_ticks_total; /* ... including all descendants, dead ones
                               included.  */
  uint64_t reserved;        /* Zero.  */
};

_Static_assert(sizeof (struct vg_activity_share) == 8, "share");
_Static_assert(__builtin_offsetof(struct vg_activity_share, weight) == 4,
               "weight");
_Static_assert(sizeof (struct vg_activity_policy) == 24, "policy");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, child) == 8,
               "child");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, folio_quota)
                   == 16,
               "folio_quota");
_Static_assert(sizeof (struct vg_activity_stats) == 112, "stats");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, cpu_ticks) == 88,
               "cpu_ticks");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, frames_local)
                   == 32,
               "frames_local");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, faults) == 80,
               "faults");

#endif
