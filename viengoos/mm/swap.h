/* The swap store: important pages written to a disk and read back
   exactly (doc/backing-store.md).

   Model.  The swap disk (blk_swap_dev) is cut into blocks of one page
   (8 sectors); block B is sectors 8B..8B+7.  A page on disk is named by
   a struct swap_loc: its block and the CRC32C of its contents, kept in
   memory beside the location (in the folio header, beside the slot,
   when the object layer records it), never on the disk.  The image is
   scratch space: nothing survives a reboot.

   Allocation.  A bitmap, one bit per block, next-fit.  Each block is
   charged to an activity, but by the object layer, not here: the store
   knows no activities, so it sits below the object store
   (obj/swapobj.h: swapobj_over_quota, swapobj_charge and
   swapobj_uncharge keep swap_local and swap_total).  The caller passes
   its quota verdict in: an allocation fails with VG_ENOMEM if the disk
   is full, else with VG_EQUOTA if OVER_QUOTA (the activity or an
   ancestor at a non-zero policy.swap_quota), both counted.

   Memory.  The bitmap (32 KiB per GiB of swap) is taken from pmm by
   swap_init during boot, before the root task runs, and is subtracted
   from the root activity's grant (activity_root_grant), so the root
   pays for it as it pays for the machine; it never grows.  The
   in-flight operations are a fixed array in the kernel image
   (SWAP_INFLIGHT); a caller that finds it full retries later.  Per page
   the store keeps nothing else: the swap_loc lives with the object.

   Write-back.  swap_write takes a frame, allocates a block, computes the
   checksum and queues the write without waiting; at most SWAP_INFLIGHT
   pages are in flight, and the disk queue issues the next command from
   each completion interrupt, so a batch costs one submission per page
   and no waiting.  DONE runs from the completion interrupt with the
   result: on success the caller commits (records the loc, frees the
   frame) unless the page was written again meanwhile, in which case it
   calls swap_block_free on the new block (no lost update: the frame
   stays, dirty); on error the block is already freed (the caller drops
   its charge), the frame stays resident, and the error is counted.

   Read-back.  swap_read queues a read of LOC's block into a frame;
   DONE gets VG_OK only if the data's CRC32C matches LOC's, else
   VG_ECHECKSUM (counted; the frame's contents must not be used), or
   VG_EIO / VG_ETIMEDOUT from the disk.

   Single CPU; the store's state changes with interrupts off.  */
#ifndef VG_SWAP_H
#define VG_SWAP_H

#include "dev/blk.h"
#include "types.h"

#define SWAP_NONE UINT32_MAX   /* No block.  */
#define SWAP_SECT_PER_BLOCK 8  /* 4 KiB blocks.  */
#define SWAP_MIN_BLOCKS 64     /* A smaller disk is refused.  */
#define SWAP_MAX_MAP_PAGES 512 /* Bitmap pages: 64 GiB of swap at most.  */
#define SWAP_INFLIGHT 64       /* Operations in flight at once.  */

/* Where a page's copy is, and its checksum.  */
struct swap_loc
{
  uint32_t block; /* SWAP_NONE: no copy.  */
  uint32_t crc;   /* CRC32C of the 4 KiB.  */
};

struct swap_op;
typedef void swap_done_fn (struct swap_op *op, int status);

/* One operation in flight (the store's; the caller sees it in DONE).  */
struct swap_op
{
  struct blk_req req;
  struct swap_loc loc; /* The block and checksum.  */
  uint64_t frame_phys; /* The page's frame.  */
  swap_done_fn *done;  /* The caller's completion.  */
  void *arg;           /* The caller's.  */
  bool busy;
};

struct swap_stats
{
  uint64_t writes, reads;             /* Pages written, read back (OK).  */
  uint64_t write_errors, read_errors; /* VG_EIO or VG_ETIMEDOUT.  */
  uint64_t checksum_errors;           /* Reads refused: VG_ECHECKSUM.  */
  uint64_t quota_refusals;            /* swap_block_alloc: VG_EQUOTA.  */
  uint64_t full_refusals;             /* ... VG_ENOMEM (disk full).  */
  uint64_t busy_refusals;             /* No free operation: VG_EBUSY.  */
};

/* Use the disk D (NULL: none; the store stays absent and important
   pages stay resident).  Boot only, before the root task runs and
   before activity_root_grant is repeated.  VG_OK, or VG_ERANGE if the
   disk is smaller than SWAP_MIN_BLOCKS (logged; no store), or VG_ENOMEM
   if the bitmap's frames are not there.  */
int swap_init (struct blk_dev *d);
bool swap_present (void);
uint64_t swap_blocks (void);      /* Blocks in the store.  */
uint64_t swap_blocks_free (void); /* Not allocated.  */
uint64_t swap_map_frames (void);  /* Frames the bitmap takes.  */
const struct swap_stats *swap_get_stats (void);

/* Allocate a block: VG_ENOMEM (disk full or no store), else VG_EQUOTA
   if OVER_QUOTA (the caller's activity or an ancestor is at its swap
   quota).  */
int swap_block_alloc (bool over_quota, uint32_t *block);
/* Free BLOCK (the caller drops its charge).  */
void swap_block_free (uint32_t block);

/* Queue the write of the page at physical FRAME_PHYS to a new block;
   DONE (OP, status) from the completion interrupt.  Errors at
   submission (nothing queued): VG_EBUSY (SWAP_INFLIGHT operations in
   flight), then as swap_block_alloc.  */
int swap_write (bool over_quota, uint64_t frame_phys, swap_done_fn *done,
                void *arg);
/* Queue the read of LOC's block into FRAME_PHYS; DONE as above with
   VG_OK, VG_ECHECKSUM, VG_EIO or VG_ETIMEDOUT.  VG_EBUSY if no
   operation is free, VG_EINVAL if LOC names no block.  */
int swap_read (const struct swap_loc *loc, uint64_t frame_phys,
               swap_done_fn *done, void *arg);
/* Operations in flight.  */
unsigned swap_inflight (void);

#endif
