/* Activities: the principals that pay for storage and memory.

   Model.  Activities form a tree.  The root is made at boot, lives in
   boot-pool memory (the one fixed kernel object) and holds every usable
   frame: its quota is the number of folios the free frames can hold.
   Every other activity is an object in a folio slot: struct activity
   lives in that object's frame, which is charged to the folio's owner
   like any other object.  The folio's owner need not be the parent.

   Accounting.  Storage is counted in folios: folios_local are those
   allocated from this activity, folios_total adds every descendant's.
   A folio allocation fails with VG_EQUOTA if it would take this
   activity or any ancestor past a non-zero folio_quota (0 = no limit of
   its own).  Memory is counted in resident frames per priority, local
   and total, and in frames_sum (all priorities), local and total.  Each
   charged frame sits on exactly one of this activity's lists, by kind:
   a data page in the eviction policy's state PSTATE (mm/policy.h; the
   policy chosen at boot orders it, the ager tells it of references), a
   kernel object or kernel stack on KERNEL_FRAMES, a page table on
   CACHE_TABLES, a reverse-map page on CACHE_RMAP (most recently used first:
   the coldest leaf table is dropped first, doc/reclamation.md).  A frame may
   be charged only while every non-zero frame_limit on the path to the root
   stays respected (activity_frame_limiter; mm/reclaim.h makes room).
   Invariant, for every activity A: A.total = A.local + sum over children C of
   C.total, for folios, for each priority's frames and for frames_sum.  Frames
   charged to the root's subtree (folios_total + frames_total) plus free frames
   plus the kernel pool equal pmm's total.

   Policy.  SIBLING {priority, weight} is how the parent weighs this
   activity against its siblings; CHILD is how this activity weighs its
   own frames against its children; FOLIO_QUOTA as above.  Sibling and
   quota changes need a cap with VG_RIGHT_POLICY (a "weak" cap lacks it);
   child changes need VG_RIGHT_WRITE.  Priorities must lie in
   VG_PRIORITY_MIN..VG_PRIORITY_MAX and weights be at least 1.

   Depth.  An activity sits at most VG_ACTIVITY_DEPTH_MAX (32) below the
   root (activity_create fails with VG_EDEPTH beyond), so every walk up
   the ancestors (charging, quota checks, CPU ticks, teardown) costs at
   most 32 steps.

   Lifetime.  An activity dies when destroyed through a cap, when its
   slot is reused, or when the folio holding it is freed.  Death takes
   its whole closure: its children, its folios, and every activity whose
   object lives in one of those folios, transitively.  The closure is
   found and torn down iteratively through intrusive links (doom_next),
   never by recursion, so depth costs no kernel stack.  If the closure
   holds the caller's own activity, nothing changes and the call fails
   with VG_EBUSY (this covers destroying the caller or an ancestor).
   The commit is the visible effect, in one run; freeing the closure's
   frames is left to the reap queue, in bounded chunks (obj/reap.h).
   A committed (doomed) activity is cut off from the live tree (its
   parent link is NULL), so whatever touches its counters before its
   release reaches only other doomed activities.

   Legend: [A] as.c; [T] tree links, changed by activity.c and
   activity_reap.c (teardown) only; [C] counters, changed only by the
   charge/uncharge functions here; [P] policy, set through caps.
   Single CPU, interrupts off: no locks.  */
#ifndef VG_ACTIVITY_H_KERNEL
#define VG_ACTIVITY_H_KERNEL

#include <vg/activity.h>
#include <vg/cap.h>
#include <vg/error.h>

#include "mm/policy.h"
#include "obj/frame.h"
#include "obj/reap.h"
#include "types.h"

struct folio;
struct as_cache;

/* Frame kinds as accounted (frames_kind).  */
enum activity_kind
{
  ACTIVITY_DATA = 0,   /* Data pages.  */
  ACTIVITY_KERNEL = 1, /* Kernel objects and kernel stacks.  */
  ACTIVITY_CACHE = 2,  /* Page tables and reverse-map pages.  */
  ACTIVITY_KINDS = 3
};

/* The oid of the root activity's caps: frame 0 is never a folio header,
   so no folio object has it.  */
#define ACTIVITY_ROOT_OID 1

#define PRIO_INDEX(p) ((unsigned)((p)-VG_PRIORITY_MIN))

