/* Turning a firmware memory map into the list of free physical ranges.

   The firmware's map (multiboot's, here) may be unsorted, may overlap,
   may hold zero-length or wrapping entries, and may describe memory above
   4 GiB.  memmap_build() makes sense of it: a byte is free if some entry
   says it is available RAM, no entry says otherwise (reserved wins over
   available), and no range the kernel reserved covers it.  Free ranges
   come out sorted, disjoint, merged and page-aligned inward.  */
#ifndef VG_MEMMAP_H
#define VG_MEMMAP_H

#include "types.h"

#define MEMMAP_AVAILABLE 1 /* Multiboot/E820 type 1; all others reserved.  */
#define MEMMAP_MAX_ENTRIES 64
/* The kernel's reservations: low memory, the image, the multiboot block,
   map and command line, the module table, and each module with its
   string (BOOT_MAX_MODULES = 16), with room to spare.  */
#define MEMMAP_MAX_RESERVED 64
#define MEMMAP_MAX_RANGES 64

struct memmap_entry
{
  uint64_t base;
  uint64_t len;
  uint32_t type;
};

/* [start, end).  */
struct memmap_range
{
  uint64_t start;
  uint64_t end;
};

struct memmap
{
  struct memmap_range free[MEMMAP_MAX_RANGES];
  unsigned nfree;
  uint64_t available_bytes; /* RAM the firmware calls available, once.  */
  uint64_t free_bytes;      /* What is left after all reservations.  */
  unsigned ignored;         /* Zero-length entries and entries past
                               MEMMAP_MAX_ENTRIES.  */
  bool truncated;           /* More than MEMMAP_MAX_RANGES free ranges.  */
};

/* Build OUT from N firmware entries and NRES kernel reservations.
   Nothing at or above LIMIT is used (0 means no limit).  Returns the
   number of free ranges.  */
unsigned memmap_build (struct memmap *out, const struct memmap_entry *e,
                       unsigned n, const struct memmap_range *res,
                       unsigned nres, uint64_t limit);

#endif
