/* The storage allocator: object slots from folios.

   Model.  A pool belongs to one activity.  It holds folios allocated
   from that activity (vg_folio_alloc into a cap slot of the program's
   cap area, see as.h) and hands out their 128 object slots one at a
   time (vg_object_alloc of a type with a policy into a destination
   slot).  A freed slot's object is destroyed at once (vg_object_alloc
   of VG_TYPE_VOID), so its frame stops being charged; a folio whose
   slots are all free is returned to the activity (vg_folio_free),
   except the pool's last folio, which is kept to avoid thrashing.

   Metadata.  The folio descriptors (struct storage_folio, 64 bytes
   each) are libhurd-mm metadata: they live in metadata pages (meta.h),
   whose storage comes from the metadata pool, charged to the activity
   named at hurd_mm_init.

   The reserve.  A page fault must never wait on, or recurse into, the
   allocation of the storage that resolving it needs.  So the metadata
   pool keeps at least STORAGE_RESERVE free object slots, topped up by
   hurd_mm_replenish() at the start of every top-level operation (a
   fault, mmap, sbrk, region creation), never in the middle of one.
   Inside an operation, storage_alloc on the metadata pool only takes
   slots that are already there.  STORAGE_RESERVE bounds one operation's
   metadata objects: mapping a page creates at most 3 cappages (levels
   2-4); a new data folio needs a cap slot, which may need 1 cappage in
   the cap area; a new metadata page needs at most 3 more cappages and
   the page itself: 8 in all.  A data pool has no reserve: it grows on
   demand, and its growth needs only metadata (a descriptor chunk and a
   cap slot), which the reserve covers.

   Single-threaded for now: the activation runtime will serialise
   faults; callers hold no lock.  */
#ifndef HURD_STORAGE_H
#define HURD_STORAGE_H

#include <stdbool.h>
#include <stdint.h>

#include <vg/addr.h>
#include <vg/error.h>
#include <vg/object.h>

#define STORAGE_RESERVE 8

struct hurd_oid_block;

/* One folio of a pool.  */
struct storage_folio
{
  struct storage_folio *next, *prev; /* The pool's folio list.  */
  struct storage_pool *pool;         /* The owning pool.  */
  vg_addr_t cap;                     /* The folio cap's slot.  */
  uint64_t used[2];                  /* Bit I: slot I is allocated.  */
  uint32_t nfree;                    /* Free slots.  */
  uint32_t reserved;
  struct hurd_oid_block *oids; /* Slot addresses by oid (hurd/notice.h);
                                  NULL if not tracked.  */
};
_Static_assert(sizeof (struct storage_folio) <= 64, "storage_folio");

/* A pool of folios allocated from one activity.  */
struct storage_pool
{
  vg_addr_t activity;          /* [I] Who pays.  */
  struct storage_folio *first; /* Folios with a free slot first.  */
  uint64_t folios;             /* Folios held.  */
  uint64_t free_slots;         /* Free object slots in them.  */
  uint64_t folio_allocs;       /* Folios ever allocated (statistics).  */
  bool meta;                   /* The metadata pool: no growth while an
                                  operation runs (see above).  */
};

/* An allocated object: which slot of which folio.  */
struct storage_obj
{
  struct storage_folio *folio;
  unsigned slot;
};

/* Set up P for ACTIVITY, holding no folios.  */
void storage_pool_init (struct storage_pool *p, vg_addr_t activity, bool meta);

/* Adopt the folio whose cap is in slot CAP (already allocated from P's
   activity) into P; DESC is its descriptor's memory.  Used to
   bootstrap the metadata pool.  */
void storage_adopt (struct storage_pool *p, struct storage_folio *desc,
                    vg_addr_t cap);

/* Make sure P has at least N free slots, allocating folios as needed.
   VG_EQUOTA/VG_ENOMEM from the kernel, VG_ENOMEM if metadata ran out.  */
vg_error_t storage_grow (struct storage_pool *p, uint64_t n);

/* Create an object of TYPE with POLICY in a free slot of P and put a
   full-rights cap to it in DST (or VG_ADDR_VOID).  Grows a data pool by
   a folio when it has no free slot; the metadata pool fails with
   VG_ENOMEM instead (its reserve is topped up between operations).  */
vg_error_t storage_alloc (struct storage_pool *p, enum vg_type type,
                          struct vg_object_policy policy, vg_addr_t dst,
                          struct storage_obj *out);

/* Re-create the object in O (same slot, new version, fresh contents)
   with TYPE and POLICY, putting a cap in DST.  */
vg_error_t storage_renew (struct storage_obj o, enum vg_type type,
                          struct vg_object_policy policy, vg_addr_t dst);

/* Destroy O's object and free its slot; frees the folio when it is empty
   and not the pool's last.  */
void storage_free (struct storage_obj o);

#endif
