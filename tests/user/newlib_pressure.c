/* `make run DEMO=pressure`: memory as a shared cache (doc/reclamation.md).
   Three principals share a small machine, each an activity of its own
   paid for by this program (the root task), one thread driving them in
   rounds:

   * the cache: a hurd_cache (doc/libhurd-mm.md) of CACHE_ENTRIES values
     of 4000 bytes (one a page) in discardable pages, paid by an
     activity (priority 0) whose discard notices come to this thread;
   * work: an important working set of WORK_PAGES pages in its own
     activity (sibling priority 10), checked word for word every round;
   * the hog: an activity (priority 0) that takes 1 MiB more every round
     until it holds the memory that was free when it started plus half
     the cache (or the machine refuses), then lets everything go.

   The cache's priority is -10: it gives way first.  The machine needs
   a swap disk for its storage, not for paging: a discarded page keeps
   its object (and its folio slot), and the root activity's folio quota
   covers memory plus the disk (doc/reclamation.md).

   Every round prints who holds how many frames, the free frames, what
   the kernel discarded from the cache, the discard notices received,
   each activity's availability and the pressure requests.  The last line
   is the verdict; the exit status is 0 for PASS.  The criteria, each of
   which can fail:

   1. the working set never lost a byte (every word checked every round,
      nothing discarded), and nothing was taken from it in a round
      before the cache had given way;
   2. the cache gave way (kernel discards or its own pages given up on
      request), and the hog grew past the memory that was free when it
      started;
   3. every cache lookup returned the exact value (regenerated where
      discarded);
   4. the discard notices named exactly the pages the kernel discarded
      from the cache's activity (when none overflowed the queue);
   5. the cache was asked before the kernel took (pressure requests) and
      complied at least once (hurd_cache_shrink), and availability
      notices came;
   6. once the hog let go, availability rose again and the cache grew
      back.

   The hog and the working set have a swap quota of one block: the disk
   is there for storage, so their important pages stay resident.  */
#include <act.h>
#include <hurd/anon.h>
#include <hurd/cache.h>
#include <hurd/notice.h>
#include <stdio.h>
#include <string.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

#define ROOT_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define SELF VG_BOOT_CAP (VG_BOOT_CAP_THREAD)
#define FOLIO VG_BOOT_CAP (VG_BOOT_CAP_FREE)
#define WORK VG_BOOT_CAP (VG_BOOT_CAP_FREE + 1)
#define HOG VG_BOOT_CAP (VG_BOOT_CAP_FREE + 2)
#define CACHE VG_BOOT_CAP (VG_BOOT_CAP_FREE + 3)

#define CACHE_ENTRIES 3500
#define VALUE 4000
#define WORK_PAGES 512
#define HOG_STEP 256 /* Pages: 1 MiB a round.  */
#define HOG_MAX 64   /* Rounds at most.  */
#define SAMPLE 97    /* Cache lookups a round.  */

static const char *fails[8];
static unsigned nfails;
static void
fail (const char *why)
{
  if (nfails < 8)
    fails[nfails] = why;
  nfails++;
}

static struct hurd_cache *cache;

/* Discard notices as addresses (hurd/notice.h), taken in activated
   mode: the cache marks the entries there lost (hurd_cache_forget
   touches only its resident index), so their lookups regenerate them
   without touching the dropped pages first.  */
static volatile uint64_t notice_marked;

static void
on_discard (void *cookie, const struct hurd_discard_info *info)
{
  (void)cookie;
  for (unsigned i = 0; i < info->count; i++)
    notice_marked += hurd_cache_forget (cache, info->addr[i], 4096);
}

/* Availability, in activated mode: the watched activities' figures
   (the cache's and the program's own; the event does not say which).  */
static volatile uint64_t avail_events, avail_last;

static void
on_avail (void *cookie, uint64_t available, uint64_t held)
{
  (void)cookie;
  (void)held;
  avail_events++;
  avail_last = available;
}

/* Ask before taking, in normal mode: the cache gives up the pages of
   its own choice (its lowest priority, newest first).  */
static uint64_t
on_pressure (void *cookie, uint64_t frames, uint64_t deadline)
{
  (void)cookie;
  (void)deadline;
  return hurd_cache_shrink (cache, 2 * frames);
}

