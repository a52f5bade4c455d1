/* The reverse map of the address-space caches, and their frames.

   Model.  Each leaf page table of a cache has a companion reverse-map
   page (FRAME_RMAP, charged to the cache's payer like the table): a
   header naming the cache and the 2 MiB region, then one 32-bit link per
   page-table entry.  A mapped entry's link chains it into the list of
   every mapping of the same data frame; the list's head is the 32-bit
   RMAP field of the page's folio slot (folio.h), so a page costs no
   memory of its own for it.  A record id is rmap page frame * 512 +
   entry + 1 (0 ends a list; AS_RMAP_UNUSED marks an entry that maps
   nothing), so rmap pages must sit below frame AS_RMAP_PAGE_LIMIT (32
   GiB; a frame above it is refused like a failed allocation).

   The PTABLE frame descriptor's FOLIO field holds its rmap page (or
   FRAME_NONE for a non-leaf table).  Lists are singly linked: removing
   one record walks its frame's list, which is as long as the number of
   caches mapping that page.

   Internal to as*.c.  */
#ifndef VG_AS_RMAP_H
#define VG_AS_RMAP_H

#include "mm/as.h"
#include "obj/frame.h"

#define AS_RMAP_ENTRIES 512
#define AS_RMAP_UNUSED UINT32_MAX
#define AS_RMAP_PAGE_LIMIT ((UINT32_MAX - 1) / AS_RMAP_ENTRIES - 1)

struct as_rmap_page
{
  struct as_cache *cache; /* Owner.  */
  uint64_t va;            /* Base of the 2 MiB region.  */
  uint32_t next_page;     /* Next rmap page of the cache.  */
  uint32_t table;         /* The leaf table's frame.  */
  uint32_t live;          /* Entries in use.  */
  uint32_t pad;
  uint32_t link[AS_RMAP_ENTRIES]; /* AS_RMAP_UNUSED or next record.  */
};

_Static_assert(sizeof (struct as_rmap_page) <= 4096, "rmap page");

/* A zeroed frame of KIND (FRAME_PTABLE or FRAME_RMAP) charged to C's
   payer, or FRAME_NONE.  Free it again (uncharging).  */
uint32_t as_rmap_frame_alloc (struct as_cache *c, enum frame_kind kind);
void as_rmap_frame_free (struct as_cache *c, uint32_t i);

/* A new, unattached rmap page for C, or FRAME_NONE.  */
uint32_t as_rmap_page_new (struct as_cache *c);
/* Attach rmap page PAGE to C's leaf table TABLE (a frame index) covering
   VA.  */
void as_rmap_page_attach (struct as_cache *c, uint32_t page, uint32_t table,
                          uint64_t va);
/* The rmap page of C's leaf table covering VA (which must exist).  */
uint32_t as_rmap_page_of (const struct as_cache *c, uint64_t va);

/* Record that C maps data frame FRAME at VA through rmap page PAGE, or
   forget it.  */
void as_rmap_add (uint32_t page, uint64_t va, uint32_t frame);
void as_rmap_remove (uint32_t page, uint64_t va, uint32_t frame);

/* Forget every mapping of C and free its rmap pages (before its tables
   go).  */
void as_rmap_drop_all (struct as_cache *c);

/* Unmap FRAME from every cache (a data frame of a page).  */
void as_rmap_unmap_frame (uint32_t frame);

/* How many mappings of FRAME exist (tests).  */
unsigned as_rmap_count (uint32_t frame);

#endif
