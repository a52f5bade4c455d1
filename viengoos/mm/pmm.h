/* The physical frame allocator.

   It hands out single 4 KiB frames from the free ranges the memory map
   left after the boot pool took its share.  The bitmap it keeps (one bit
   per frame from the lowest to the highest free address, 1 = free) is
   itself boot-pool memory.  Frame 0 is never handed out, so 0 means
   "none".  After boot, the only callers are the object store's
   accounting paths, which charge every frame to an activity.  */
#ifndef VG_PMM_H
#define VG_PMM_H

#include "mm/memmap.h"
#include "types.h"

/* Manage M's free ranges.  Takes the bitmap from the boot pool.  */
void pmm_init (const struct memmap *m);

/* A free frame's physical address, or 0 when none is left.  The frame's
   contents are undefined.  */
paddr_t pmm_alloc (void);

/* Return frame P.  Freeing a frame that is not allocated, or is not one
   pmm manages, is a kernel bug and panics.  */
void pmm_free (paddr_t p);

/* Whether P is a frame pmm manages and has handed out.  */
bool pmm_is_allocated (paddr_t p);

uint64_t pmm_free_frames (void);
uint64_t pmm_total_frames (void); /* Free at pmm_init().  */
paddr_t pmm_lowest (void);        /* Lowest managed address.  */
paddr_t pmm_highest (void);       /* One past the highest managed frame.  */

#endif
