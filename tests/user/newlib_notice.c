/* The notices of doc/reclamation.md end to end, in a newlib program
   using libhurd-mm's API (hurd/notice.h).  One scenario per argument:

   discard: a discardable cache of 200 pages paid by a child activity
   with a frame limit of 64: the reclaimer discards most of them while
   they are touched.  The discard handler's addresses must be
   exactly the pages found discarded afterwards (each refilled by the
   fill callback on its next touch, which records its address), and
   their number the activity's `discarded' count.

   avail: siblings A {0, 1} and B {0, 3} under our activity (which holds
   frames, child share {0, 1}).  A's availability events must follow
   the rule of doc/reclamation.md: T/2 while B holds nothing, T/5 once B
   holds pages, T/2 again when B lets them go (T = all frames), each
   delivered as an activation with no thread waiting for it.

   pressure, ignore (with high watermarks, kargs=): a cache P {-1, 1}
   (the reclaimer's first victim) of discardable pages subscribed to
   pressure, and a hog H {0, 1} touching pages until the pool runs
   short.  pressure: P's callback frees the pages of its choice (its
   highest); the kernel never takes any of P's pages itself, and every
   page P kept has its contents.  ignore: the callback frees nothing;
   nothing is taken from P before the deadline, the miss is counted, and
   the frames are taken by policy after it.

   trim: the default callback (hurd_notice_trim_malloc) gives the free
   memory at the top of malloc's heap back when our own activity is
   asked.  */
#include <act.h>
#include <hurd/anon.h>
#include <hurd/mm.h>
#include <hurd/notice.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

#include "nltest.h"

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

static volatile uint64_t avail_seen[8];
static volatile unsigned navail;

static void
on_avail (void *cookie, uint64_t available, uint64_t held)
{
  (void)cookie;
  (void)held;
  if (navail < 8)
    avail_seen[navail] = available;
  navail++;
}

static uint64_t
now_ns (void)
{
  uint64_t t;
  CHECK (vg_time (&t), VG_OK);
  return t;
}

/* Wait (yielding) until COUNT moves past N, at most 2 s of guest time.  */
static bool
wait_past (volatile unsigned *count, unsigned n)
{
  uint64_t end = now_ns () + 2000000000ull;
  while (*count <= n && now_ns () < end)
    vg_yield ();
  return *count > n;
}

static void
avail (void)
{
  vg_addr_t a = child (0, 1, 0), b = child (0, 3, 0);
  struct vg_mm_stats mm;
  CHECK (vg_mm_stats (&mm), VG_OK);
  uint64_t t = mm.frames_total;
  CHECK (hurd_notice_watch (a, true), VG_OK);
  CHECK (hurd_notice_watch (ACT, false), VG_OK);
  CHECK (hurd_notice_avail (on_avail, NULL, 16), VG_OK);
  /* The first event at once: B holds nothing.  */
  CHECK (wait_past (&navail, 0), 1);
  CHECK (avail_seen[0], t / 2);
  struct vg_activity_stats st;
  CHECK (vg_activity_stats (a, &st), VG_OK);
  CHECK (st.available, t / 2);
  /* B's demand rises.  */
  struct vg_object_policy imp = { 0, 0 };
  struct anon_region *r;
  CHECK (anon_create (0, 8 * 4096, ANON_WRITE, imp, NULL, NULL, b, &r), VG_OK);
  for (unsigned i = 0; i < 8; i++)
    ((volatile uint8_t *)r->r.start)[i * 4096] = 1;
  CHECK (wait_past (&navail, 1), 1);
  CHECK (avail_seen[1], t / 5);
  CHECK (vg_activity_stats (a, &st), VG_OK);
  CHECK (st.available, t / 5);
  /* ... and falls again.  */
  anon_free (r);
  CHECK (vg_activity_stats (b, &st), VG_OK);
  CHECK (st.frames_total, 0);
  CHECK (wait_past (&navail, 2), 1);
  CHECK (avail_seen[2], t / 2);
  CHECK (vg_activity_stats (a, &st), VG_OK);
  CHECK (st.avail_notices, 3);
  printf ("avail: T %llu: %llu, %llu, %llu\n", (unsigned long long)t,
          (unsigned long long)avail_seen[0], (unsigned long long)avail_seen[1],
          (unsigned long long)avail_seen[2]);
  CHECK (hurd_notice_avail (NULL, NULL, 0), VG_OK);
}

