/* The region map: sorted, non-overlapping ranges of virtual address
   space [start, end), with O(log n) lookup by binary search.

   The map is an array of pointers sorted by start address, held in
   memory the caller provides (one metadata page: REGION_MAP_MAX
   regions); insertion and removal move the tail (O(n) word moves,
   rare next to lookups, which every fault does).  A region is owned by
   whoever embeds struct region (anon.c); the map only points to it.  */
#ifndef HURD_REGION_H
#define HURD_REGION_H

#include <stdbool.h>
#include <stdint.h>

#include <vg/error.h>

#define REGION_MAP_MAX 512

struct region
{
  uint64_t start, end; /* [start, end), page aligned, start < end.  */
};

struct region_map
{
  struct region **v; /* Sorted by start; V[I]->end <= V[I+1]->start.  */
  unsigned n, cap;
};

void region_map_init (struct region_map *m, struct region **v, unsigned cap);

/* The region containing ADDR, or NULL.  */
struct region *region_find (const struct region_map *m, uint64_t addr);

/* Whether [LO, HI) overlaps no region.  */
bool region_range_free (const struct region_map *m, uint64_t lo, uint64_t hi);

/* Add R: VG_EINVAL if empty or unaligned, VG_EBUSY if it overlaps,
   VG_ENOMEM if the map is full.  */
vg_error_t region_insert (struct region_map *m, struct region *r);

/* Remove R (which must be in M).  */
void region_remove (struct region_map *m, struct region *r);

/* The highest START such that [START, START + LEN) lies in [LO, HI)
   and overlaps no region; false if there is none.  */
bool region_gap_top (const struct region_map *m, uint64_t len, uint64_t lo,
                     uint64_t hi, uint64_t *start);

#endif
