/* Folios: the unit of storage allocation.

   Model.  A folio is one header frame plus 128 object slots.  It is
   allocated from an activity, which must stay within its storage quota
   and every ancestor's (counted in folios), and it is charged to that
   activity (folios_local) and to it and every ancestor (folios_total).
   The header frame holds struct folio: the owner, the owner's folio list
   links, and per slot the type, version, policy, state bits and data
   frame.  Object data frames are separate frames, claimed on demand
   (object.h) and charged to the owner as resident frames.

   Identity.  Object id = header pfn * 129 + index, where index 0 is the
   folio itself and 1..128 are its slots.  Versions: a new folio starts
   its own version and every slot's at the header frame's version floor
   (frame.h); allocating an object bumps the slot's version; freeing the
   folio raises the floor above every version used.

   Lifetime.  A folio lives from folio_alloc() until its teardown
   commits (doomed: no cap reaches it any more); the reap queue then
   releases it in chunks (folio_release_slots, folio_release_header;
   obj/reap.h).

   Legend: [A] changed only by activity.c, activity_reap.c and folio.c
   with the owner's counters; [S] per-slot state, changed by object.c;
   [M] changed only by the address-space cache (as_rmap.c); [W] by the
   swap store's object side (obj/swapobj.c); [V] set by folio_alloc,
   then fixed until the folio is freed.  Single CPU, interrupts off: no
   locks.  */
#ifndef VG_FOLIO_H
#define VG_FOLIO_H

#include <vg/cap.h>
#include <vg/object.h>

#include "mm/swap.h"
#include "obj/frame.h"
#include "types.h"

struct activity;

#define FOLIO_OID_STRIDE VG_OID_STRIDE

/* Slot FLAGS.  */
#define FOLIO_CONTENT 0x01    /* The object has a data frame.  */
#define FOLIO_DISCARDED 0x02  /* Contents were dropped (reclaimer).  */
#define FOLIO_DIRTY 0x04      /* Written since last clean.  */
#define FOLIO_REFERENCED 0x08 /* Touched since last aged.  */
#define FOLIO_RECLAIMED                                                       \
  0x10 /* With DISCARDED: the reclaimer did it (the                           \
          next touch counts as a refault).  */

/* Per-slot swap state (folio.swap_state; obj/swapobj.h).  */
#define FOLIO_SWAP_ON_DISK 0x01   /* swap[s] names a valid copy.  */
#define FOLIO_SWAP_WRITEBACK 0x02 /* A write is in flight.  */
#define FOLIO_SWAP_PAGEIN 0x04    /* A read is in flight.  */
#define FOLIO_SWAP_ECHECKSUM 0x08 /* The last read failed its checksum.  */
#define FOLIO_SWAP_EIO 0x10       /* The last read failed on the disk.  */

struct folio_slot
{
  uint32_t version;    /* [S] Current version (VG_VERSION_MAX: retired).  */
  uint32_t frame;      /* [S] Data frame index, or FRAME_NONE.  */
  uint8_t type;        /* [S] enum vg_type.  */
  uint8_t flags;       /* [S] FOLIO_* bits.  */
  int8_t priority;     /* [S] Object policy.  */
  uint8_t discardable; /* [S] Object policy.  */
  uint32_t rmap;       /* [M] Pages: head of the reverse map of the data
                          frame's hardware mappings; cappages: head of
                          the path records of the caches translating
                          through it (as_rmap.h); 0 if none.  */
};

_Static_assert(sizeof (struct folio_slot) == 16, "folio_slot");

