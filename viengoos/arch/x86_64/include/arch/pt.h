/* Hardware page tables for user address spaces (x86-64, 4-level).

   Model: the hardware tables are only a cache of the address space the
   object layer keeps (DESIGN.md section 4), so they can be dropped and
   rebuilt at any time.  The module owns no memory: every table page,
   the root included, comes from the caller's alloc_table callback and
   goes back through free_table, so the object layer can charge each
   frame to the activity that caused it (pt_space_tables says how many a
   space holds).

   A space's PML4 shares the kernel half (entries 256-511) with boot_pml4
   by copying those entries at creation; the kernel never adds PML4
   entries after boot (arch_mm_init runs before any space exists), so
   the copies stay valid.  Only 4 KiB user pages are mapped.
   Intermediate entries are present|writable|user; the leaf carries the
   permissions.

   Invariants: every table reachable from the user half of root was
   obtained from alloc_table and is counted in ntables; tables are freed
   only by pt_space_destroy and pt_space_clear (an empty table left by
   pt_unmap stays until then).

   Locking: none; the caller serializes operations on a space (single CPU,
   interrupts may run but never touch user page tables).  */
#ifndef ARCH_PT_H
#define ARCH_PT_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t paddr_t;

/* Mapping permissions.  Present and readable are implied.  */
#define PT_WRITE 1u /* Writable.  */
#define PT_USER 2u  /* Accessible from ring 3.  */
#define PT_EXEC 4u  /* Executable (otherwise NX is set).  */

/* Results.  */
#define PT_OK 0
#define PT_ENOMEM 1 /* alloc_table returned 0; nothing was changed.  */
#define PT_EINVAL 2 /* Address unaligned or outside the user half.  */

struct pt_alloc
{
  /* A zeroed-or-not frame for a table, or 0 on failure.  pt zeroes it. */
  paddr_t (*alloc_table) (void *ctx);
  /* Take back a frame alloc_table gave.  */
  void (*free_table) (void *ctx, paddr_t table);
  void *ctx;
};

struct pt_space
{
  paddr_t root;     /* PML4 physical address; 0 once destroyed.  */
  uint64_t ntables; /* Table frames held, the root included.  */
  uint64_t nmapped; /* Leaf mappings present.  */
};

/* Bumped whenever a mapping in any space is removed or replaced (so a
   caller that saw VA mapped can tell, in O(1), that it still is while
   this has not moved: the activation area's check).  Never reset.  */
extern uint64_t pt_unmap_gen;

/* Create an empty user space (a PML4 with the kernel half).  Returns
   PT_OK or PT_ENOMEM.  */
int pt_space_create (struct pt_space *s, const struct pt_alloc *a);

/* Free every table of S (the user half and the root) through A.  Mapped
   frames are not freed: they belong to the caller.  If S is the current
   space, the kernel's own tables are loaded first.  */
void pt_space_destroy (struct pt_space *s, const struct pt_alloc *a);

/* Free every table of S's user half through A, keeping the root, so S
   maps nothing (every user translation is flushed if S is current).
   This is how a cache drops its tables under memory pressure.  */
void pt_space_clear (struct pt_space *s, const struct pt_alloc *a);

/* Map the 4 KiB page at user address VA to frame PA (page-aligned,
   non-zero; PT_EINVAL otherwise, as for a VA that is unaligned or not
   below USER_SPACE_END) with FLAGS,
   replacing any existing mapping (and flushing it from the TLB).  Needs
   up to three new tables; if any allocation fails, the ones already
   taken are returned and PT_ENOMEM comes back with S unchanged.  */
int pt_map (struct pt_space *s, const struct pt_alloc *a, uint64_t va,
            paddr_t pa, unsigned flags);

/* Remove the mapping of VA, flushing it from the TLB.  Returns the frame
   that was mapped, or 0 if none was.  */
paddr_t pt_unmap (struct pt_space *s, uint64_t va);

/* What one walk of S to VA finds (pt_probe): the leaf table covering
   VA (0 if a table on the way is missing), how many tables a pt_map of
   VA would make, and the mapping of VA (PA 0 if none) with its PT_*
   flags.  One walk instead of one per question on the fault path.  */
struct pt_probe
{
  paddr_t table;
  unsigned need;
  paddr_t pa;
  unsigned flags;
};
void pt_probe (const struct pt_space *s, uint64_t va, struct pt_probe *p);

/* Whether VA is mapped in S; if so, its frame and flags.  */
bool pt_lookup (const struct pt_space *s, uint64_t va, paddr_t *pa,
                unsigned *flags);

/* Whether the leaf (last-level) table covering VA exists; if so, its
   physical address in *PT.  Lets the object layer keep per-leaf-table
   bookkeeping (the reverse map) without knowing the table format.  */
bool pt_leaf_table (const struct pt_space *s, uint64_t va, paddr_t *pt);

/* Whether the mapping of VA was accessed since the last call (the
   hardware's accessed bit), clearing the bit.  False if VA is not
   mapped.  */
bool pt_test_clear_accessed (struct pt_space *s, uint64_t va);

/* Detach the leaf table covering VA, which must map nothing, from S and
   return its physical address (the caller frees it; S no longer counts
   it), or 0 if there is none.  Tables above it stay, even if empty.
   The paging-structure caches are flushed for it.  */
paddr_t pt_leaf_detach (struct pt_space *s, uint64_t va);

/* Table frames S holds (what the object layer charges).  */
uint64_t pt_space_tables (const struct pt_space *s);

/* Load S into CR3 (a no-op if it is current), or the kernel-only tables
   for NULL.  */
void pt_activate (const struct pt_space *s);

/* Whether S is the space CR3 holds.  */
bool pt_is_current (const struct pt_space *s);

#endif