struct activity
{
  struct activity *parent;             /* [T] NULL for the root.  */
  struct activity *first_child;        /* [T] */
  struct activity *next_sibling;       /* [T] */
  struct activity *prev_sibling;       /* [T] */
  struct folio *folios;                /* [T] Folios allocated here.  */
  struct folio *folio;                 /* [T] Where this object lives; NULL
                                          for the root.  */
  unsigned slot;                       /* [T] Its slot there.  */
  struct vg_activity_policy policy;    /* [P] */
  uint64_t folios_local, folios_total; /* [C] */
  uint32_t frames_local[VG_PRIORITY_LEVELS]; /* [C] */
  uint32_t frames_total[VG_PRIORITY_LEVELS]; /* [C] */
  struct policy_state pstate;                /* [C] Data frames.  */
  uint64_t frames_sum_local;                 /* [C] All priorities. */
  uint64_t frames_sum_total;                 /* [C] */
  uint64_t frames_kind[ACTIVITY_KINDS];      /* [C] Local, by kind.  */
  uint64_t frames_important; /* [C] Local data frames not discardable.  */
  uint64_t evictable_local;  /* [C] Frames the reclaimer could take:
                                discardable data pages, and two per
                                leaf page table (with its rmap page).  */
  uint64_t evictable_total;  /* [C] */
  struct frame_list kernel_frames; /* [C] */
  struct frame_list cache_tables;  /* [C] */
  struct frame_list cache_rmap;    /* [C] */
  struct as_cache *caches;         /* [A] Caches it pays for (as.c).  */
  uint64_t period;                 /* Periods completed (ager).  */
  struct vg_activity_stats stats;  /* Event counters (cumulative); the
                                      snapshot fields are filled in by
                                      activity_stats_cap.  */
  struct activity *doom_next;      /* [T] Teardown list, then the reap
                                      queue's (obj/reap.h).  */
  uint32_t reap_batch;             /* [T] Its reap-queue batch.  */
  uint32_t reap_frame;             /* [T] Committed: the frame holding
                                      this struct (freed in phase C).  */
  uint8_t doomed;                  /* [T] In the teardown closure (for
                                      good once committed).  */
  uint8_t reap_root;               /* [T] Doomed, parent is not.  */
  uint8_t depth;                   /* [T] Ancestors: 0 for the root, at most
                                      VG_ACTIVITY_DEPTH_MAX.  */
  uint64_t cpu_ticks_local;        /* [C] Ticks its threads ran.  */
  uint64_t cpu_ticks_total;        /* [C] ... plus every descendant's, dead
                                      ones included (CPU time is history:
                                      unlike storage it is not given back).  */
  struct vg_cap notice_thread;     /* [P] Where notices go.  */
  uint32_t notice_events;          /* [P] VG_NOTICE_* subscribed.  */
  uint32_t notice_nranges;         /* Discard runs gathered this pass.  */
  uint64_t notice_oid[VG_NOTICE_RANGES]; /* ... their first oids,  */
  uint64_t notice_n[VG_NOTICE_RANGES];   /* ... and lengths.  */
  uint64_t notice_overflow;              /* Discarded, not listed.  */
  struct activity *notice_next;          /* Pending notices (mm/notice.c).  */
  /* Availability and pressure notices (mm/notice.c; doc/reclamation.md).  */
  uint64_t notice_threshold;  /* [P] VG_NOTICE_AVAIL: frames of change.  */
  uint64_t notice_avail_sent; /* Last availability posted; UINT64_MAX
                                 before the first.  */
  uint64_t notice_post_avail; /* Availability to post.  */
  uint64_t notice_want;       /* Pressure: frames asked for ...  */
  uint64_t notice_deadline;   /* ... by then (guest ns) ...  */
  uint64_t notice_target;     /* ... to hold at most this many local
                                 frames.  */
  uint64_t notice_backoff;    /* Not asked again before (guest ns).  */
  struct activity *notice_sub_next; /* AVAIL/PRESSURE subscribers.  */
  struct activity *notice_sub_prev;
  uint32_t notice_shield; /* Asked activities in its subtree,
                             itself included.  */
  uint8_t notice_post;    /* NOTICE_POST_* to post.  */
  uint8_t notice_pending; /* On the pending list.  */
  uint8_t notice_asked;   /* A pressure request is outstanding.  */
  uint8_t notice_misses;  /* Deadlines missed in a row.  */
  uint64_t swap_local;    /* [C] Swap blocks charged here.  */
  uint64_t swap_total;    /* [C] ... plus every descendant's; the
                             quota is policy.swap_quota.  */
};

_Static_assert(sizeof (struct activity) <= 4096, "activity fits a page");

/* Make the root activity from the boot pool: call before pmm_init()
   (which owns whatever the boot pool has not taken).  Then, after
   pmm_init(), grant it every free frame: its quota becomes the number of
   folios (129 frames each) the free frames can hold.  */
void activity_root_init (void);
void activity_root_grant (void);
struct activity *activity_root (void);
/* A full-rights cap to the root.  */
void activity_root_cap (struct vg_cap *out);

/* The oid of A's caps (ACTIVITY_ROOT_OID for the root).  */
uint64_t activity_oid (const struct activity *a);
/* Whether A is TOP or below it (false if TOP is NULL).  O(depth).  */
bool activity_below (const struct activity *a, const struct activity *top);

bool activity_policy_valid (const struct vg_activity_policy *p,
                            unsigned which);

/* The activity C names, with at least RIGHTS.  */
int activity_from_cap (const struct vg_cap *c, uint8_t rights,
                       struct activity **out);

/* VG_EQUOTA if one more folio would pass A's or an ancestor's quota.  */
int activity_quota_check (struct activity *a);

/* Charge or uncharge folio F to A (and its ancestors' totals).  */
void activity_add_folio (struct activity *a, struct folio *f);
void activity_remove_folio (struct activity *a, struct folio *f);

