/* Folio allocation, release and object ids (see folio.h).  */
#include <arch/layout.h>

#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "obj/room.h"

int
folio_alloc (struct activity *a, struct folio **out)
{
  int err = activity_quota_check (a);
  if (err)
    return err;
  err = room_check_pool (1);
  if (err)
    return err;
  uint32_t i = frame_alloc (FRAME_FOLIO);
  if (i == FRAME_NONE)
    {
      frame_count_enomem ();
      return VG_ENOMEM;
    }
  struct frame *fd = frame_get (i);
  assert (!(fd->flags & FRAME_RETIRED));
  struct folio *f = frame_virt (i);
  f->frame = i;
  f->version = fd->version_floor;
  f->doomed = 0;
  f->reap_slot = 0;
  for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
    {
      f->slots[s].version = fd->version_floor;
      f->slots[s].frame = FRAME_NONE;
      f->swap[s].block = SWAP_NONE;
      f->swap_state[s] = 0;
    }
  fd->activity = a;
  activity_add_folio (a, f);
  *out = f;
  return VG_OK;
}

bool
folio_release_slots (struct folio *f, unsigned *budget)
{
  assert (f->doomed);
  for (; f->reap_slot < VG_FOLIO_OBJECTS; f->reap_slot++)
    {
      if (!*budget)
        return false;
      unsigned cost = object_slot_release (f, f->reap_slot);
      *budget = *budget > cost ? *budget - cost : 0;
    }
  return true;
}

void
folio_release_header (struct folio *f)
{
  uint32_t top = f->version;
  for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
    {
      assert (f->slots[s].type == VG_TYPE_VOID
              && f->slots[s].frame == FRAME_NONE);
      if (f->slots[s].version > top)
        top = f->slots[s].version;
    }
  uint32_t i = f->frame;
  struct frame *fd = frame_get (i);
  /* A floor of VG_VERSION_MAX would leave no version for any object in a
     new folio here: retire the frame from folio duty already then.  */
  if (top >= VG_VERSION_MAX - 1)
    {
      fd->flags |= FRAME_RETIRED;
      fd->version_floor = VG_VERSION_MAX;
    }
  else
    fd->version_floor = top + 1;
  frame_free (i);
}

static uint64_t
oid_at (const struct folio *f, unsigned index)
{
  return (uint64_t)(frame_paddr (f->frame) >> PAGE_SHIFT) * FOLIO_OID_STRIDE
         + index;
}

uint64_t
folio_oid (const struct folio *f)
{
  return oid_at (f, 0);
}

uint64_t
object_oid (const struct folio *f, unsigned slot)
{
  assert (slot < VG_FOLIO_OBJECTS);
  return oid_at (f, slot + 1);
}

void
folio_cap (const struct folio *f, struct vg_cap *out)
{
  cap_make (out, VG_TYPE_FOLIO, folio_oid (f), f->version, VG_RIGHTS_ALL, 0);
}

int
folio_alloc_cap (const struct vg_cap *activity_cap, struct vg_cap *out)
{
  struct activity *a;
  int err = activity_from_cap (activity_cap, VG_RIGHT_WRITE, &a);
  if (err)
    return err;
  struct folio *f;
  err = folio_alloc (a, &f);
  if (err)
    return err;
  folio_cap (f, out);
  return VG_OK;
}

int
folio_free_cap (struct activity *caller, const struct vg_cap *folio_cap)
{
  struct folio *f;
  int err = cap_folio (folio_cap, VG_RIGHT_WRITE, &f);
  if (err)
    return err;
  return activity_reap (caller, NULL, f);
}

void
folio_test_set_version (struct folio *f, unsigned slot, uint32_t v)
{
  assert (slot < VG_FOLIO_OBJECTS);
  f->slots[slot].version = v;
}
