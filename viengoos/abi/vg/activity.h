/* Activity policy and statistics, as user space sees them.  See
   doc/objects.md (policy) and doc/reclamation.md (frames, statistics).  */
#ifndef VG_ACTIVITY_H
#define VG_ACTIVITY_H

#include <stdint.h>

#include <vg/object.h>

/* A share: a priority (VG_PRIORITY_MIN..VG_PRIORITY_MAX; a lower one is
   reclaimed first) and a weight (at least 1; among siblings of equal
   priority, frames are shared in proportion to weight).  */
struct vg_activity_share
{
  int32_t priority;
  uint32_t weight;
};

/* SIBLING is how the parent weighs this activity against its siblings;
   CHILD is how this activity weighs its own frames, as a pseudo-child,
   against its children (doc/reclamation.md).

   FOLIO_QUOTA bounds storage: folios held by the activity and all its
   descendants.  FRAME_LIMIT bounds memory: resident frames (data pages,
   kernel objects and stacks, page tables and reverse-map pages) charged
   to the activity and all its descendants; folio headers are storage
   and count only against the folio quota.  SWAP_QUOTA bounds
   backing-store blocks held by the activity and its descendants (used
   once the backing store exists).  For all three, 0 means no limit of
   its own; ancestors' limits still apply, so each holds
   hierarchically.

   CPU_SIBLING and CPU_CHILD divide processor time the same way SIBLING
   and CHILD divide frames (strict priority, then weight); a weight of 0
   means "the same as the memory share" (so a zeroed CPU share follows
   the memory policy).  They are recorded and returned; the scheduler
   does not use them yet.  RESERVED must be zero.  */
struct vg_activity_policy
{
  struct vg_activity_share sibling;
  struct vg_activity_share child;
  uint64_t folio_quota;
  uint64_t frame_limit;
  uint64_t swap_quota;
  struct vg_activity_share cpu_sibling;
  struct vg_activity_share cpu_child;
  uint64_t reserved;
};

/* The deepest an activity may sit below the root activity (which is at
   depth 0): activity_create under a parent at this depth fails with
   VG_EDEPTH.  The kernel relies on it: charging a frame or a folio,
   checking a quota and charging CPU time on every timer tick walk all
   of an activity's ancestors, so this bounds their cost.  */
#define VG_ACTIVITY_DEPTH_MAX 32

/* Which parts of a policy a set call changes.  Parts that limit or place
   the activity among its siblings need a cap with VG_RIGHT_POLICY
   (SIBLING, QUOTA, FRAMES, SWAP, CPU_SIBLING); the parts that divide
   what it already has among its children need VG_RIGHT_WRITE (CHILD,
   CPU_CHILD).  */
#define VG_ACTIVITY_POLICY_SIBLING 0x01
#define VG_ACTIVITY_POLICY_CHILD 0x02
#define VG_ACTIVITY_POLICY_QUOTA 0x04
#define VG_ACTIVITY_POLICY_FRAMES 0x08
#define VG_ACTIVITY_POLICY_SWAP 0x10
#define VG_ACTIVITY_POLICY_CPU_SIBLING 0x20
#define VG_ACTIVITY_POLICY_CPU_CHILD 0x40
#define VG_ACTIVITY_POLICY_ALL 0x7f

/* Notices an activity's subscriber may ask for (activity_notices;
   doc/reclamation.md "Notices").
   DISCARD: after each reclaim pass that discarded objects of the
   activity, up to VG_NOTICE_RANGES events VG_ACT_EV_DISCARDED listing
   them as runs of consecutive oids, with a count of those not listed.
   AVAIL: a VG_ACT_EV_PRESSURE event (arg[0] VG_ACT_PRESSURE_AVAIL)
   whenever the activity's availability moved by more than the
   subscription's threshold since the last one (the first one at once).
   PRESSURE: ask before taking: when the reclaimer wants frames from the
   activity it posts VG_ACT_EV_PRESSURE (arg[0] VG_ACT_PRESSURE_RECLAIM,
   "free arg[1] frames by guest time arg[2]") and takes nothing from it
   until then; if the activity does not comply by the deadline the
   kernel takes the rest by policy, counts a miss (pressure_missed) and
   does not ask it again for a while.  */
#define VG_NOTICE_DISCARD 0x1
#define VG_NOTICE_AVAIL 0x2
#define VG_NOTICE_PRESSURE 0x4
#define VG_NOTICE_RANGES 4
/* A pressure request asks for at most this many frames ...  */
#define VG_NOTICE_PRESSURE_MAX 64
/* ... and gives at most this long (ns of guest time; the kernel option
   pressure_ms chooses, default 20 ms).  */
#define VG_NOTICE_DEADLINE_MAX_NS (100ull * 1000 * 1000)

/* A snapshot of an activity's accounting.  Every count is exact and
   cumulative since the activity was made; PERIOD counts the ager's
   periods.  "Local" is this activity's own, "total" adds every live
   descendant's.  */