struct folio
{
  struct activity *owner;    /* [A] Charged activity.  */
  struct folio *next, *prev; /* [A] Owner's folio list.  */
  struct folio *doom_next;   /* [A] activity_reap.c's teardown list.  */
  uint32_t version;          /* [V] The folio's own version.  */
  uint32_t frame;            /* [V] Header frame index.  */
  uint8_t doomed;            /* [A] Being torn down: committed, every
                                cap lookup through it fails.  */
  uint8_t reap_slot;         /* [A] Phase B's cursor (obj/reap.h).  */
  uint32_t reap_batch;       /* [A] Its reap-queue batch.  */
  struct folio_slot slots[VG_FOLIO_OBJECTS];
  struct swap_loc swap[VG_FOLIO_OBJECTS]; /* [W] Copies on disk.  */
  uint8_t swap_state[VG_FOLIO_OBJECTS];   /* [W] FOLIO_SWAP_* bits.  */
};

_Static_assert(sizeof (struct folio) <= VG_OBJECT_SIZE, "folio header");

/* Allocate a folio from A.  VG_EQUOTA if A or an ancestor is at its
   quota, VG_ENOMEM if no frame is free; nothing changes on error.  */
int folio_alloc (struct activity *a, struct folio **out);

/* The release of a doomed folio F, in the reap queue's phases
   (obj/reap.h).  Phase B: destroy F's objects from slot F->reap_slot
   on, up to *BUDGET units, leaving the owner's counters alone (a doomed
   owner's are dropped wholesale; a live owner's were settled at the
   commit); an activity object's frame stays for phase C.  True once
   every slot is done.  Phase D: free the header,
   raising the frame's version floor above every version used.  */
bool folio_release_slots (struct folio *f, unsigned *budget);
void folio_release_header (struct folio *f);

/* Object ids.  An oid names a folio (index 0 in the ABI's encoding,
   doc/objects.md) or one of its slots (index 1 + SLOT); only these
   functions know that encoding.  */
uint64_t folio_oid (const struct folio *f);
uint64_t object_oid (const struct folio *f, unsigned slot);

/* What an oid names.  */
enum oid_kind
{
  OID_NONE,   /* No live folio header: *F and *SLOT are untouched.  */
  OID_FOLIO,  /* The folio *F itself; *SLOT = FOLIO_SLOT_SELF.  */
  OID_OBJECT, /* Slot *SLOT (< VG_FOLIO_OBJECTS) of the folio *F.  */
};
#define FOLIO_SLOT_SELF UINT32_MAX
/* Inline: every cap lookup (and each level of an address walk) goes
   through it.  */
static inline enum oid_kind
oid_lookup (uint64_t oid, struct folio **f, unsigned *slot)
{
  uint32_t i;
  if (!frame_valid_pfn (oid / FOLIO_OID_STRIDE, &i))
    return OID_NONE;
  if (frame_get (i)->kind != FRAME_FOLIO)
    return OID_NONE;
  unsigned index = (unsigned)(oid % FOLIO_OID_STRIDE);
  *f = frame_virt (i);
  assert ((*f)->frame == i);
  *slot = index ? index - 1 : FOLIO_SLOT_SELF;
  return index ? OID_OBJECT : OID_FOLIO;
}

/* The kernel address of slot S's data frame (which must exist).  */
static inline void *
object_slot_data (const struct folio *f, unsigned s)
{
  assert (f->slots[s].frame != FRAME_NONE);
  return frame_virt (f->slots[s].frame);
}

/* A full-rights cap to F.  */
void folio_cap (const struct folio *f, struct vg_cap *out);

/* Cap entry points (decode, then invoke).  folio_alloc_cap needs WRITE
   on ACTIVITY_CAP.  folio_free_cap needs WRITE on FOLIO_CAP; it destroys
   every object in the folio, including activities and their subtrees,
   and fails with VG_EBUSY if that would destroy CALLER.  */
int folio_alloc_cap (const struct vg_cap *activity_cap, struct vg_cap *out);
int folio_free_cap (struct activity *caller, const struct vg_cap *folio_cap);

/* Test hook: set slot INDEX's version (index 1..128).  */
void folio_test_set_version (struct folio *f, unsigned slot, uint32_t v);

#endif
