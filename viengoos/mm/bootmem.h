/* The kernel's own boot-time memory pool.

   Before the frame allocator exists, the kernel carves what it needs for
   itself (the frame bitmap, frame descriptors, direct-map page tables)
   off the free ranges.  Everything taken is counted.  Once boot is done,
   bootmem_seal() closes the pool: from then on the kernel allocates
   nothing for itself, and a call to bootmem_alloc() is a kernel bug.  */
#ifndef VG_BOOTMEM_H
#define VG_BOOTMEM_H

#include "mm/memmap.h"
#include "types.h"

/* Take the pool from M's free ranges; M is updated in place as memory is
   taken, so pass the same map to pmm_init() afterwards.  Allocations
   never come from at or above LIMIT (memory the boot mapping reaches).  */
void bootmem_init (struct memmap *m, uint64_t limit);

/* BYTES (rounded up to pages), page-aligned and zeroed.  Panics if the
   machine is too small to boot or the pool is sealed.  */
paddr_t bootmem_alloc (size_t bytes);

void bootmem_seal (void);
bool bootmem_sealed (void);

/* Bytes taken so far.  */
uint64_t bootmem_used (void);

#endif