struct vg_activity_stats
{
  uint64_t period;            /* Ager periods completed so far.  */
  uint64_t folios_local;      /* Folios allocated from this activity.  */
  uint64_t folios_total;      /* ... including all descendants.  */
  uint64_t folio_quota;       /* As in the policy.  */
  uint64_t frames_local;      /* Resident frames charged here (all kinds).  */
  uint64_t frames_total;      /* ... including all descendants.  */
  uint64_t frame_limit;       /* As in the policy.  */
  uint64_t frames_data;       /* Local: data pages.  */
  uint64_t frames_kernel;     /* Local: kernel objects and kernel stacks.  */
  uint64_t frames_cache;      /* Local: page tables and reverse-map pages.  */
  uint64_t frames_pinned;     /* Local: important data pages, which stay
                                 resident until the backing store exists.  */
  uint64_t available;         /* Frames it could hold at its priority and
                                 weight given the current demand.  */
  uint64_t reclaimed;         /* Frames the reclaimer took from it.  */
  uint64_t discarded;         /* Discardable data pages dropped by the
                                 reclaimer.  */
  uint64_t refaults;          /* Touches of pages the reclaimer discarded.  */
  uint64_t cache_dropped;     /* Page-table and reverse-map frames dropped
                                 (at its frame limit or by the reclaimer).  */
  uint64_t cache_built;       /* Page-table and reverse-map frames made.  */
  uint64_t limit_hits;        /* Allocations that met a frame limit.  */
  uint64_t pressure_requests; /* Pressure activations sent.  */
  uint64_t pressure_missed;   /* ... not complied with by their deadline
                                 ("bad karma").  */
  uint64_t evicted;           /* Frames written to the backing store.  */
  uint64_t swap_quota;        /* As in the policy.  */
  uint64_t swap_used;         /* Backing-store blocks held.  */
  uint64_t faults;            /* Page faults resolved for its threads.  */
  uint64_t cpu_ticks;         /* Timer ticks this activity's threads ran.  */
  uint64_t cpu_ticks_total;   /* ... including all descendants, dead ones
                                 included.  */
  uint64_t pressure_met;      /* Pressure requests complied with.  */
  uint64_t avail_notices;     /* Availability activations sent.  */
  uint64_t reserved[2];       /* Zero.  */
};

/* The swap store's figures (doc/backing-store.md), cumulative since
   boot; all 0 without a swap disk.  */
struct vg_swap_stats
{
  uint64_t blocks;          /* Blocks of the store (4 KiB each).  */
  uint64_t blocks_free;     /* ... not allocated now.  */
  uint64_t writes;          /* Pages written (completed without error).  */
  uint64_t reads;           /* Pages read back whose checksum matched.  */
  uint64_t write_errors;    /* Writes the disk failed or timed out; the
                               page stayed resident.  */
  uint64_t read_errors;     /* Reads the disk failed or timed out.  */
  uint64_t checksum_errors; /* Reads refused: the data read was not the
                               data written (VG_ECHECKSUM).  */
  uint64_t page_ins;        /* Reads started for touches and faults.  */
};

/* The machine-wide memory figures (mm_stats).  */
struct vg_mm_stats
{
  uint64_t frames_total;   /* Frames pmm manages.  */
  uint64_t frames_free;    /* Free now.  */
  uint64_t low_watermark;  /* The reclaimer starts below this ...  */
  uint64_t high_watermark; /* ... and stops at this.  */
  uint64_t reclaim_passes; /* Reclaim passes run.  */
  uint64_t reclaimed;      /* Frames reclaimed, all activities.  */
  uint64_t discarded;      /* ... of which discardable data pages.  */
  uint64_t cache_dropped;  /* ... of which page tables and rmap pages.  */
  uint64_t aged;           /* Frames the ager sampled.  */
  uint64_t age_periods;    /* Ager periods completed.  */
  uint64_t frames_pinned;  /* Important data pages resident (not
                              reclaimable until the backing store).  */
  uint64_t enomem;         /* Allocations refused for want of frames.  */
  struct vg_swap_stats swap;
  uint64_t reserved[4]; /* Zero.  */
};

_Static_assert(sizeof (struct vg_activity_share) == 8, "share");
_Static_assert(__builtin_offsetof(struct vg_activity_share, weight) == 4,
               "weight");
_Static_assert(sizeof (struct vg_activity_policy) == 64, "policy");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, child) == 8,
               "child");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, folio_quota)
                   == 16,
               "folio_quota");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, frame_limit)
                   == 24,
               "frame_limit");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, swap_quota) == 32,
               "swap_quota");
_Static_assert(__builtin_offsetof(struct vg_activity_policy, cpu_sibling)
                   == 40,
               "cpu_sibling");
_Static_assert(sizeof (struct vg_activity_stats) == 240, "stats");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, frames_local)
                   == 32,
               "frames_local");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, available) == 88,
               "available");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, faults) == 184,
               "faults");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, cpu_ticks) == 192,
               "cpu_ticks");
_Static_assert(__builtin_offsetof(struct vg_activity_stats, pressure_met)
                   == 208,
               "pressure_met");
_Static_assert(sizeof (struct vg_swap_stats) == 64, "swap stats");
_Static_assert(__builtin_offsetof(struct vg_mm_stats, swap) == 96, "swap");
_Static_assert(sizeof (struct vg_mm_stats) == 192, "mm stats");

#endif
