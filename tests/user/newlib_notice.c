/* The notices of doc/reclamation.md end to end, in a newlib program
   using libhurd-mm's API (hurd/notice.h).  One scenario per argument:

   discard: a discardable cache of 200 pages paid by a child activity
   with a frame limit of 64: the reclaimer discards most of them while
   they are touched.  The discard handler's addresses must be
   exactly the pages found discarded afterwards (each refilled by the
   fill callback on its next touch, which records its address), and
   their number the activity's `discarded' count.  */
#include <act.h>
#include <hurd/anon.h>
#include <hurd/mm.h>
#include <hurd/notice.h>
#include <stdio.h>
#include <string.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

static int failures;
#define CHECK(expr, want)                                                     \
  do                                                                          \
    {                                                                         \
      long long got_ = (long long)(expr), want_ = (long long)(want);          \
      if (got_ != want_)                                                      \
        {                                                                     \
          printf ("FAIL %d: %s = %lld, want %lld\n", __LINE__, #expr, got_,   \
                  want_);                                                     \
          failures++;                                                         \
        }                                                                     \
    }                                                                         \
  while (0)

#define ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define PAGES 200

static uint64_t base;
/* Per page: 1 once the discard handler named it, 1 once refilled.  */
static volatile uint8_t noticed[PAGES], refilled[PAGES];
static volatile uint64_t stray, unlisted, unknown;

static void
on_discard (void *cookie, const struct hurd_discard_info *info)
{
  (void)cookie;
  for (unsigned i = 0; i < info->count; i++)
    {
      uint64_t p = (info->addr[i] - base) / 4096;
      if (info->addr[i] < base || p >= PAGES || noticed[p])
        stray++;
      else
        noticed[p] = 1;
    }
  unlisted += info->unlisted;
  unknown += info->unknown;
}

static vg_error_t
fill (void *cookie, uint64_t addr, void *page)
{
  (void)cookie;
  uint64_t p = (addr - base) / 4096;
  if (p < PAGES)
    refilled[p] = 1;
  memset (page, (int)(p & 0xff), 4096);
  return VG_OK;
}

/* Boot-cappage slots for our own caps.  */
#define F(i) VG_BOOT_CAP (VG_BOOT_CAP_FREE + (i))
static unsigned next_slot;

/* A child activity of ours with SHARE and a frame limit of FRAMES.  */
static vg_addr_t
child (int32_t prio, uint32_t weight, uint64_t frames)
{
  vg_addr_t folio = F (next_slot++), c = F (next_slot++);
  CHECK (vg_folio_alloc (ACT, folio), VG_OK);
  CHECK (vg_activity_create (folio, 0, ACT, c), VG_OK);
  struct vg_activity_policy pol
      = { .sibling = { prio, weight }, .child = { 0, 1 } };
  pol.frame_limit = frames;
  CHECK (vg_activity_policy_set (c, &pol), VG_OK);
  return c;
}

static uint64_t
discarded_count (vg_addr_t a)
{
  struct vg_activity_stats st;
  CHECK (vg_activity_stats (a, &st), VG_OK);
  return st.discarded;
}

static void
discard (void)
{
  struct vg_object_policy p = { .discardable = 1, .priority = -10 };
  struct anon_region *r;
  vg_addr_t c = child (0, 1, 64);
  CHECK (anon_create (0, PAGES * 4096, ANON_WRITE, p, fill, NULL, c, &r),
         VG_OK);
  base = r->r.start;
  CHECK (hurd_notice_watch (c, true), VG_OK);
  CHECK (hurd_notice_discard_add (on_discard, NULL, 0), VG_OK);
  volatile uint8_t *m = (volatile uint8_t *)base;
  for (unsigned i = 0; i < PAGES; i++)
    m[i * 4096] = (uint8_t)i;
  struct vg_activity_policy pol = { .sibling = { 0, 1 }, .child = { 0, 1 } };
  CHECK (vg_activity_policy_set (c, &pol), VG_OK); /* No limit now.  */
  vg_yield (); /* Anything still queued is delivered on the way back.  */
  uint64_t d = discarded_count (c);
  /* Touch every page: the discarded ones are refilled.  */
  unsigned bad = 0;
  for (unsigned i = 0; i < PAGES; i++)
    if (m[i * 4096 + 1] != (refilled[i] ? (uint8_t)i : 0))
      bad++;
  unsigned nnoticed = 0, nrefilled = 0, mismatch = 0;
  for (unsigned i = 0; i < PAGES; i++)
    {
      nnoticed += noticed[i];
      nrefilled += refilled[i];
      /* Listed but not discarded is always wrong; discarded but not
         listed only if the kernel said it left some out.  */
      mismatch += noticed[i] && !refilled[i];
      mismatch += !noticed[i] && refilled[i] && unlisted == 0;
    }
  printf ("discard: %u pages discarded (stats %llu), %u noticed, "
          "%llu unlisted, %llu unknown\n",
          nrefilled, (unsigned long long)d, nnoticed,
          (unsigned long long)unlisted, (unsigned long long)unknown);
  CHECK (bad, 0);
  CHECK (nrefilled > PAGES / 2, 1);
  CHECK (nrefilled, d);
  CHECK (mismatch, 0);
  CHECK (stray, 0);
  CHECK (unknown, 0);
  CHECK (nnoticed + unlisted, nrefilled);
  CHECK (act_area ()->overflow, 0);
  CHECK (hurd_notice_discard_remove (on_discard, NULL), VG_OK);
}

int
main (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (!strcmp (argv[i], "discard"))
      discard ();
    else
      {
        printf ("unknown scenario %s\n", argv[i]);
        failures++;
      }
  printf ("newlib_notice: %d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