#define CACHE 256
#define HOG 4000
static uint64_t cache_base;
static volatile uint8_t freed[CACHE];
static volatile unsigned requests, top = CACHE;
static volatile uint64_t first_deadline, first_frames;
static bool comply;

/* Free FRAMES pages of our choice: the highest still mapped.  */
static uint64_t
on_pressure (void *cookie, uint64_t frames, uint64_t deadline)
{
  (void)cookie;
  if (requests++ == 0)
    {
      first_deadline = deadline;
      first_frames = frames;
    }
  if (!comply)
    return 0;
  uint64_t n = 0;
  while (n < frames && top > 0)
    {
      top--;
      CHECK (hurd_mm_munmap ((void *)(cache_base + top * 4096ull), 4096), 0);
      freed[top] = 1;
      n++;
    }
  return n;
}

static void
pressure (bool obey)
{
  comply = obey;
  vg_addr_t p = child (-1, 1, 0), h = child (0, 1, 0);
  struct vg_object_policy disc = { .discardable = 1, .priority = 0 };
  struct anon_region *c, *g;
  CHECK (anon_create (0, CACHE * 4096, ANON_WRITE, disc, NULL, NULL, p, &c),
         VG_OK);
  CHECK (anon_create (0, HOG * 4096ull, ANON_WRITE, disc, NULL, NULL, h, &g),
         VG_OK);
  cache_base = c->r.start;
  volatile uint8_t *m = (volatile uint8_t *)cache_base;
  for (unsigned i = 0; i < CACHE; i++)
    m[i * 4096] = (uint8_t)(i + 1);
  CHECK (hurd_notice_watch (p, true), VG_OK);
  CHECK (hurd_notice_watch (ACT, false), VG_OK);
  CHECK (hurd_notice_pressure (on_pressure, NULL), VG_OK);
  /* The hog: until the requests have been answered a while (pressure),
     or until the first deadline was missed (ignore).  */
  volatile uint8_t *hog = (volatile uint8_t *)g->r.start;
  struct vg_activity_stats st;
  unsigned early = 0, i;
  uint64_t missed_at = 0;
  for (i = 0; i < HOG; i++)
    {
      hog[i * 4096ull] = 1;
      CHECK (vg_activity_stats (p, &st), VG_OK);
      uint64_t now = now_ns ();
      if (requests && now < first_deadline && st.discarded)
        early++;
      if (obey && requests >= 3 && i % 64 == 0)
        break;
      if (!obey && st.pressure_missed)
        {
          missed_at = now;
          break;
        }
    }
  if (!obey && !missed_at)
    {
      /* The hog ran out: no more pressure, but the deadline still
         counts (the kernel checks it every tick).  */
      uint64_t end = now_ns () + 1000000000ull;
      while (!st.pressure_missed && now_ns () < end)
        {
          vg_yield ();
          CHECK (vg_activity_stats (p, &st), VG_OK);
        }
      missed_at = now_ns ();
    }
  CHECK (vg_activity_stats (p, &st), VG_OK);
  printf ("%s: hog %u pages; %u requests (first: %llu frames), met %llu, "
          "missed %llu, P discarded %llu, freed itself %u\n",
          obey ? "pressure" : "ignore", i, requests,
          (unsigned long long)first_frames,
          (unsigned long long)st.pressure_met,
          (unsigned long long)st.pressure_missed,
          (unsigned long long)st.discarded, CACHE - top);
  CHECK (requests > 0, 1);
  CHECK (st.pressure_requests, requests);
  CHECK (early, 0);
  CHECK (first_frames > 0 && first_frames <= VG_NOTICE_PRESSURE_MAX, 1);
  if (obey)
    {
      CHECK (st.discarded, 0);
      CHECK (st.pressure_missed, 0);
      CHECK (st.pressure_met > 0, 1);
      CHECK (CACHE - top >= first_frames, 1);
      /* Every page we kept is intact: nothing else was taken.  */
      unsigned bad = 0;
      for (unsigned k = 0; k < top; k++)
        bad += m[k * 4096] != (uint8_t)(k + 1);
      CHECK (bad, 0);
    }
  else
    {
      CHECK (top, CACHE);
      CHECK (st.pressure_missed >= 1, 1);
      CHECK (missed_at >= first_deadline, 1);
      CHECK (st.discarded >= first_frames, 1);
    }
  CHECK (hurd_notice_pressure (NULL, NULL), VG_OK);
}

