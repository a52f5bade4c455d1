/* The cost of a discard notice per discarded object: the same run of
   faults past a frame limit, once without discard notices and once with
   them (the kernel gathering the runs, posting them, the activation,
   libhurd-mm's oid -> address translation and a handler counting the
   addresses).  The difference over the objects noticed is the cost per
   object; also reported per activation.  Each run: a fresh child
   activity with a frame limit of 64 paying for a discardable region of
   PAGES pages, touched once in order.  */
#include <act.h>
#include <hurd/anon.h>
#include <hurd/mm.h>
#include <hurd/notice.h>
#include <stdio.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

#include "bench.h"

#define PAGES 1000
#define ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define F(i) VG_BOOT_CAP (VG_BOOT_CAP_FREE + (i))

static volatile uint64_t noticed;
static unsigned next_slot;

static void
count (void *cookie, const struct hurd_discard_info *info)
{
  (void)cookie;
  noticed += info->count;
}

/* Touch PAGES pages paid by a fresh child with a frame limit; the
   instructions, and the objects discarded in *DISCARDED.  BATCHED: the
   pages are touched with no limit, then the limit is set and one more
   page touched: one reclaim takes them all at once (runs of oids), and
   only that touch is measured.  */
static uint64_t
run (bool notices, bool batched, uint64_t *discarded)
{
  vg_addr_t folio = F (next_slot++), c = F (next_slot++);
  if (vg_folio_alloc (ACT, folio) || vg_activity_create (folio, 0, ACT, c))
    return 0;
  struct vg_activity_policy pol
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .frame_limit = 64 };
  if (batched)
    pol.frame_limit = 0;
  struct vg_object_policy disc = { .discardable = 1, .priority = -10 };
  struct anon_region *r;
  if (vg_activity_policy_set (c, &pol)
      || anon_create (0, PAGES * 4096ull, ANON_WRITE, disc, NULL, NULL, c, &r))
    return 0;
  if (notices && hurd_notice_watch (c, true))
    return 0;
  volatile uint8_t *m = (volatile uint8_t *)r->r.start;
  uint64_t t0 = bench_tsc ();
  for (unsigned i = 0; i < PAGES - 1; i++)
    m[i * 4096ull] = 1;
  if (batched)
    {
      pol.frame_limit = 64;
      if (vg_activity_policy_set (c, &pol))
        return 0;
      t0 = bench_tsc ();
    }
  m[(PAGES - 1) * 4096ull] = 1;
  vg_yield (); /* The last notices are delivered.  */
  uint64_t t1 = bench_tsc ();
  struct vg_activity_stats st;
  vg_activity_stats (c, &st);
  *discarded = st.discarded;
  if (notices)
    (void)hurd_notice_watch (c, false);
  return t1 - t0;
}

int
main (void)
{
  if (hurd_notice_watch (ACT, false)
      || hurd_notice_discard_add (count, NULL, 0))
    return 1;
  uint64_t d0, d1, d2;
  uint64_t plain0 = run (false, false, &d0);
  uint64_t with = run (true, false, &d1);
  uint64_t plain1 = run (false, false, &d2);
  uint64_t plain = (plain0 + plain1) / 2;
  uint64_t events = hurd_notice_stats.events;
  printf ("notice_discard: %llu, %llu, %llu objects discarded; %llu "
          "noticed in %llu activations; %llu / %llu / %llu instructions\n",
          (unsigned long long)d0, (unsigned long long)d1,
          (unsigned long long)d2, (unsigned long long)noticed,
          (unsigned long long)events, (unsigned long long)plain0,
          (unsigned long long)with, (unsigned long long)plain1);
  if (!plain0 || !with || !plain1 || d1 == 0 || noticed != d1 || !events
      || with < plain)
    return 1;
  bench_report ("notice_discard_per_object", noticed, with - plain);
  bench_report ("notice_discard_per_activation", events, with - plain);
  /* Batched: one reclaim of most of the region.  */
  uint64_t n0 = noticed, e0 = hurd_notice_stats.events;
  uint64_t u0 = hurd_notice_stats.unlisted, b0, b1, b2;
  uint64_t bplain0 = run (false, true, &b0);
  uint64_t bwith = run (true, true, &b1);
  uint64_t bplain1 = run (false, true, &b2);
  uint64_t bplain = (bplain0 + bplain1) / 2;
  uint64_t listed = noticed - n0, unlisted = hurd_notice_stats.unlisted - u0;
  uint64_t bevents = hurd_notice_stats.events - e0;
  printf ("notice_discard batched: %llu, %llu, %llu objects discarded; "
          "%llu listed, %llu unlisted in %llu events; %llu / %llu / %llu "
          "instructions\n",
          (unsigned long long)b0, (unsigned long long)b1,
          (unsigned long long)b2, (unsigned long long)listed,
          (unsigned long long)unlisted, (unsigned long long)bevents,
          (unsigned long long)bplain0, (unsigned long long)bwith,
          (unsigned long long)bplain1);
  if (!bplain0 || !bwith || !bplain1 || b1 == 0 || listed + unlisted != b1
      || bwith < bplain)
    return 1;
  bench_report ("notice_discard_batched_per_object", b1, bwith - bplain);
  bench_report ("notice_discard_batched_per_event", bevents, bwith - bplain);
  return 0;
}