/* Charge frame I (descriptor priority set) to A and its ancestors and
   put it on A's active list; uncharge it again.  forget drops it from a
   doomed activity's list without touching the activity.  */
void activity_charge_frame (struct activity *a, uint32_t i);
void activity_uncharge_frame (struct activity *a, uint32_t i);
void activity_forget_frame (uint32_t i);

/* Important (not discardable) data frames resident, machine-wide.  */
uint64_t activity_pinned_frames (void);

/* The kind frame I is accounted as.  */
enum activity_kind activity_frame_kind (uint32_t i);

/* The nearest of A and its ancestors whose non-zero frame limit N more
   frames would pass, or NULL if N more fit everywhere.  */
struct activity *activity_frame_limiter (struct activity *a, uint64_t n);

/* Charge TICKS of CPU time to A (local) and A and its ancestors
   (total).  */
void activity_charge_cpu (struct activity *a, uint64_t ticks);

/* Frames charged to A's subtree: folio headers plus resident frames.  */
uint64_t activity_charged_frames (const struct activity *a);
uint64_t activity_frames_local (const struct activity *a);
uint64_t activity_frames_total (const struct activity *a);

/* A teardown in progress, owned by the caller (usually on its stack).
   activity_reap_prepare fills it with the closure of START (if not
   NULL) and of FOLIO's activities plus FOLIO itself (if not NULL),
   marking them doomed and changing nothing else; VG_EBUSY (and no
   change) if CALLER is in it.  Then the caller either commits it
   (destroy it all: storage back to pmm, ancestors' counters down, slots
   void) or aborts it (clear the marks), before it returns to user mode:
   one reap is pending at a time, since the marks are in the objects.
   struct reap is in obj/reap.h.  */
int activity_reap_prepare (struct reap *r, struct activity *caller,
                           struct activity *start, struct folio *folio);
/* For sys_self_hits: keep R (prepared with no caller, START and
   R->folio as given) instead of aborting it; a prepare of the same
   closure later in the same entry takes it over (checking its caller)
   instead of walking the closure again.  The entry path calls
   activity_reap_drop_kept when the call returns (an abort, if no
   prepare took it).  */
void activity_reap_keep (struct reap *r, struct activity *start);
void activity_reap_drop_kept (void);
/* The budget for a run's drain of R: OBJ_DRAIN_CHUNK less what the
   walk that marked R cost (an activity marked is 1/REAP_WALK_PER_UNIT
   of a unit, a folio's slots scanned REAP_WALK_FOLIO / that), but at
   least REAP_DRAIN_MIN, so that a run walking a big closure and
   aborting it again stays within the chunk.  */
unsigned activity_reap_drain_budget (const struct reap *r);
#define REAP_WALK_PER_UNIT 4
#define REAP_WALK_FOLIO 16
#define REAP_DRAIN_MIN 256
/* Between prepare and commit: unmap up to *BUDGET mappings of the
   objects R would destroy (object_folio_drain); true once none is
   left.  */
bool activity_reap_drain (struct reap *r, unsigned *budget);
/* The whole teardown for a cap entry point: prepare, drain a chunk,
   then commit, or abort and return OBJ_AGAIN if mappings remain
   (object.h), or prepare's error.  */
int activity_reap (struct activity *caller, struct activity *start,
                   struct folio *folio);
/* Commit: the visible effect in one run (obj/reap.h), the rest queued
   as a batch of the reap queue.  When a user thread made the call, the
   entry path makes it wait for the batch (reap_entry_set); otherwise
   the batch is released before this returns.  */
void activity_reap_commit (struct reap *r);
void activity_reap_abort (struct reap *r);
/* The reap queue's phase C: free the frame holding doomed X.  */
void activity_reap_free (struct activity *x);

/* Cap entry points (decode, then invoke; nothing changes on error).

   create: a new child of the activity PARENT_CAP names (WRITE needed) in
   slot SLOT of the folio FOLIO_CAP names (WRITE needed), with default
   policy (sibling and child {0, 1}, no quota of its own).  VG_EBUSY if
   the slot's old activity is the caller's or the new parent's own or an
   ancestor.  */
int activity_create_cap (struct activity *caller,
                         const struct vg_cap *folio_cap, unsigned slot,
                         const struct vg_cap *parent_cap, struct vg_cap *out);
/* Set the parts WHICH (VG_ACTIVITY_POLICY_*) of the policy of the
   activity CAP names to those in POLICY.  VG_EINVAL for bad WHICH or
   values, VG_EPERM for missing rights.  */
int activity_policy_set_cap (const struct vg_cap *cap, unsigned which,
                             const struct vg_activity_policy *policy);
int activity_policy_get_cap (const struct vg_cap *cap,
                             struct vg_activity_policy *out);
/* Every field but `available' (0 here; notice_activity_stats adds
   it).  */
int activity_stats_cap (const struct vg_cap *cap,
                        struct vg_activity_stats *out);
/* Destroy the activity CAP names (WRITE needed) and its closure.
   VG_EBUSY for the root or if the closure holds CALLER.  */
int activity_destroy_cap (struct activity *caller, const struct vg_cap *cap);

#endif