/* The default callback: malloc's free memory at the top of the heap
   goes back when our own activity is asked.  */
static void
trim (void)
{
  CHECK (mallopt (M_TRIM_THRESHOLD, 64 << 20), 1); /* No trim at free.  */
  char *big = malloc (1 << 20);
  CHECK (big != NULL, 1);
  for (unsigned k = 0; k < 256; k++)
    ((volatile char *)big)[k * 4096] = 1; /* Resident (not dead stores).  */
  free (big);
  vg_addr_t h = child (1, 1, 0); /* Reclaimed after us.  */
  struct vg_object_policy disc = { .discardable = 1, .priority = 0 };
  struct anon_region *g;
  CHECK (anon_create (0, HOG * 4096ull, ANON_WRITE, disc, NULL, NULL, h, &g),
         VG_OK);
  char *before = hurd_mm_sbrk (0);
  struct vg_activity_stats s0;
  CHECK (vg_activity_stats (ACT, &s0), VG_OK);
  CHECK (hurd_notice_pressure (hurd_notice_trim_malloc, NULL), VG_OK);
  volatile uint8_t *hog = (volatile uint8_t *)g->r.start;
  unsigned i;
  for (i = 0; i < HOG && !hurd_notice_stats.pressure_freed; i++)
    hog[i * 4096ull] = 1;
  /* The kernel sees it at its next tick.  */
  struct vg_activity_stats st;
  uint64_t end = now_ns () + 1000000000ull;
  do
    {
      vg_yield ();
      CHECK (vg_activity_stats (ACT, &st), VG_OK);
    }
  while (!st.pressure_met && !st.pressure_missed && now_ns () < end);
  char *after = hurd_mm_sbrk (0);
  printf ("trim: root local frames %llu -> %llu\n",
          (unsigned long long)s0.frames_local,
          (unsigned long long)st.frames_local);
  printf ("trim: hog %u pages; %llu requests, met %llu, missed %llu; heap "
          "%ld KiB smaller\n",
          i, (unsigned long long)st.pressure_requests,
          (unsigned long long)st.pressure_met,
          (unsigned long long)st.pressure_missed,
          (long)(before - after) / 1024);
  CHECK (hurd_notice_stats.pressure_freed >= 200, 1);
  CHECK (before - after >= 200 * 4096, 1);
  CHECK (st.pressure_missed, 0);
  CHECK (st.pressure_met >= 1, 1);
  CHECK (hurd_notice_pressure (NULL, NULL), VG_OK);
}

int
main (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (!strcmp (argv[i], "discard"))
      discard ();
    else if (!strcmp (argv[i], "avail"))
      avail ();
    else if (!strcmp (argv[i], "pressure"))
      pressure (true);
    else if (!strcmp (argv[i], "ignore"))
      pressure (false);
    else if (!strcmp (argv[i], "trim"))
      trim ();
    else
      {
        printf ("unknown scenario %s\n", argv[i]);
        failures++;
      }
  printf ("newlib_notice: %d failure(s)\n", failures);
  return failures == 0 ? 0 : 1;
}
