/* Address spaces: a thread translates user addresses through a 4-level
   radix tree of cappages rooted at a cappage cap (its AS root); the
   hardware page tables are only a cache of that tree, built on fault,
   charged to an activity, and droppable.

   This header is the contract shared by the threads and address-space
   work: the function names and meanings below are fixed.  */
#ifndef VG_AS_H
#define VG_AS_H

#include <arch/pt.h>
#include <vg/addr.h>
#include <vg/cap.h>

#include "types.h"

struct activity;

/* One thread's hardware page-table cache: a struct pt_space plus
   bookkeeping.  Embedded by value in struct thread.  */
struct as_cache
{
  struct pt_space pt;     /* The hardware tables (root 0: not inited).  */
  struct activity *payer; /* Who pays for the tables.  */
};

/* Empty cache; its root table (and every later table and reverse-map
   record) is a frame charged to PAYER (activity_charge_frame).
   VG_ENOMEM if no frame.  */
int as_cache_init (struct as_cache *c, struct activity *payer);
/* Unmap everything, free and uncharge every table; C is dead until
   re-inited.  */
void as_cache_fini (struct as_cache *c);
/* Drop all user mappings (e.g. the AS root changed); cheaper tables may
   stay.  */
void as_cache_flush (struct as_cache *c);
/* Load it into CR3 (NULL: the kernel-only space).  */
void as_cache_activate (struct as_cache *c);

/* Resolve a user access at VA through the tree under ROOT and install the
   mapping in C (read-only caps and caps without VG_RIGHT_WRITE map
   read-only; claims the page's frame lazily via object_page_claim).
   VG_OK: retry the access.  VG_EVOID: nothing mapped there (fault goes
   to the thread).  VG_EPERM: write through a read-only cap.
   VG_EDEADCAP: a dead cap on the path.  VG_ETYPE: a non-page cap where a
   page is expected.  VG_ENOMEM: no frame for the page or a table even
   after dropping C's other tables (never another principal's).
   VG_EINVAL: VA outside the 44-bit user space.  Never panics on user
   input.  */
int as_fault (struct as_cache *c, const struct vg_cap *root, uint64_t va,
              bool write, bool exec);

/* The cap slot ADDR names (depth d: walk d cappages from ROOT; level-d
   slot index from the VA bits).  WRITE: the caller will store into the
   slot, so every cappage cap on the path needs VG_RIGHT_WRITE
   (VG_EPERM).  Errors: VG_EINVAL (malformed addr), VG_EVOID (void cap on
   the path / no root), VG_EDEADCAP, VG_ETYPE (non-cappage on the
   path).  */
int as_slot (const struct vg_cap *root, vg_addr_t addr, bool write,
             struct vg_cap **slot);

/* Store CAP into SLOT (from as_slot), first shooting down every hardware
   mapping that could derive from the cap being replaced (a page cap: its
   frame's mappings; a cappage cap, i.e. a subtree: flushing all caches is
   acceptable).  */
void as_slot_store (struct vg_cap *slot, const struct vg_cap *cap);

/* Called by object.c when an object's data frame is freed or its version
   bumped: unmap every mapping of that frame (reverse map).  */
void as_object_destroyed (uint32_t frame);

/* The scheduler calls this on every switch; copy_from_user's fault hook
   (arch_kernel_user_fault) resolves through it.  */
void as_set_current (struct as_cache *c, const struct vg_cap *root);

#endif
