/* Address spaces: the cap tree, and the hardware page tables that cache
   it.  See doc/address-spaces.md.

   The tree.  A thread translates user addresses through a 4-level radix
   tree of cappages rooted at a cappage cap (its AS root).  Level L
   (1..4) indexes its cappage with VA bits 43-8(L-1)..36-8(L-1), so the
   tree covers a 44-bit user VA space and the level-4 slot for VA holds
   the page cap that maps it.  The same tree is the thread's cap space:
   a vg_addr_t of depth D names the slot reached after D cappages
   (<vg/addr.h>).  Rights narrow along the path: a mapping is writable
   only if every cap on the path, the page cap included, has
   VG_RIGHT_WRITE.

   The cache.  struct as_cache holds one thread's hardware page tables
   (a struct pt_space), built on fault by as_fault and never the
   authority for anything: it can be dropped and rebuilt at any time.
   Every table frame, the root included, and every reverse-map page is a
   frame taken from pmm and charged to the cache's PAYER activity as a
   resident frame (frame kinds FRAME_PTABLE and FRAME_RMAP, priority
   AS_FRAME_PRIORITY, discardable), within the payer's frame limits
   (activity.h).  When a frame cannot be had, the payer's coldest leaf
   tables are dropped (as_shrink) and the fault retried; then the cache
   drops all its own tables and retries once more; if that fails too,
   the fault fails with VG_EFRAMES (a frame limit on the payer's path is
   reached) or VG_ENOMEM.  No other principal's frames and no kernel
   pool are ever used.

   Exec policy.  Caps carry no exec right yet, so every page that can be
   read can be executed, but lazily: read and write faults install NX
   mappings; only an instruction fetch makes a mapping executable (and
   permissions of one mapping only grow until it is dropped).  Pages that
   are never fetched from stay NX.

   Revocation.  A mapping never outlives the caps it came from.  The
   reverse map (as_rmap.h) lists every mapping of each page's data frame;
   object.c calls as_object_destroyed whenever an object's data frame is
   freed (destruction, version bump, folio free), and every store into a
   cappage goes through as_slot_store, which shoots down whatever the old
   cap could have mapped.  Destroying or replacing a cappage cap (a whole
   subtree) flushes exactly the caches that translate through that
   cappage (found through its path records, as_rmap.h), no others.

   Lifetime.  A cache lives from as_cache_init to as_cache_fini.  If its
   payer activity is destroyed first, the reap queue calls
   as_payer_release, which frees the cache's frames while the payer's
   counters are still readable and leaves the cache without tables and
   payer (faults then fail with VG_ENOMEM until it is re-inited).  If the
   object holding the cache (a thread) is destroyed without
   as_cache_fini, as_object_destroyed finalises every cache that lives
   in the freed frame.

   Legend: [I] set by as_cache_init; [A] changed only by as*.c.  Single
   CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_AS_H
#define VG_AS_H

#include <arch/pt.h>
#include <vg/addr.h>
#include <vg/cap.h>
#include <vg/error.h>

#include "types.h"

struct activity;

/* Priority at which cache frames are charged.  */
#define AS_FRAME_PRIORITY 0

struct as_cache
{
  struct pt_space pt;           /* [A] pt.root == 0: no tables.  */
  struct activity *payer;       /* [I] NULL once the payer died.  */
  struct as_cache *next, *prev; /* [A] Every live cache.  */
  struct as_cache *payer_next, *payer_prev; /* [A] The payer's caches.  */
  uint32_t rmap_pages;              /* [A] This cache's reverse-map front
                                       pages (frame index list;
                                       FRAME_NONE).  */
  uint32_t nrmap;                   /* [A] Reverse-map frames held (two
                                       per leaf table).  */
  uint64_t faults, drops, refusals; /* [A] Statistics: faults resolved,
                                       times the tables were dropped for
                                       memory, VG_ENOMEM returned.  */
  bool live;                        /* [A] Between init and fini.  */
};

/* Empty cache; its root table (and every later table and reverse-map
   page) is a frame charged to PAYER.  VG_ENOMEM if no frame.  */
int as_cache_init (struct as_cache *c, struct activity *payer);
/* Unmap everything, free and uncharge every frame; C is dead until
   re-inited.  Harmless on a dead cache.  */
void as_cache_fini (struct as_cache *c);
/* Drop all user mappings and every table but the root.  */
void as_cache_flush (struct as_cache *c);
/* Load C into CR3 (NULL, or a cache without tables: the kernel-only
   space).  */
void as_cache_activate (struct as_cache *c);

/* Frames C holds (tables, root included, and reverse-map pages): what
   its payer is charged for it.  */
uint64_t as_cache_frames (const struct as_cache *c);

/* Resolve a user access at VA through the tree under ROOT and install
   the mapping in C.  VG_OK: retry the access.  VG_EVOID: nothing mapped
   there.  VG_EPERM: write through a path without VG_RIGHT_WRITE.
   VG_EDEADCAP: a dead cap on the path.  VG_ETYPE: a non-cappage cap on
   the path or a non-page cap at the leaf.  VG_ENOMEM: no frame for the
   page or a table even after dropping C's own tables (or C has no payer
   any more).  VG_EINVAL: VA outside the 44-bit user space.  Nothing is
   changed on error, except that C's tables may have been dropped.  */
