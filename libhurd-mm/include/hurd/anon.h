/* Anonymous memory with demand paging, and the region policy API.

   A region is a range of virtual address space backed by page objects
   allocated on first touch from the region's activity.  Every page
   object backing it gets the region's object policy (important or
   discardable, and a priority: struct vg_object_policy).  A
   discardable region may have a fill callback: when a page comes back
   after being discarded (by the kernel under pressure, or by
   anon_discard), the fault handler allocates a fresh page and calls
   FILL to regenerate its contents before the faulting access resumes.
   Without a callback a discarded page comes back zeroed.

   Faults.  hurd_mm_fault is the entry point the activation runtime
   will call for a page fault (DISCARDED false) or a fault on a
   discarded page (DISCARDED true).  It finds the region (O(log n)), tops
   up the reserves (storage.h), allocates and installs the page (cap tree
   and shadow), fills it, and returns.

   ANON_POPULATE regions allocate every page when created or grown, so
   running out of storage is reported there (ENOMEM from sbrk) instead
   of at a later fault.

   Regions are 64-byte metadata chunks; the map holds up to
   REGION_MAP_MAX.  Single-threaded (see storage.h).  */
#ifndef HURD_ANON_H
#define HURD_ANON_H

#include <stdbool.h>
#include <stdint.h>

#include <hurd/region.h>
#include <hurd/storage.h>
#include <vg/addr.h>
#include <vg/error.h>
#include <vg/object.h>

#define ANON_POOLS 8

/* Region flags.  */
#define ANON_WRITE 0x1    /* Writable (else read-only caps).  */
#define ANON_POPULATE 0x2 /* Allocate all pages eagerly.  */

/* Regenerate the page at ADDR of a discardable region through PAGE (a
   pointer to the freshly allocated, zeroed, writable page).  Returns
   VG_OK, or an error that hurd_mm_fault passes on (the page is then
   dropped again).  */
typedef vg_error_t (*anon_fill_fn) (void *cookie, uint64_t addr, void *page);

struct anon_region
{
  struct region r;                /* Must be first.  */
  struct vg_object_policy policy; /* Of every page object.  */
  uint8_t flags;                  /* ANON_*.  */
  uint8_t reserved[5];
  anon_fill_fn fill;
  void *cookie;
  struct storage_pool *pool; /* Pays for the pages.  */
  uint64_t resident;         /* Pages mapped now.  */
};
_Static_assert(sizeof (struct anon_region) <= 64, "anon_region");

/* What hurd_mm_fault returns besides VG_OK and storage errors.  */
/* VG_EVOID: no region covers the address.  */
#define HURD_MM_PROT VG_EPERM /* Write to a read-only region.  */

/* Set up with the default ACTIVITY paying for pages, in [LO, HI).  Called
   by hurd_mm_init after as_init.  */
vg_error_t anon_init (vg_addr_t activity, uint64_t lo, uint64_t hi);

/* Create a region of LEN bytes (page multiple) at ADDR, or wherever it
   fits (the highest free range) if ADDR is 0.  ACTIVITY pays (the
   default if VG_ADDR_VOID; at most ANON_POOLS distinct activities).
   VG_EINVAL (bad length, address or policy), VG_EBUSY (overlap),
   VG_ENOMEM (no room), storage errors (ANON_POPULATE).  */
vg_error_t anon_create (uint64_t addr, uint64_t len, unsigned flags,
                        struct vg_object_policy policy, anon_fill_fn fill,
                        void *cookie, vg_addr_t activity,
                        struct anon_region **out);

/* Change the policy of R and of every page backing it.  */
vg_error_t anon_set_policy (struct anon_region *r,
                            struct vg_object_policy policy);

/* Make R read-only or writable (ANON_WRITE in FLAGS).  */
vg_error_t anon_protect (struct anon_region *r, unsigned flags);

/* Grow or shrink R to NEW_LEN bytes at the same start.  VG_EBUSY if
   the growth would overlap another region or leave our range.  On
   error R is unchanged.  */
vg_error_t anon_resize (struct anon_region *r, uint64_t new_len);

/* Split R at AT (page aligned, strictly inside): R keeps [start, AT),
   the new region *OUT gets [AT, end) with R's attributes.  */
vg_error_t anon_split (struct anon_region *r, uint64_t at,
                       struct anon_region **out);

/* Unmap and free every page of R, then R itself.  */
void anon_free (struct anon_region *r);

/* Drop the pages in [ADDR, ADDR + LEN) now with the kernel's
   object_discard: the frame goes, the object and its mapping stay.  The
   next touch of a dropped page faults with the discarded flag;
   hurd_mm_fault then allocates a fresh page and, in a region with a fill
   callback, regenerates it.  (Read-only pages are unmapped instead.)  */
vg_error_t anon_discard (uint64_t addr, uint64_t len);

/* The region containing ADDR, or NULL.  */
struct anon_region *anon_find (uint64_t addr);

/* Resolve a fault at ADDR (see above).  */
vg_error_t hurd_mm_fault (uint64_t addr, bool write, bool discarded);

#endif
