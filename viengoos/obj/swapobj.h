/* The swap store in the object layer: important pages evicted to disk
   by the reclaimer and read back on the next touch (see
   doc/backing-store.md, "The store in the object layer").

   Records.  Each folio header keeps, per slot, a struct swap_loc (block
   and CRC32C) and a state byte (FOLIO_SWAP_*, folio.h):
   ON_DISK: the record names a valid copy of the page;
   WRITEBACK: a write of the resident frame is in flight;
   PAGEIN: a read into a fresh frame is in flight (the slot has no
   frame until it completes);
   ECHECKSUM, EIO: the last read failed; the next touch reports it once
   (a fault with that cause) and the touch after it tries again.

   Eviction (swapobj_evict, from reclaim_take for an important victim).
   A clean page with a valid copy is dropped without I/O.  Otherwise the
   page is unmapped everywhere, its DIRTY bit cleared and its write
   queued (swap_write, charged to the folio's owner; never waiting).
   The completion frees the frame unless the page was written again
   meanwhile (DIRTY set by the fault that remapped it): then the new
   block is freed and the page stays resident.  A failed write leaves
   the page resident and is counted.  No disk, the owner at its swap
   quota, the disk full or SWAP_INFLIGHT operations in flight: the page
   stays resident and the reclaimer moves on.

   Page-in (swapobj_page_in, from object_page_claim).  A slot with a copy
   on disk and no frame gets a frame and a read; the touching thread
   waits on one of SWAPOBJ_QUEUES wait queues (hashed by slot) through
   the restart machinery (sys/restart.h) and retries when the read
   completes.  With no current thread (boot, kernel tests) it halts with
   interrupts on until the read is done.  The completion checks the
   CRC32C (swap.c): a mismatch frees the frame and marks the slot, so the
   retried touch fails with VG_ECHECKSUM, never with the data.

   Destruction and discard (swapobj_slot_clear) free the slot's block
   and turn an operation in flight for it into an orphan whose
   completion only frees what it holds.

   Single CPU; completions run from the disk interrupt, which the kernel
   takes only from user mode, the idle loop or a wait below, when no
   kernel operation is half done.  */
#ifndef VG_SWAPOBJ_H
#define VG_SWAPOBJ_H

#include "types.h"

struct activity;
struct folio;
struct vg_swap_stats;

/* SYS_RESTART_WAIT (sys/restart.h, which obj/ may not include; uentry.c
   checks they agree): the current thread is on a wait queue.  */
#define SWAPOBJ_WAIT (-2)

enum swapobj_evict_result
{
  SWAPOBJ_STAY,   /* Stays resident; take the next victim.  */
  SWAPOBJ_FREED,  /* Dropped now (a clean page with a copy on disk).  */
  SWAPOBJ_QUEUED, /* Write queued; the frame is freed on completion.  */
  SWAPOBJ_BUSY,   /* Stays, and no other important page of this
                     activity can go either for now: SWAP_INFLIGHT
                     operations are in flight, or the owner (or an
                     ancestor) is at its swap quota, or the disk is
                     full.  */
};

struct swapobj_stats
{
  uint64_t written;        /* Pages evicted by a write.  */
  uint64_t dropped_clean;  /* Pages dropped with a valid copy, no I/O.  */
  uint64_t redirtied;      /* Written again during write-back: kept.  */
  uint64_t write_kept;     /* Write failed: kept resident.  */
  uint64_t refused;        /* Quota, disk full.  */
  uint64_t busy;           /* SWAP_INFLIGHT operations in flight.  */
  uint64_t page_ins;       /* Reads started.  */
  uint64_t page_in_errors; /* Reads failed (checksum or disk).  */
  uint64_t waits;          /* Threads made to wait.  */
};

/* Important data frames count as evictable (activity.c): true when a
   swap disk is in use; fixed before the first frame is charged.  */
bool swapobj_evicts_important (void);

/* Frames that writes in flight will free when they complete (a page
   written again meanwhile keeps its frame, so this is an upper bound):
   the reclaimer counts them as free so that it does not evict more
   while they are on their way.  */
uint64_t swapobj_frames_pending (void);

/* Swap accounting (the store, mm/swap.h, knows no activities): whether
   N more blocks would take A or an ancestor past a non-zero swap quota;
   charge or uncharge one block to A (swap_local) and its ancestors
   (swap_total).  */
bool swapobj_over_quota (const struct activity *a, uint64_t n);
void swapobj_charge (struct activity *a);
void swapobj_uncharge (struct activity *a);

/* Blocks of the swap disk the root activity's folio quota may add to
   memory (activity_root_grant): the store's size, 0 without a disk.  */
uint64_t swapobj_backing_blocks (void);

/* Evict the resident important page in slot S of F.  */
enum swapobj_evict_result swapobj_evict (struct folio *f, unsigned s);

/* Slot S has no frame but needs the store (a copy on disk, a read in
   flight or a read error to report).  */
bool swapobj_pending (const struct folio *f, unsigned s);

/* Bring slot S's page back (swapobj_pending is true).  Returns
   SWAPOBJ_WAIT (the current thread waits, then retries), VG_OK
   with no current thread after waiting (retry: the frame may be
   there), or VG_ECHECKSUM / VG_EIO (the last read failed: reported
   once), VG_EFRAMES, VG_ENOMEM.  */
int swapobj_page_in (struct folio *f, unsigned s);

/* A frame allocation failed with VG_ENOMEM: if writes are in flight,
   wait for one (SWAPOBJ_WAIT, or VG_OK after waiting with no
   current thread: retry); else VG_ENOMEM.  */
int swapobj_wait_memory (void);

/* Take the current thread off the queue SWAPOBJ_WAIT put it on: the
   caller cannot wait after all (a kernel copy to user memory).  */
void swapobj_wait_cancel (void);

/* Slot S is destroyed or discarded: free its block (uncharging the
   owner when OWNER_LIVE) and orphan its operation in flight.  */
void swapobj_slot_clear (struct folio *f, unsigned s, bool owner_live);

const struct swapobj_stats *swapobj_get_stats (void);
/* The store's figures for mm_stats.  */
void swapobj_mm_stats (struct vg_swap_stats *out);
/* The store's and this layer's counts on the console (kernel option
   stats; called by reclaim_print_stats).  */
void swapobj_print_stats (void);

#endif
