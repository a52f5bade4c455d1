/* The reverse map of the address-space caches, and their frames.

   Model.  Each leaf page table of a cache has a companion pair of
   reverse-map frames (FRAME_RMAP, charged to the cache's payer like the
   table): the front page (struct as_rmap_page: the cache, the 2 MiB
   region, and one 32-bit next link per page-table entry) and the back
   page (struct as_rmap_back: one 32-bit prev link per entry, and the
   region's path records).  A mapped entry's links chain it into the
   doubly linked list of every mapping of the same data frame; the
   list's head is the 32-bit RMAP field of the page's folio slot
   (folio.h), so a page costs no memory of its own for it.  A record id
   is front page frame * 512 + entry + 1 (0 ends a list, and a prev of 0
   marks the head; AS_RMAP_UNUSED marks an entry that maps nothing), so
   rmap pages must sit below frame AS_RMAP_PAGE_LIMIT (32 GiB; a frame
   above it is refused like a failed allocation).  Adding and removing a
   mapping are O(1), whatever the order.

   Paths.  The back page also records the cappages the region is
   translated through: levels 1 to 3 (one each for a 2 MiB region) and
   level 4 (one per 1 MiB half).  Each record is linked, through the
   same kind of doubly linked list, into its cappage's list, whose head
   is the RMAP field of the cappage's folio slot.  When a cap to cappage
   Y is overwritten or Y is destroyed, as_rmap_cappage_changed flushes
   exactly the caches on Y's list: the caches that translate through Y.
   A path record id is front page frame * 8 + index + 1.

   The PTABLE frame descriptor's FOLIO field holds its front page (or
   FRAME_NONE for a non-leaf table).

   Internal to as*.c.  */
#ifndef VG_AS_RMAP_H
#define VG_AS_RMAP_H

#include "mm/as.h"
#include "obj/frame.h"

#define AS_RMAP_ENTRIES 512
#define AS_RMAP_UNUSED UINT32_MAX
#define AS_RMAP_PAGE_LIMIT ((UINT32_MAX - 1) / AS_RMAP_ENTRIES - 1)
/* Path records: levels 1, 2, 3, then level 4 of each 1 MiB half.  */
#define AS_RMAP_PATH 5
/* The SLOT byte of a back page's frame descriptor (a front page's is
   0), so the reclaimer can tell them apart on the payer's list.  */
#define AS_RMAP_BACK 1
/* Frames per leaf table (front and back).  */
#define AS_RMAP_FRAMES 2

struct as_rmap_page
{
  struct as_cache *cache; /* Owner.  */
  uint64_t va;            /* Base of the 2 MiB region.  */
  uint32_t next_page;     /* Next front page of the cache.  */
  uint32_t table;         /* The leaf table's frame.  */
  uint32_t live;          /* Entries in use.  */
  uint32_t back;          /* The back page's frame.  */
  uint32_t prev_page;     /* Previous front page of the cache.  */
  uint32_t pad;
  uint32_t link[AS_RMAP_ENTRIES]; /* AS_RMAP_UNUSED or next record.  */
};

/* One path record: CAPPAGE is the cappage's data frame (FRAME_NONE:
   unused), NEXT and PREV link the cappage's list (0 ends it; PREV 0
   marks the head).  */
struct as_rmap_use
{
  uint32_t cappage, next, prev;
};

struct as_rmap_back
{
  uint32_t front; /* The front page's frame.  */
  uint32_t pad;
  uint32_t prev[AS_RMAP_ENTRIES]; /* Previous record; 0 at the head.  */
  struct as_rmap_use path[AS_RMAP_PATH];
};

_Static_assert(sizeof (struct as_rmap_page) <= 4096, "rmap page");
_Static_assert(sizeof (struct as_rmap_back) <= 4096, "rmap back page");

/* A zeroed frame of KIND (FRAME_PTABLE or FRAME_RMAP) charged to C's
   payer, or FRAME_NONE.  Free it again (uncharging).  */
uint32_t as_rmap_frame_alloc (struct as_cache *c, enum frame_kind kind);
void as_rmap_frame_free (struct as_cache *c, uint32_t i);

/* A new, unattached rmap page pair for C (the front page's frame), or
   FRAME_NONE; free an unattached one again.  */
