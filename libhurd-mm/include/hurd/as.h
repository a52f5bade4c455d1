/* Address-space management: the cap tree libhurd-mm builds, and the
   parts of the virtual address space it reserves for itself.

   Layout (44-bit VA, level-1 slot I covers [I << 36, (I + 1) << 36)):
     - level-1 slots outside the range given to as_init belong to
       someone else (the program image, the loader's stack): marked
       SHADOW_FOREIGN and never touched;
     - slot AS_META_L1 is the metadata window: metadata pages (meta.h)
       are mapped there, one after another;
     - slot AS_CAP_L1 is the cap area: depth-4 slots there hold caps
       that are not mappings, i.e. the folio caps of the storage pools
       (slot K at VG_ADDR (AS_CAP_BASE + K * 4096, 4)).

   Mapping an object at VA creates the missing cappages on the path
   (levels 2-4) from the metadata pool, puts the object's cap in the
   depth-4 slot with vg_object_alloc, reduces its rights with
   vg_cap_copy if asked, and records all of it in the shadow tree
   (shadow.h), so that as_lookup answers without a system call.

   Bootstrap (as_init): the first metadata folio is allocated into the
   still-empty level-1 slot of the metadata window, the cap area's first
   cappages are made from it, then its cap moves to cap-area slot 0 and
   the window slot is cleared.

   Single-threaded (see storage.h).  */
#ifndef HURD_AS_H
#define HURD_AS_H

#include <stdint.h>

#include <hurd/shadow.h>
#include <hurd/storage.h>
#include <vg/addr.h>
#include <vg/error.h>

#define AS_L1_SPAN ((uint64_t)1 << 36)
#define AS_META_L1 254u
#define AS_CAP_L1 255u
#define AS_META_BASE ((uint64_t)AS_META_L1 << 36)
#define AS_CAP_BASE ((uint64_t)AS_CAP_L1 << 36)
#define AS_VA_END ((uint64_t)1 << 44)
/* Cap-area slots: one bitmap page's worth.  */
#define AS_CAP_SLOTS (4096 * 8)
#define AS_PAGE 4096ull

/* The policy of libhurd-mm's own objects (cappages, metadata pages):
   important, highest priority.  */
extern const struct vg_object_policy as_meta_policy;

/* Set up: META_ACTIVITY pays for all metadata; [LO, HI) (level-1
   aligned, below AS_META_BASE) is the part of the address space
   libhurd-mm may map in.  Errors from the kernel (VG_EQUOTA...).  */
vg_error_t as_init (vg_addr_t meta_activity, uint64_t lo, uint64_t hi);

struct shadow_dir *as_root (void);
struct storage_pool *as_meta_pool (void);

/* Top the reserves up (storage.h and meta.h explain them).  */
vg_error_t as_replenish (void);

/* The shadow entry of the page slot at VA, or NULL if no cappage leads
   there.  No system call.  */
struct shadow_entry *as_lookup (uint64_t va);

/* Map a new object of TYPE with POLICY from POOL at VA (page aligned,
   in our part of the space, slot empty) with RIGHTS.  *OUT (may be
   NULL) receives the object.  VG_EBUSY if the slot is taken or
   foreign; storage errors.  */
vg_error_t as_map (uint64_t va, struct storage_pool *pool, enum vg_type type,
                   struct vg_object_policy policy, uint8_t rights,
                   struct storage_obj *out);

/* Re-create the object mapped at VA in place (same storage slot, new
   version, fresh contents) with POLICY and RIGHTS.  */
vg_error_t as_renew (uint64_t va, struct vg_object_policy policy,
                     uint8_t rights);

/* Unmap the object at VA and free it; the empty entry keeps FLAGS.
   Unmapping an empty slot only sets FLAGS.  */
vg_error_t as_unmap (uint64_t va, uint8_t flags);

/* Reduce the rights of the cap at VA to RIGHTS (VG_EPERM if that would
   add a right: the ABI cannot strengthen a cap).  */
vg_error_t as_protect (uint64_t va, uint8_t rights);

/* Cap-area slots for non-mapping caps.  */
vg_error_t as_cap_slot_alloc (vg_addr_t *out);
void as_cap_slot_note (vg_addr_t slot, uint8_t type, void *desc);
void as_cap_slot_free (vg_addr_t slot);

/* Statistics for tests: cappages made, metadata pages mapped.  */
uint64_t as_cappages (void);
uint64_t as_meta_mapped (void);

#endif
