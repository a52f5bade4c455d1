/* libhurd-mm's own metadata memory: whole pages (shadow directories'
   entries, the cap-area bitmap, the region map) and 64-byte chunks
   (folio descriptors, directory headers, regions).

   Metadata pages are page objects from the metadata pool, mapped in the
   metadata window (as.h) and reached through mm_env_window.  The first
   META_BOOT_PAGES come from the library's .bss so that bootstrap needs
   no mapping.

   The reserve.  meta_page_alloc never maps anything: it pops a page
   that is already mapped.  hurd_mm_replenish (as_replenish) tops the
   free list up to META_RESERVE_PAGES between operations.  One
   operation needs at most 4 directory pages (3 new cappages on the path
   to a page, 1 in the cap area for a new folio cap) plus 1 page to
   carve chunks from; refilling needs at most 3 per mapped page.  8
   covers both with room.  */
#ifndef MM_META_H
#define MM_META_H

#include <stdint.h>

#define META_CHUNK 64
#define META_RESERVE_PAGES 8
#define META_BOOT_PAGES 12

void meta_init (void);

/* A zeroed page or chunk; NULL if the free list is empty.  */
void *meta_page_alloc (void);
void *meta_chunk_alloc (void);
void meta_page_free (void *page);
void meta_chunk_free (void *chunk);

/* Give the mapped, unused page PAGE to the free list.  */
void meta_page_add (void *page);

/* Free pages now.  */
unsigned meta_free_pages (void);

#endif
