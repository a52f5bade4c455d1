/* Helpers shared by the reclamation unit suites (reclaim_fixture.c).  */
#ifndef RECLAIM_FIXTURE_H
#define RECLAIM_FIXTURE_H

#include <stdint.h>

#include <vg/cap.h>
#include <vg/object.h>

struct activity;

/* Set activity A's policy WHICH: equal shares, FOLIOS folios of quota
   and a frame limit of FRAMES (0: none).  */
void rf_set_policy (const struct vg_cap *a, unsigned which, uint64_t folios,
                    uint64_t frames);
/* The activity cap C names.  */
struct activity *rf_act (const struct vg_cap *c);

/* A program that keeps touching pages of its own: NFOLIOS folios of
   pages with policy POL, touched in turn; a page found discarded is
   re-created (as a program refilling its cache would).  */
struct rf_prog
{
  struct vg_cap act;
  struct vg_cap folio[16];
  unsigned nfolios, next;
  struct vg_object_policy pol;
  uint64_t touched, refilled;
};

void rf_prog_init (struct rf_prog *p, const struct vg_cap *act,
                   unsigned nfolios, struct vg_object_policy pol);
/* Touch the next page (making it on first use or after a discard).  */
void rf_prog_step (struct rf_prog *p);

/* Discardable, priority 0.  */
extern const struct vg_object_policy rf_discardable;

/* Boot with MIB of memory and no folio quota on the root, so that
   memory, not storage, runs out.  */
void rf_boot_unquota (unsigned mib);
/* Set A's sibling share: priority PRIO, weight WEIGHT.  */
void rf_set_share (const struct vg_cap *a, int32_t prio, uint32_t weight);

#endif
