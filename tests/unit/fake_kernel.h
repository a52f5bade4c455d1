/* An in-process fake kernel for libhurd-mm's host tests.

   The user stubs (<vg/stubs.h>) trap into fake_kernel_trap, which
   implements cap_copy, cap_clear, cap_info, cap_oid, folio_alloc,
   folio_free, object_alloc, object_discard and activity_stats (and
   records activity_notices) over the real object store (booted by
   objstore_fixture), walking a 4-level cap tree rooted in one cappage
   as <vg/addr.h> describes.  The caller's activity is the root
   activity.  fake_touch plays the MMU: it resolves an access through
   the tree and raises hurd_mm_fault where the hardware would.  */
#ifndef FAKE_KERNEL_H
#define FAKE_KERNEL_H

#include <stdbool.h>
#include <stdint.h>

#include <vg/activity.h>
#include <vg/addr.h>
#include <vg/cap.h>
#include <vg/object.h>

/* Where the program's and the metadata activity caps are (depth-2
   slots under level-1 slot 0, the "program image" part).  */
#define FK_PROG VG_ADDR ((uint64_t)1 << 28, 2)
#define FK_META VG_ADDR ((uint64_t)2 << 28, 2)

/* Boot the object store with MIB MiB and set up the root cappage and
   the two activities (no quota).  */
void fake_kernel_boot (unsigned mib);

/* Calls made, by system-call number.  */
extern uint64_t fake_kernel_calls[256];

/* Make the next call NR fail with ERR after SKIP more calls NR succeed
   (once; fake_kernel_boot disarms it).  */
void fake_kernel_fail_call (uint64_t nr, unsigned skip, uint64_t err);

/* Set an activity's folio quota (0: none).  */
void fake_kernel_set_quota (vg_addr_t activity, uint64_t folios);
struct vg_activity_stats fake_kernel_stats (vg_addr_t activity);

/* The live cap in the slot at VA, depth 4: its type (VG_TYPE_VOID if
   empty or dead), rights and its object's policy.  */
unsigned fake_kernel_type (uint64_t va);
unsigned fake_kernel_rights (uint64_t va);
struct vg_object_policy fake_kernel_policy (uint64_t va);

/* The oid of the cap in the slot at VA, depth 4.  */
uint64_t fake_kernel_oid (uint64_t va);

/* Whether the page at VA is discarded.  */
bool fake_kernel_discarded (uint64_t va);
/* The cap in SLOT (which must hold one).  */
struct vg_cap fake_kernel_cap (vg_addr_t slot);

/* activity_notices is recorded, not acted on: the last call's
   arguments and the number of calls.  */
struct fake_kernel_notices
{
  uint64_t calls, activity, thread, events, arg;
};
extern struct fake_kernel_notices fake_kernel_notices;

/* Play the reclaimer: poison the page at VA and mark it discarded.  */
void fake_kernel_discard (uint64_t va);

/* Play the MMU: access VA (write or read), faulting into hurd_mm_fault
   as hardware would; on success *P points at the byte.  Returns VG_OK or
   the fault handler's error.  */
int fake_touch (uint64_t va, bool write, uint8_t **p);

/* fake_kernel_boot (64) and hurd_mm_init with FK_PROG paying for pages
   and FK_META for metadata, in the default range.  */
void fake_kernel_mm_init (void);
#endif