/* A value is a function of its key.  */
static size_t
value_of (uint64_t key, uint8_t *buf)
{
  uint32_t x = (uint32_t)(key * 2654435761u) | 1;
  for (size_t i = 0; i < VALUE; i++)
    {
      x ^= x << 13, x ^= x >> 17, x ^= x << 5;
      buf[i] = (uint8_t)x;
    }
  return VALUE;
}

static vg_error_t
regen (void *cookie, uint64_t key, void *buf, size_t size, size_t *len)
{
  (void)cookie;
  if (size < VALUE)
    return VG_ERANGE;
  *len = value_of (key, buf);
  return VG_OK;
}

static uint64_t lookups, bad_lookups;

static void
lookup (uint64_t key)
{
  static uint8_t got[VALUE], want[VALUE];
  size_t n = 0;
  lookups++;
  if (hurd_cache_get (cache, key, got, sizeof got, &n) != VG_OK
      || n != value_of (key, want) || memcmp (got, want, n) != 0)
    bad_lookups++;
}

static uint32_t *work;

static uint32_t
work_word (unsigned i)
{
  return i * 2654435761u ^ 0x5a5a5a5au;
}

static unsigned
work_check (void)
{
  unsigned bad = 0;
  for (unsigned i = 0; i < WORK_PAGES * 1024; i++)
    bad += work[i] != work_word (i);
  return bad;
}

static struct vg_activity_stats
stats (vg_addr_t a)
{
  struct vg_activity_stats st;
  memset (&st, 0, sizeof st);
  vg_activity_stats (a, &st);
  return st;
}

static uint64_t
free_frames (void)
{
  struct vg_mm_stats m;
  memset (&m, 0, sizeof m);
  vg_mm_stats (&m);
  return m.frames_free;
}

static void
header (void)
{
  printf ("pressure: round   hog cache  work  free | discarded notices lost "
          "regen | avail: cache  work   hog notices | asked  met miss "
          "shrunk\n");
}

/* One line of who holds what.  */
static void
row (const char *what)
{
  struct vg_activity_stats c = stats (CACHE), w = stats (WORK),
                           h = stats (HOG);
  struct hurd_cache_stats cs;
  hurd_cache_stats (cache, &cs);
  printf (
      "pressure: %-5s %5llu %5llu %5llu %5llu | %9llu %7llu %4llu %5llu "
      "| %12llu %5llu %5llu %7llu | %5llu %4llu %4llu %6llu\n",
      what, (unsigned long long)h.frames_local,
      (unsigned long long)c.frames_local, (unsigned long long)w.frames_local,
      (unsigned long long)free_frames (), (unsigned long long)c.discarded,
      (unsigned long long)hurd_notice_stats.pages, (unsigned long long)cs.lost,
      (unsigned long long)cs.regenerated, (unsigned long long)c.available,
      (unsigned long long)w.available, (unsigned long long)h.available,
      (unsigned long long)avail_events,
      (unsigned long long)c.pressure_requests,
      (unsigned long long)c.pressure_met,
      (unsigned long long)c.pressure_missed, (unsigned long long)cs.shrunk);
}

static void
make_activity (unsigned slot, vg_addr_t cap, int priority, uint64_t swap_quota)
{
  if (vg_activity_create (FOLIO, slot, ROOT_ACT, cap) != VG_OK)
    fail ("cannot create the activities");
  struct vg_activity_policy p = { .sibling = { priority, 1 },
                                  .child = { 0, 1 },
                                  .swap_quota = swap_quota };
  if (vg_activity_policy_set (cap, &p) != VG_OK)
    fail ("cannot set a policy");
}

