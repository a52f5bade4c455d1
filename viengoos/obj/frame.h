/* Frame descriptors: one fixed 32-byte record per physical frame.

   Model.  frame_init() sizes an array over every frame pmm may hand out
   and takes it from the boot pool, so the descriptors never cost memory
   after boot.  A frame is FREE (in pmm, or idle on the retired list),
   a FOLIO header, OBJECT data of one folio slot, or a PTABLE or RMAP
   frame of an address-space cache (as.h).  Every non-free frame is
   charged to an activity: a header through the folio counts, object
   data and cache frames as resident frames of their priority, on that
   activity's active or inactive list for its priority.  Lists are linked
   through 32-bit frame indexes, so a list head costs 8 bytes.

   Versions.  VERSION_FLOOR survives the frame being freed: a folio
   whose header lives in the frame starts every slot version at the
   floor, and freeing it raises the floor above every version used, so a
   version never repeats for an object id.  A frame whose floor is used
   up is RETIRED: it never becomes a folio header again, and is only
   used for object data (frame_alloc prefers such frames).

   Legend: [F] owned by frame.c; [O] set by the owner (folio.c,
   object.c, activity.c) while the frame is allocated; [P] persistent
   across free.  Single CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_FRAME_H
#define VG_FRAME_H

#include <arch/layout.h>
#include <arch/mm.h>

#include "kern/panic.h"
#include "types.h"

struct activity;

#define FRAME_NONE UINT32_MAX

enum frame_kind
{
  FRAME_FREE = 0,
  FRAME_FOLIO = 1,  /* A folio header.  */
  FRAME_OBJECT = 2, /* Data of a folio slot.  */
  FRAME_PTABLE = 3, /* A hardware page table of an address-space cache
                       (as.h); FOLIO holds its reverse-map page, if any. */
  FRAME_RMAP = 4,   /* A reverse-map page of a leaf page table (as.h). */
};

/* FLAGS bits.  */
#define FRAME_REFERENCED 0x01
#define FRAME_DIRTY 0x02
#define FRAME_RETIRED 0x04 /* [P] Version floor used up.  */
#define FRAME_KERNEL                                                          \
  0x08 /* [O] OBJECT: a kernel object's frame or a                            \
          kernel stack (never reclaimed).  */

/* LIST values.  */
#define FRAME_LIST_NONE 0
#define FRAME_LIST_ACTIVE 1
#define FRAME_LIST_INACTIVE 2
#define FRAME_LIST_KERNEL 3 /* The activity's kernel-object frames.  */
#define FRAME_LIST_TABLE 4  /* Its page-table frames.  */
#define FRAME_LIST_RMAP 5   /* Its reverse-map pages, coldest last.  */

struct frame
{
  struct activity *activity; /* [O] Charged activity, or NULL.  */
  uint32_t prev, next;       /* [F] List links (frame indexes).  */
  uint32_t version_floor;    /* [P] First version for a folio here.  */
  uint32_t folio;            /* [O] OBJECT: frame index of the header.  */
  uint8_t kind;              /* [F] enum frame_kind.  */
  uint8_t slot;              /* [O] OBJECT: slot in the folio (0..127).  */
  uint8_t flags;             /* [F][O] FRAME_* bits.  */
  uint8_t age;               /* [O] Ager history (a later issue).  */
  int8_t priority;           /* [O] Object priority.  */
  uint8_t discardable;       /* [O] Object policy.  */
  uint8_t list;              /* [F] FRAME_LIST_*.  */
  uint8_t pad;
};

_Static_assert(sizeof (struct frame) == 32, "frame descriptor size");

/* A list head: 8 bytes.  */
struct frame_list
{
  uint32_t head, tail;
};

#define FRAME_LIST_INIT                                                       \
  {                                                                           \
    FRAME_NONE, FRAME_NONE                                                    \
  }

/* Size the descriptor array for frames in [LO, HI) and take it from the
   boot pool.  Call before pmm_init() and bootmem_seal().  */
void frame_init (paddr_t lo, paddr_t hi);

/* The descriptor array and the range it covers, for the inline
   conversions below; frame.c owns them.  [I] after frame_init.  */
extern struct frame *frame_table;
extern uint64_t frame_base_pfn;
extern uint32_t frame_count;

/* Descriptor of frame index I, and conversions.  These sit on every cap
   validation (obj/cap.c), so they are inline.  */
static inline struct frame *
frame_get (uint32_t i)
{
  assert (i < frame_count);
  return &frame_table[i];
}

static inline bool
frame_valid_pfn (uint64_t pfn, uint32_t *i)
{
  if (pfn < frame_base_pfn || pfn - frame_base_pfn >= frame_count)
    return false;
  *i = (uint32_t)(pfn - frame_base_pfn);
  return true;
}

static inline paddr_t
frame_paddr (uint32_t i)
{
  assert (i < frame_count);
  return (frame_base_pfn + i) << PAGE_SHIFT;
}

static inline void *
frame_virt (uint32_t i)
{
  return phys_to_virt (frame_paddr (i));
}

uint32_t frame_index (paddr_t p);

/* Take a zeroed frame of KIND (FRAME_FOLIO comes only from pmm, never a
   retired frame).  Returns FRAME_NONE if there is none.  */
uint32_t frame_alloc (enum frame_kind kind);

/* Return frame I (off any list) to pmm, or to the retired list.  */
void frame_free (uint32_t i);

/* Lists.  */
void frame_list_push (struct frame_list *l, uint32_t i, uint8_t which);
void frame_list_remove (struct frame_list *l, uint32_t i);
/* Move frame I, on list L, to L's head.  */
void frame_list_touch (struct frame_list *l, uint32_t i);
uint32_t frame_list_count (const struct frame_list *l);

/* An allocation was refused with VG_ENOMEM: frame_alloc had no frame
   (the machine-wide statistics' `enomem', reclaim_stats).  */
void frame_count_enomem (void);
uint64_t frame_enomem_count (void);

/* Frames handed out by frame_alloc and not yet freed.  */
uint64_t frame_in_use (void);
/* Retired frames idle on the retired list.  */
uint64_t frame_retired_idle (void);

/* The kernel's own pool, in frames: the boot pool plus frames pmm handed
   out that no activity pays for.  After boot it must never move.  */
uint64_t frame_kernel_pool (void);

/* Test hook: set frame I's version floor.  */
void frame_test_set_floor (uint32_t i, uint32_t floor);

#endif
