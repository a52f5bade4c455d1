/* Helpers shared by the reclamation unit suites (test_reclaim.c,
   test_reclaim_stats.c): activity policies, and a program that keeps
   touching pages of its own.  */
#include <check.h>
#include <string.h>

#include "mm/reclaim.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "objstore_fixture.h"
#include "reclaim_fixture.h"

void
rf_set_policy (const struct vg_cap *a, unsigned which, uint64_t folios,
               uint64_t frames)
{
  struct vg_activity_policy p = { .sibling = { 0, 1 },
                                  .child = { 0, 1 },
                                  .folio_quota = folios,
                                  .frame_limit = frames };
  ck_assert_int_eq (activity_policy_set_cap (a, which, &p), VG_OK);
}

struct activity *
rf_act (const struct vg_cap *c)
{
  struct activity *a;
  ck_assert_int_eq (activity_from_cap (c, 0, &a), VG_OK);
  return a;
}

void
rf_prog_init (struct rf_prog *p, const struct vg_cap *act, unsigned nfolios,
              struct vg_object_policy pol)
{
  memset (p, 0, sizeof *p);
  p->act = *act;
  p->nfolios = nfolios;
  p->pol = pol;
  for (unsigned k = 0; k < nfolios; k++)
    p->folio[k] = os_folio (act);
}

/* Touch the next page (making it on first use or after a discard).  */
void
rf_prog_step (struct rf_prog *p)
{
  unsigned n = p->next++ % (p->nfolios * VG_FOLIO_OBJECTS);
  const struct vg_cap *f = &p->folio[n / VG_FOLIO_OBJECTS];
  unsigned slot = n % VG_FOLIO_OBJECTS;
  struct folio *fo;
  ck_assert_int_eq (cap_folio (f, 0, &fo), VG_OK);
  struct vg_cap pg;
  if (fo->slots[slot].type != VG_TYPE_PAGE)
    ck_assert_int_eq (
        RECLAIM_RUN (object_alloc_cap (activity_root (), f, slot, VG_TYPE_PAGE,
                                       p->pol, &pg)),
        VG_OK);
  else
    object_slot_cap (fo, slot, VG_RIGHTS_ALL, &pg);
  void *d;
  int err = RECLAIM_RUN (object_page_claim (&pg, true, &d));
  if (err == VG_EDISCARDED)
    {
      p->refilled++;
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), f, slot,
                                         VG_TYPE_PAGE, p->pol, &pg)),
          VG_OK);
      err = RECLAIM_RUN (object_page_claim (&pg, true, &d));
    }
  ck_assert_msg (err == VG_OK, "claim: error %d", err);
  *(uint64_t *)d = n;
  p->touched++;
}

const struct vg_object_policy rf_discardable = { 1, 0 };

/* Boot with MIB of memory and no folio quota on the root, so that
   memory, not storage, runs out.  */
void
rf_boot_unquota (unsigned mib)
{
  os_boot (mib);
  struct vg_cap root = os_root_cap ();
  rf_set_policy (&root, VG_ACTIVITY_POLICY_QUOTA, 0, 0);
}

void
rf_set_share (const struct vg_cap *a, int32_t prio, uint32_t weight)
{
  struct vg_activity_policy p
      = { .sibling = { prio, weight }, .child = { 0, 1 } };
  ck_assert_int_eq (
      activity_policy_set_cap (a, VG_ACTIVITY_POLICY_SIBLING, &p), VG_OK);
}