int
main (void)
{
  printf ("pressure: a discardable cache, an important working set and a "
          "memory hog share %llu frames\n",
          (unsigned long long)free_frames ());
  if (vg_folio_alloc (ROOT_ACT, FOLIO) != VG_OK)
    fail ("no folio for the activities");
  make_activity (0, WORK, 10, 1);
  make_activity (1, HOG, 0, 1);
  make_activity (2, CACHE, -10, 0);

  /* Notices about the cache's activity to this thread.  */
  vg_error_t err = hurd_notice_watch (CACHE, true);
  if (!err)
    err = hurd_notice_discard_add (on_discard, NULL, 0);
  printf ("pressure: discard notices: %s\n",
          err ? "refused" : "subscribed (hurd_notice_discard_add)");
  if (err)
    fail ("no discard notices");
  struct vg_mm_stats ms;
  vg_mm_stats (&ms);
  err = hurd_notice_avail (on_avail, NULL, ms.frames_total / 32);
  printf ("pressure: availability notices (changes of more than %llu "
          "frames): %s\n",
          (unsigned long long)ms.frames_total / 32,
          err ? "refused" : "subscribed (hurd_notice_avail)");
  if (err)
    fail ("no availability notices");
  err = hurd_notice_pressure (on_pressure, NULL);
  printf ("pressure: ask before taking: %s\n",
          err ? "refused" : "subscribed (hurd_notice_pressure)");
  if (err)
    fail ("no pressure requests");

  /* The working set: important, in its own activity.  */
  struct anon_region *wr;
  struct vg_object_policy important = { 0, 0 };
  if (anon_create (0, WORK_PAGES * 4096ull, ANON_WRITE | ANON_POPULATE,
                   important, NULL, NULL, WORK, &wr)
      != VG_OK)
    fail ("no working set");
  work = (uint32_t *)wr->r.start;
  for (unsigned i = 0; i < WORK_PAGES * 1024; i++)
    work[i] = work_word (i);

  /* The cache: discardable, ours.  */
  struct hurd_cache_config cfg = { .value_max = VALUE,
                                   .entries = CACHE_ENTRIES,
                                   .regen = regen,
                                   .activity = CACHE };
  if (hurd_cache_create (&cfg, &cache) != VG_OK)
    fail ("no cache");
  static uint8_t v[VALUE];
  for (unsigned k = 0; k < CACHE_ENTRIES; k++)
    if (hurd_cache_put (cache, k, v, value_of (k, v), 0) != VG_OK)
      fail ("cache put failed");
  header ();
  row ("start");
  struct vg_activity_stats w0 = stats (WORK);
  uint64_t free0 = free_frames ();
  uint64_t discarded0 = stats (CACHE).discarded;

  /* The hog grows a megabyte a round until refused.  */
  struct anon_region *hog[HOG_MAX];
  unsigned nhog = 0;
  uint64_t hog_peak = 0, cache_low = UINT64_MAX;
  unsigned cache_round = 0, work_round = 0;
  vg_error_t refused = VG_OK;
  unsigned work_bad = 0;
  char what[8];
  uint64_t target = free0 + stats (CACHE).frames_local / 2;
  printf ("pressure: the hog grows 1 MiB a round to %llu frames\n",
          (unsigned long long)target);
  while (nhog < HOG_MAX && stats (HOG).frames_local < target)
    {
      refused = anon_create (0, HOG_STEP * 4096ull, ANON_WRITE | ANON_POPULATE,
                             important, NULL, NULL, HOG, &hog[nhog]);
      if (refused)
        break;
      volatile uint8_t *p = (volatile uint8_t *)hog[nhog]->r.start;
      for (unsigned i = 0; i < HOG_STEP; i++)
        p[i * 4096ull] = (uint8_t)i;
      nhog++;
      for (unsigned i = 0; i < SAMPLE; i++)
        lookup ((nhog * 7919u + i * 36u) % CACHE_ENTRIES);
      work_bad += work_check ();
      struct vg_activity_stats h = stats (HOG), c = stats (CACHE),
                               w = stats (WORK);
      struct hurd_cache_stats cs;
      hurd_cache_stats (cache, &cs);
      /* The first round in which the cache gave way, and the first in
         which anything was taken from the working set.  */
      if (!cache_round && (c.discarded > discarded0 || cs.shrunk))
        cache_round = nhog;
      if (!work_round && (w.reclaimed || w.evicted || w.discarded))
        work_round = nhog;
      if (h.frames_local > hog_peak)
        hog_peak = h.frames_local;
      if (c.frames_local < cache_low)
        cache_low = c.frames_local;
      if (nhog % 2 == 0)
        {
          snprintf (what, sizeof what, "%u", nhog);
          row (what);
        }
    }
  if (refused)
    printf ("pressure: the hog was refused its megabyte %u: error %d (%s)\n",
            nhog + 1, refused,
            refused == VG_ENOMEM   ? "no free frame in the machine"
            : refused == VG_EQUOTA ? "the folio quota"
                                   : "other");
  else
    printf ("pressure: the hog holds %u MiB\n", nhog);
  row ("peak");
  uint64_t avail_peak = stats (CACHE).available;

  /* The hog lets go; the cache is read through again.  */
  for (unsigned i = 0; i < nhog; i++)
    anon_free (hog[i]);
  row ("freed");
  for (unsigned k = 0; k < CACHE_ENTRIES; k++)
    lookup (k);
  work_bad += work_check ();
  row ("end");
  vg_yield (); /* Let the last notices arrive.  */

  struct vg_activity_stats c = stats (CACHE), w = stats (WORK);
  struct hurd_cache_stats cs;
  hurd_cache_stats (cache, &cs);
  uint64_t discarded = c.discarded - discarded0;
  struct vg_activation_area *area = act_area ();
  printf ("pressure: the cache lost %llu entries (kernel discards, pages "
          "given up on request) and "
          "regenerated %llu; %llu lookups, %llu wrong\n",
          (unsigned long long)cs.lost, (unsigned long long)cs.regenerated,
          (unsigned long long)lookups, (unsigned long long)bad_lookups);
  const struct hurd_notice_stats *ns = &hurd_notice_stats;
  uint64_t noticed = ns->pages + ns->unknown + ns->unlisted;
  printf ("pressure: %llu discard notices named %llu cache pages (+%llu "
          "untranslated, +%llu unlisted; %u events overflowed); the kernel "
          "discarded %llu; %llu entries marked lost at once, %llu found "
          "lost by a lookup\n",
          (unsigned long long)ns->events, (unsigned long long)ns->pages,
          (unsigned long long)ns->unknown, (unsigned long long)ns->unlisted,
          area ? area->overflow : 0, (unsigned long long)c.discarded,
          (unsigned long long)cs.forgotten, (unsigned long long)cs.lost);
  printf ("pressure: ask before taking: %llu requests for %llu frames, "
          "%llu met, %llu missed; the cache gave up %llu pages of its own "
          "choice; %llu availability notices, the last %llu frames\n",
          (unsigned long long)c.pressure_requests,
          (unsigned long long)ns->pressure_frames,
          (unsigned long long)c.pressure_met,
          (unsigned long long)c.pressure_missed, (unsigned long long)cs.shrunk,
          (unsigned long long)avail_events, (unsigned long long)avail_last);
  printf ("pressure: the working set: %u wrong words, %llu -> %llu frames, "
          "%llu discarded, %llu evicted, %llu reclaimed\n",
          work_bad, (unsigned long long)w0.frames_local,
          (unsigned long long)w.frames_local, (unsigned long long)w.discarded,
          (unsigned long long)w.evicted, (unsigned long long)w.reclaimed);

  if (work_bad || w.discarded)
    fail ("the working set lost a byte");
  if (work_round && (!cache_round || work_round < cache_round))
    fail ("the working set was touched before the cache gave way");
  if (discarded + cs.shrunk == 0 || cache_low >= CACHE_ENTRIES)
    fail ("the cache did not give way");
  if (hog_peak <= free0)
    fail ("the hog never got more than the memory that was free");
  if (bad_lookups)
    fail ("a cache lookup returned a wrong value");
  if (noticed > c.discarded
      || (area && area->overflow == 0 && noticed != c.discarded)
      || (discarded && (ns->pages == 0 || cs.forgotten == 0)))
    fail ("the discard notices do not match the discards");
  if (c.pressure_requests == 0 || c.pressure_met == 0 || cs.shrunk == 0)
    fail ("the cache was never asked, or never complied");
  if (avail_events == 0)
    fail ("no availability notice");
  if (c.available <= avail_peak || c.frames_local <= cache_low)
    fail ("the cache did not grow back after the hog let go");
  printf ("pressure: the cache gave way in round %u; the working set was "
          "%s",
          cache_round, work_round ? "touched in round " : "never touched\n");
  if (work_round)
    printf ("%u: while the cache is shielded by a request, the kernel may "
            "take from the next victim, up to its swap quota\n",
            work_round);
  printf ("pressure: hog peak %llu frames (%llu were free when it started); "
          "cache low %llu frames, %llu at the end\n",
          (unsigned long long)hog_peak, (unsigned long long)free0,
          (unsigned long long)cache_low, (unsigned long long)c.frames_local);
  if (nfails == 0)
    printf ("pressure: verdict: PASS: the working set kept every byte, "
            "the cache gave way first (asked before taken) and came back "
            "exact\n");
  for (unsigned i = 0; i < nfails && i < 8; i++)
    printf ("pressure: verdict: FAIL: %s\n", fails[i]);
  return nfails ? 1 : 0;
}