uint32_t as_rmap_page_new (struct as_cache *c);
void as_rmap_page_free (struct as_cache *c, uint32_t page);
/* Attach rmap page PAGE to C's leaf table TABLE (a frame index) covering
   VA.  */
void as_rmap_page_attach (struct as_cache *c, uint32_t page, uint32_t table,
                          uint64_t va);
/* The rmap page of C's leaf table at physical address TABLE (which
   pt_probe found).  */
uint32_t as_rmap_page_of_table (const struct as_cache *c, paddr_t table);

/* Record that PAGE's region is translated, at VA, through the cappages
   PATH[0..3] (data frames, levels 1 to 4).  False, changing nothing, if
   the region already records another cappage at one of those levels.  */
bool as_rmap_path (uint32_t page, uint64_t va, const uint32_t path[4]);

/* Record that C maps data frame FRAME at VA through rmap page PAGE, or
   forget it.  O(1).  */
void as_rmap_add (uint32_t page, uint64_t va, uint32_t frame);
void as_rmap_remove (uint32_t page, uint64_t va, uint32_t frame);

/* Forget every mapping and path record of C and free its rmap pages
   (before its tables go).  */
void as_rmap_drop_all (struct as_cache *c);

/* The reverse-map page of the leaf that PAGE (either page of the
   pair on a payer's cache_rmap list) belongs to.  */
uint32_t as_rmap_front (uint32_t page);

/* Unmap every entry of the leaf table whose front or back rmap page is
   PAGE, forget its path records, detach the table and free its three
   frames.  */
void as_rmap_drop_leaf (uint32_t page);

/* The leaf table's rmap pair PAGE (front) was just faulted into: move
   both frames to the warm end of the payer's cache_rmap list.  */
void as_rmap_touch (struct as_cache *c, uint32_t page);

/* Whether any mapping of data frame FRAME was accessed since the last
   call, clearing the accessed bits (the ager).  At most *BUDGET
   mappings are looked at (*BUDGET is decreased by those); a frame with
   more counts as accessed, without looking further.  */
bool as_rmap_test_clear_young (uint32_t frame, unsigned *budget);

/* Unmap FRAME from every cache (a data frame of a page).  */
void as_rmap_unmap_frame (uint32_t frame);

/* The cappage whose data frame is CAPPAGE changed identity (a cap to it
   was overwritten, or it is being destroyed): flush every cache that
   translates through it, and no other.  */
void as_rmap_cappage_changed (uint32_t cappage);

/* Unmap up to BUDGET of C's mappings (a partial flush); returns the
   budget left.  Each reverse-map page with mappings that it scans
   costs AS_RMAP_PAGE_COST besides.  */
unsigned as_rmap_drop_some (struct as_cache *c, unsigned budget);
/* Scanning one reverse-map page's 512 entries, in mappings (about
   2,000 instructions).  */
#define AS_RMAP_PAGE_COST 8
/* A bounded chunk of as_rmap_cappage_changed: unmap up to BUDGET
   mappings of the caches that translate through CAPPAGE, dropping the
   tables of each cache left with none.  True once no cache translates
   through it any more.  *BUDGET is decreased by the mappings unmapped.  */
bool as_rmap_cappage_drain (uint32_t cappage, unsigned *budget);
/* What flushing one emptied cache counts against a drain's budget, in
   mappings: clearing its tables (the root's 512 entries and a path of
   three, with their rmap frames) costs about as much as unmapping 80
   mappings (bench-bounds: about 19 k instructions).  */
#define AS_RMAP_FLUSH_COST 96
/* A bounded chunk of as_rmap_unmap_frame: unmap up to *BUDGET mappings
   of FRAME (decreasing *BUDGET).  True once FRAME has none.  */
bool as_rmap_frame_drain (uint32_t frame, unsigned *budget);

/* How many mappings of FRAME exist, and how many path records name the
   cappage CAPPAGE (tests).  */
unsigned as_rmap_count (uint32_t frame);
unsigned as_rmap_path_count (uint32_t cappage);
/* Whether FRAME's list is consistent both ways (tests).  */
bool as_rmap_list_ok (uint32_t frame);

/* List records visited by add, remove, drop and unmap since boot (the
   host property test checks they are O(1) per operation).  */
extern uint64_t as_rmap_steps;

#endif