int as_fault (struct as_cache *c, const struct vg_cap *root, uint64_t va,
              bool write, bool exec);

/* The cap slot ADDR names under ROOT (depth D: walk D cappages, the
   level-D index from ADDR's VA bits).  WRITE: the caller will store into
   it, so every cappage cap on the path needs VG_RIGHT_WRITE.  Errors:
   VG_EINVAL (malformed or void ADDR), VG_EVOID (void cap on the path, or
   ROOT NULL), VG_EDEADCAP, VG_ETYPE (non-cappage on the path),
   VG_EPERM.  */
int as_slot (const struct vg_cap *root, vg_addr_t addr, bool write,
             struct vg_cap **slot);

/* Store CAP into SLOT, first shooting down every hardware mapping that
   could derive from the cap being replaced: a page cap's frame is
   unmapped everywhere; a cappage cap (a subtree) flushes the caches
   that translate through that cappage.  */
void as_slot_store (struct vg_cap *slot, const struct vg_cap *cap);

/* Mappings a system call unmaps per run before it stores over a
   cappage cap (as_slot_store_ready).  */
#define AS_STORE_CHUNK 2048

/* For a system call about to store over SLOT (bounded work,
   doc/architecture.md): if SLOT holds a live cappage cap, unmap a chunk
   of at most AS_STORE_CHUNK mappings of the caches that translate
   through that cappage; if it holds a live page cap, of that page's
   frame (mapped through other slots too, as an aliased page is).  True
   when none is left, so as_slot_store's own shoot-down frees only
   tables; false after a chunk: the caller restarts (nothing visible
   has changed: a cache may drop mappings at any time).  Always true for
   other caps.  */
bool as_slot_store_ready (const struct vg_cap *slot);

/* The same with a budget that several stores of one run share (an IPC
   delivery stores up to five caps): unmap at most *BUDGET mappings,
   decreasing it.  */
bool as_slot_drain (const struct vg_cap *slot, unsigned *budget);

/* A bounded chunk of as_object_destroyed's work, done before the
   object's destruction commits (bounded work, doc/architecture.md):
   unmap up to *BUDGET mappings of FRAME (a page) or of the caches that
   translate through it (a cappage), decreasing *BUDGET.  True once
   nothing is left, so as_object_destroyed only frees tables; false when
   the budget ran out: the caller restarts.  Nothing visible changes (a
   cache may drop mappings at any time).  Other objects: true.  */
bool as_object_drain (uint32_t frame, unsigned *budget);

/* The same for a cache about to be finalised (a thread's): unmap up to
   *BUDGET of C's mappings; true once it has none, so as_cache_fini
   only frees tables.  */
bool as_cache_drain (struct as_cache *c, unsigned *budget);

/* Called by object.c when an object's data frame is freed or its
   version bumped (before the frame is freed): unmap every mapping of
   that frame (a page) or flush the caches that translate through it (a
   cappage).  A thread's own cache is finalised by thread_destroy.  */
void as_object_destroyed (uint32_t frame);

/* For the reap queue (obj/reap.h), after A's teardown committed: unmap
   and free the caches the doomed activity A pays for (found through
   its own list: O(its caches), not O(every cache)), up to *BUDGET units
   (a mapping is one, a table AS_TABLE_COST), leaving each without tables
   and payer; true once A pays for none.  */
bool as_payer_release (struct activity *a, unsigned *budget);
#define AS_TABLE_COST 10

/* Drop frames of the caches A pays for until WANT frames are freed or
   nothing is left to drop: first the coldest leaf tables with their
   reverse-map pairs (least recently faulted into first), never the six
   warmest (one instruction may need that many pages mapped at once),
   then, if that was not enough, the tables left above the leaves of
   one cache that has no leaf left.  Returns 0
   when only the warmest tables are left: a caller at a frame limit
   then takes data instead (reclaim.c), since dropping the tables the
   faulting thread is using only makes it fault again.  Returns how
   many frames were freed (counted in A's cache_dropped).  Bounded: at
   most WANT/3 + 1 leaves and one cache flush, each O(512).  Must not
   run inside a pt_map of one of A's caches.  */
uint64_t as_shrink (struct activity *a, uint64_t want);

/* The scheduler calls this on every switch (NULL: no user space).  The
   kernel's user-copy fault path (uentry_kernel_user_fault) resolves
   through C and a copy of ROOT.  */
void as_set_current (struct as_cache *c, const struct vg_cap *root);

/* Map ADDR for a kernel access (a write if WRITE) that faulted: VG_OK
   if mapped (retry the access), OBJ_NOFRAME if room must be made first
   (obj/room.h: uentry_kernel_user_fault reclaims and calls this again),
   else VG_EFAULT.  A page on the swap disk (or memory the fault must
   wait for) makes the access fail; while AS_COPY_MAY_WAIT is set (a
   system call's copy that may wait: sys_copyin) the current thread
   then stays on the page-in's wait queue, and as_copy_waited says so
   (the caller returns SYS_RESTART_WAIT); otherwise it is taken off
   again.  */
int as_kernel_user_fault (uint64_t addr, bool write);
extern bool as_copy_may_wait;
bool as_copy_waited (void);

#endif
