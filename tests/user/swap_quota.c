/* Two activities under different swap quotas.  A (quota QUOTA_A
   blocks) holds important pages half the size of free memory, B (no
   quota of its own) one and a half times it; this thread writes A's
   pages, then B's, then reads both back.  Memory is overcommitted, so
   the reclaimer must write pages out: A's only up to its quota (its
   other pages stay resident, and the reclaimer turns to B), B's as
   many as needed.  Every page must come back intact, and no touch may
   fail: A at its quota does not make B's (or A's own) touches fail for
   want of memory.  */
#include <vg/activity.h>
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
#define FOLIO F (0) /* The activities and the cappages.  */
#define ACT_A F (1)
#define ACT_B F (2)
#define FOLIO0 10          /* F (10) ...: folios of the pages.  */
#define QUOTA_A 64         /* Blocks.  */
#define RA 0x4000000000ull /* Level-1 slot 4: A's pages.  */
#define RB 0x5000000000ull /* Level-1 slot 5: B's pages.  */

static unsigned slot = 2; /* Next free slot of FOLIO.  */
static unsigned folios = FOLIO0;

static uint64_t
word (uint64_t va)
{
  return (va * 0x9e3779b97f4a7c15ull) | 1;
}

/* N pages at R paid by activity ACT (its folios): cappages for levels
   2 and 3, one for level 4 per 256 pages.  */
static int
region (uint64_t r, uint64_t n, vg_addr_t act)
{
  int bad = 0;
  bad |= vg_object_alloc (FOLIO, slot++, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (r, 1));
  bad |= vg_object_alloc (FOLIO, slot++, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (r, 2));
  for (uint64_t m = 0; m < (n + 255) / 256; m++)
    bad |= vg_object_alloc (FOLIO, slot++, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                            VG_ADDR (r + (m << 20), 3));
  for (uint64_t i = 0; i < n; i++)
    {
      if (i % VG_FOLIO_OBJECTS == 0)
        bad |= vg_folio_alloc (act, F (folios++));
      bad |= vg_object_alloc (F (folios - 1), i % VG_FOLIO_OBJECTS,
                              VG_TYPE_PAGE, POLICY_DEFAULT,
                              VG_ADDR (r + (i << 12), 4));
    }
  return bad;
}

static void
fill (uint64_t r, uint64_t n)
{
  for (uint64_t i = 0; i < n; i++)
    {
      volatile uint64_t *p = (volatile uint64_t *)(r + (i << 12));
      p[0] = word ((uint64_t)p);
      p[300] = word ((uint64_t)&p[300]);
    }
}

static uint64_t
check (uint64_t r, uint64_t n)
{
  uint64_t bad = 0;
  for (uint64_t i = 0; i < n; i++)
    {
      volatile uint64_t *p = (volatile uint64_t *)(r + (i << 12));
      bad += p[0] != word ((uint64_t)p) || p[300] != word ((uint64_t)&p[300]);
    }
  return bad;
}

static void
report (const char *name, vg_addr_t act, struct vg_activity_stats *st)
{
  CHECK (vg_activity_stats (act, st), VG_OK);
  vg_printf ("swap_quota: %s: swap used %llu (quota %llu), pages written "
             "out %llu, data frames %llu\n",
             name, (unsigned long long)st->swap_used,
             (unsigned long long)st->swap_quota,
             (unsigned long long)st->evicted,
             (unsigned long long)st->frames_data);
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  struct vg_mm_stats ms;
  CHECK (vg_mm_stats (&ms), VG_OK);
  CHECK (ms.swap.blocks > 0, 1); /* The registry gives us a disk.  */
  uint64_t na = ms.frames_free * 3 / 4, nb = ms.frames_free * 5 / 4;

  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  CHECK (vg_activity_create (FOLIO, 0, ROOT_ACT, ACT_A), VG_OK);
  CHECK (vg_activity_create (FOLIO, 1, ROOT_ACT, ACT_B), VG_OK);
  struct vg_activity_policy pol = { .sibling = { 0, 1 }, .child = { 0, 1 } };
  pol.swap_quota = QUOTA_A;
  CHECK (vg_activity_policy_set (ACT_A, &pol), VG_OK);
  CHECK (region (RA, na, ACT_A), VG_OK);
  CHECK (region (RB, nb, ACT_B), VG_OK);
  if (vgtest_failures)
    return vgtest_failures;

  struct vg_activity_stats a, b;
  fill (RA, na);
  fill (RB, nb);
  report ("A after writing", ACT_A, &a);
  report ("B after writing", ACT_B, &b);
  CHECK (a.swap_used <= QUOTA_A, 1);
  /* A at its quota, and its other pages resident.  */
  CHECK (a.swap_used, QUOTA_A);
  CHECK (a.frames_data >= na - QUOTA_A, 1);
  /* B wrote out what it had to: beyond A's quota, by far.  */
  CHECK (b.swap_used > 4 * QUOTA_A, 1);
  uint64_t bad_a = check (RA, na), bad_b = check (RB, nb);
  report ("A after reading", ACT_A, &a);
  report ("B after reading", ACT_B, &b);
  vg_printf ("swap_quota: A %llu pages (%llu wrong), B %llu pages (%llu "
             "wrong)\n",
             (unsigned long long)na, (unsigned long long)bad_a,
             (unsigned long long)nb, (unsigned long long)bad_b);
  CHECK (bad_a, 0);
  CHECK (bad_b, 0);
  CHECK (a.swap_used <= QUOTA_A, 1);
  return vgtest_failures;
}
