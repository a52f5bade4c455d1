/* Objects in folio slots: creation, destruction and data frames.

   Creating an object in a slot destroys whatever was there (an activity
   with its whole subtree, see activity.h), bumps the slot's version (so
   every cap to the old object dies) and records the new type and policy.
   A slot at VG_VERSION_MAX is retired: creation fails with
   VG_EEXHAUSTED, so no stale cap can ever match again.

   Zeroing.  Pages are claimed lazily: a page has no frame, and costs its
   activity no memory, until first touched (object_page_claim), when a
   zeroed frame is taken.  Kernel-typed objects (cappage, thread,
   messenger, activity) get a zeroed frame eagerly at creation, because
   the kernel initialises them there.  A thread also gets a second frame,
   its kernel stack (thread.h).  Every data frame is charged to the
   folio's owner as a resident frame of the object's priority.

   The owner of a slot's state is object.c; activity_reap.c tears activity
   objects down before their slots are cleared.  */
#ifndef VG_OBJECT_H_KERNEL
#define VG_OBJECT_H_KERNEL

#include <vg/cap.h>
#include <vg/object.h>

#include "obj/reap.h"
#include "types.h"

struct activity;
struct folio;

/* Free slot S's data frame (uncharging the owner when OWNER_LIVE) and
   make the slot void.  The version is left as is: the next creation
   bumps it.  The slot must not hold a live activity.  */
void object_slot_clear (struct folio *f, unsigned s, bool owner_live);

/* At the commit of the teardown of F, whose owner lives on
   (folio_free): uncharge every frame of F's objects (kernel stacks
   included) and their swap from the owner, so that its counters are
   final at once; the frames themselves go in phase B.  */
void object_folio_disown (struct folio *f);

/* The reap queue's phase B for slot S of the doomed folio F
   (obj/reap.h): object_slot_clear, the owner's counters untouched
   (they are dropped wholesale, or were by object_folio_disown), except
   that an activity's frame is only forgotten and stays in the slot for
   phase C.  Returns the cost in drain units: two per frame,
   OBJ_TABLE_COST per page table.  */
unsigned object_slot_release (struct folio *f, unsigned s);

/* Drain units a page table freed costs (its 512 entries are scanned:
   about ten mappings' worth).  */
#define OBJ_TABLE_COST 10

/* Give slot S a zeroed data frame charged to F's owner, within its
   frame limits (mm/reclaim.h): VG_EFRAMES at a limit, VG_ENOMEM if no
   frame is free.  */
int object_slot_claim (struct folio *f, unsigned s);

/* object_slot_data, the kernel address of a slot's data frame, is
   inline in obj/folio.h (every address-walk level uses it).  */

/* A cap to the object in slot S with RIGHTS.  */
void object_slot_cap (const struct folio *f, unsigned s, uint8_t rights,
                      struct vg_cap *out);

/* Create an object of TYPE (page, cappage, thread, messenger; or VOID to
   just destroy) in slot SLOT (0..127) of the folio FOLIO_CAP names,
   which needs WRITE.  Activities are made with activity_create_cap.
   Errors: VG_ERANGE (slot), VG_EINVAL (type or policy), VG_EEXHAUSTED
   (retired slot), VG_EFRAMES (the eager frames, a thread's kernel stack
   included, would pass a frame limit on the folio owner's path),
   VG_ENOMEM (no free frame), VG_EBUSY (the old object is an
   activity whose destruction would destroy CALLER), and cap errors.
   Nothing changes on error.  */
int object_alloc_cap (struct activity *caller, const struct vg_cap *folio_cap,
                      unsigned slot, uint8_t type,
                      struct vg_object_policy policy, struct vg_cap *out);

/* Returned by a cap entry point that destroys objects when it has done
   a bounded chunk of the destruction's invisible part (unmapping the
   objects' mappings, at most OBJ_DRAIN_CHUNK of them) and must be
   called again: sys/restart.h's SYS_RESTART, which the entry path turns
   into a re-execution of the system call.  Nothing visible has changed
   when it is returned.  */
#define OBJ_AGAIN (-1)
#define OBJ_DRAIN_CHUNK 2048

/* Unmap up to *BUDGET mappings of F's objects (pages and cappages),
   decreasing *BUDGET; true once none is left.  */
bool object_folio_drain (struct folio *f, unsigned *budget);

/* An allocation between prepare and commit: the eager frame and, when
   the slot held an activity, that activity's teardown.  */
struct object_alloc
{
  uint32_t frame;  /* FRAME_NONE for pages and void.  */
  struct reap old; /* Pending only if the slot held an activity.  */
};

/* Shared by object_alloc_cap and activity_create_cap: check SLOT, TYPE
   and POLICY, prepare the old object's destruction and take the eager
   frame, filling *A.  On error nothing has changed (OBJ_AGAIN: the old
   object's mappings were partly unmapped).  Then exactly one
   of commit (destroy the old object and install the new one with
   A->frame) or abort (free the frame, keep the old object).  */
int object_alloc_prepare (struct activity *caller, struct folio *f,
                          unsigned slot, uint8_t type,
                          struct vg_object_policy policy,
                          struct object_alloc *a);
void object_alloc_commit (struct folio *f, unsigned slot, uint8_t type,
                          struct vg_object_policy policy,
                          struct object_alloc *a);
void object_alloc_abort (struct object_alloc *a);

/* Drop the contents of the page CAP names (WRITE needed): free its
   frame (shooting down its mappings, uncharging the owner) and set the
   slot's FOLIO_DISCARDED bit.  The object and its caps stay valid.  */
int object_discard_cap (const struct vg_cap *cap);

/* Give the page CAP names (WRITE needed) policy P, keeping its
   contents; a resident frame is re-charged at the new priority and
   re-enters the eviction policy.  VG_EINVAL for a bad P.  */
int object_policy_set_cap (const struct vg_cap *cap,
                           struct vg_object_policy p);

/* The reclaimer's discard of the data frame of page slot S of F
   (discardable, charged to F's owner): unmap it everywhere, free it and
   set the slot's FOLIO_DISCARDED and FOLIO_RECLAIMED bits.  */
void object_reclaim_discard (struct folio *f, unsigned s);

/* Stop the trace A owns (mm/trace.h; mm_trace STOP, or A's death):
   send what it recorded, then uncharge and free its buffer.  */
void object_trace_stop (struct activity *a);

/* The swap store's (obj/swapobj.c): page slot S's contents have a valid
   copy on disk; free its frame (unmapping it, uncharging the owner).  */
void object_swap_evicted (struct folio *f, unsigned s);
/* The swap store's: attach FRAME, read back from disk, to slot S
   (charged to F's owner).  */
void object_swap_attach (struct folio *f, unsigned s, uint32_t frame);

/* Touch the page CAP names (WRITE needed if WRITE): claim a zeroed frame
   on first use, set referenced (and dirty), and return its kernel
   address.  VG_EFRAMES at a frame limit of the folio's owner,
   VG_ENOMEM if no frame is free; VG_EDISCARDED if its
   contents were discarded (until the object is re-created).  A page on
   disk is read back first (obj/swapobj.h): with a current thread the
   call returns SWAPOBJ_WAIT (SYS_RESTART_WAIT) and the thread waits, then
   retries; VG_ECHECKSUM or VG_EIO if the read failed.  */
int object_page_claim (const struct vg_cap *cap, bool write, void **out);

#endif
