/* Link-time fakes of the swap store's object side for the host unit
   tests: the host has no disk, so nothing is ever evicted to one and no
   slot ever has a copy on disk (as with no swap disk in the kernel).  */
#include "obj/swapobj.h"
#include "obj/folio.h"
#include <string.h>
#include <vg/activity.h>
#include <vg/error.h>

bool
swapobj_evicts_important (void)
{
  return false;
}

uint64_t
swapobj_backing_blocks (void)
{
  return 0;
}

enum swapobj_evict_result
swapobj_evict (struct folio *f, unsigned s)
{
  (void)f;
  (void)s;
  return SWAPOBJ_STAY;
}

bool
swapobj_pending (const struct folio *f, unsigned s)
{
  return f->swap_state[s] != 0;
}

int
swapobj_page_in (struct folio *f, unsigned s)
{
  (void)f;
  (void)s;
  return VG_ENOMEM;
}

int
swapobj_wait_memory (void)
{
  return VG_ENOMEM;
}

void
swapobj_slot_clear (struct folio *f, unsigned s, bool owner_live)
{
  (void)owner_live;
  f->swap_state[s] = 0;
  f->swap[s].block = SWAP_NONE;
}

void
swapobj_print_stats (void)
{
}

uint64_t
swapobj_frames_pending (void)
{
  return 0;
}

void
swapobj_mm_stats (struct vg_swap_stats *out)
{
  memset (out, 0, sizeof *out);
}

void
swapobj_wait_cancel (void)
{
}
