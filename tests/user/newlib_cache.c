/* The discardable cache (hurd/cache.h) under a frame limit.  A child
   activity with a frame limit of LIMIT frames pays for the values of a
   cache holding far more than fits: HI entries at priority 5, then LO
   entries at priority -5.  The kernel must discard value pages to stay
   under the limit, the low-priority ones first.  Then every lookup must
   return the exact value (regenerated where it was discarded), the
   high-priority entries must never have been lost, and the discards
   must show in the kernel's statistics and the cache's.  A second
   cache without a regenerate callback reports the lost entries as
   misses and every hit is still exact.  hurd_cache_shrink gives up
   the pages of its own choice.  */
#include <hurd/cache.h>
#include <stdio.h>
#include <string.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

#define ROOT_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define FOLIO VG_BOOT_CAP (VG_BOOT_CAP_FREE)
#define CHILD VG_BOOT_CAP (VG_BOOT_CAP_FREE + 1)

#define LIMIT 48
#define VALUE_MAX 1000 /* 4 slots a page.  */
#define HI 96          /* 24 pages at priority 5 ...  */
#define LO 640         /* ... and 160 at -5: 184 pages, LIMIT frames.  */
#define HI_KEY(i) (0x1000000ull + (uint64_t)(i)*7919)
#define LO_KEY(i) (0x2000000ull + (uint64_t)(i)*104729)

#include "nltest.h"

/* KEY's value: its length and bytes follow from the key alone.  */
static size_t
make_value (uint64_t key, uint8_t *buf)
{
  size_t len = 100 + (size_t)(key * 37 % (VALUE_MAX - 100 + 1));
  for (size_t i = 0; i < len; i++)
    buf[i] = (uint8_t)(key * 131 + i * 7 + (i >> 8) + 1);
  return len;
}

static unsigned regen_calls, regen_hi;

static vg_error_t
regen (void *cookie, uint64_t key, void *buf, size_t size, size_t *len)
{
  (void)cookie;
  if (size < VALUE_MAX)
    return VG_ERANGE;
  regen_calls++;
  regen_hi += key < 0x2000000ull;
  *len = make_value (key, buf);
  return VG_OK;
}

/* Look KEY up; count a wrong value or a miss where a hit is due.  */
static unsigned bad;
static void
expect (struct hurd_cache *c, uint64_t key, int may_miss)
{
  uint8_t want[VALUE_MAX], got[VALUE_MAX];
  size_t n = 0, wn = make_value (key, want);
  memset (got, 0xee, sizeof got);
  vg_error_t err = hurd_cache_get (c, key, got, sizeof got, &n);
  if (err == VG_EVOID && may_miss)
    return;
  if (err || n != wn || memcmp (got, want, wn))
    {
      if (bad++ < 5)
        printf ("FAIL key %#llx: error %d, %zu bytes (want %zu)%s\n",
                (unsigned long long)key, err, n, wn,
                err || n != wn ? "" : ", contents differ");
    }
}

static void
show (const char *what, struct hurd_cache *c)
{
  struct hurd_cache_stats cs;
  struct vg_activity_stats st;
  hurd_cache_stats (c, &cs);
  CHECK (vg_activity_stats (CHILD, &st), VG_OK);
  printf ("cache: %s: %llu entries, %llu hits, %llu misses, %llu lost, "
          "%llu regenerated, %llu pages refilled; child: %llu frames "
          "(limit %llu), %llu discarded, %llu refaults, %llu limit hits\n",
          what, (unsigned long long)cs.entries, (unsigned long long)cs.hits,
          (unsigned long long)cs.misses, (unsigned long long)cs.lost,
          (unsigned long long)cs.regenerated,
          (unsigned long long)cs.pages_refilled,
          (unsigned long long)st.frames_total,
          (unsigned long long)st.frame_limit, (unsigned long long)st.discarded,
          (unsigned long long)st.refaults, (unsigned long long)st.limit_hits);
}

static void
fill (struct hurd_cache *c)
{
  uint8_t v[VALUE_MAX];
  for (unsigned i = 0; i < HI; i++)
    CHECK (hurd_cache_put (c, HI_KEY (i), v, make_value (HI_KEY (i), v), 5),
           VG_OK);
  for (unsigned i = 0; i < LO; i++)
    CHECK (hurd_cache_put (c, LO_KEY (i), v, make_value (LO_KEY (i), v), -5),
           VG_OK);
}

int
main (void)
{
  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  CHECK (vg_activity_create (FOLIO, 0, ROOT_ACT, CHILD), VG_OK);
  struct vg_activity_policy pol
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .frame_limit = LIMIT };
  CHECK (vg_activity_policy_set (CHILD, &pol), VG_OK);

  /* Bad configurations and arguments are refused.  */
  struct hurd_cache_config cfg
      = { .value_max = 0, .entries = HI + LO, .activity = CHILD };
  struct hurd_cache *c = NULL;
  CHECK (hurd_cache_create (&cfg, &c), VG_EINVAL);
  cfg.value_max = HURD_CACHE_VALUE_MAX + 1;
  CHECK (hurd_cache_create (&cfg, &c), VG_EINVAL);

  /* With a regenerate callback: every lookup is a hit.  */
  cfg.value_max = VALUE_MAX;
  cfg.regen = regen;
  CHECK (hurd_cache_create (&cfg, &c), VG_OK);
  uint8_t v[VALUE_MAX];
  CHECK (hurd_cache_put (c, 1, v, VALUE_MAX + 1, 0), VG_EINVAL);
  CHECK (hurd_cache_put (c, 1, v, 10, VG_PRIORITY_MAX + 1), VG_EINVAL);
  fill (c);
  show ("filled", c);
  for (unsigned i = 0; i < HI; i++)
    expect (c, HI_KEY (i), 0);
  for (unsigned i = 0; i < LO; i++)
    expect (c, LO_KEY (i), 0);
  for (unsigned i = 0; i < HI; i++)
    expect (c, HI_KEY (i), 0);
  show ("read twice", c);
  CHECK (bad, 0);

  struct hurd_cache_stats cs;
  struct vg_activity_stats st;
  hurd_cache_stats (c, &cs);
  CHECK (vg_activity_stats (CHILD, &st), VG_OK);
  CHECK (cs.entries, HI + LO);
  CHECK (cs.misses, 0);
  CHECK (cs.hits, HI + LO + HI);
  /* Discards happened, the kernel says so, and the cache noticed.  */
  CHECK (st.discarded > 0, 1);
  CHECK (st.refaults > 0, 1);
  CHECK (cs.lost > 0, 1);
  CHECK (cs.pages_refilled > 0, 1);
  CHECK (cs.regenerated, cs.lost);
  CHECK (regen_calls, cs.regenerated);
  /* The limit held, and the low priority went first: not one
     high-priority entry was lost.  */
  CHECK (st.frames_total <= LIMIT, 1);
  CHECK (regen_hi, 0);
  /* At most one value page of LO entries can be resident per frame
     not taken by the HI pages: most LO entries were lost once.  */
  CHECK (cs.lost >= LO - 4 * (LIMIT - HI / 4), 1);

  /* Replacing and removing.  */
  CHECK (hurd_cache_put (c, HI_KEY (0), v, 5, 5), VG_OK);
  size_t n = 0;
  CHECK (hurd_cache_get (c, HI_KEY (0), v, 4, &n), VG_ERANGE);
  CHECK (n, 5);
  CHECK (hurd_cache_remove (c, HI_KEY (0)), VG_OK);
  CHECK (hurd_cache_remove (c, HI_KEY (0)), VG_EVOID);
  CHECK (hurd_cache_get (c, HI_KEY (0), v, sizeof v, &n), VG_EVOID);
  hurd_cache_destroy (c);

  /* Without one: lost entries are misses, hits are exact.  */
  cfg.regen = NULL;
  CHECK (hurd_cache_create (&cfg, &c), VG_OK);
  fill (c);
  for (unsigned i = 0; i < HI; i++)
    expect (c, HI_KEY (i), 0);
  for (unsigned i = 0; i < LO; i++)
    expect (c, LO_KEY (i), 1);
  show ("no regenerate", c);
  hurd_cache_stats (c, &cs);
  CHECK (bad, 0);
  CHECK (cs.misses > 0, 1);
  CHECK (cs.misses, cs.lost);
  CHECK (cs.hits + cs.misses, HI + LO);
  CHECK (cs.entries, HI + LO - cs.lost);
  CHECK (cs.regenerated, 0);
  hurd_cache_destroy (c);

  /* Shrinking by the cache's own choice: the lowest priority first,
     then the newest pages; the frames go at once, the lookups still
     return exact values.  16 entries at priority 3 (4 pages), then 8 at
     -3 (2 pages); shrink by 3 pages takes both -3 pages and the newest
     page of the 3s.  */
  cfg.regen = regen;
  cfg.entries = 24;
  CHECK (hurd_cache_create (&cfg, &c), VG_OK);
  for (unsigned i = 0; i < 16; i++)
    CHECK (hurd_cache_put (c, HI_KEY (i), v, make_value (HI_KEY (i), v), 3),
           VG_OK);
  for (unsigned i = 0; i < 8; i++)
    CHECK (hurd_cache_put (c, LO_KEY (i), v, make_value (LO_KEY (i), v), -3),
           VG_OK);
  struct vg_activity_stats before;
  CHECK (vg_activity_stats (CHILD, &before), VG_OK);
  CHECK (hurd_cache_shrink (c, 3), 3);
  CHECK (vg_activity_stats (CHILD, &st), VG_OK);
  CHECK (before.frames_local - st.frames_local, 3);
  regen_calls = regen_hi = 0;
  for (unsigned i = 0; i < 16; i++)
    expect (c, HI_KEY (i), 0);
  for (unsigned i = 0; i < 8; i++)
    expect (c, LO_KEY (i), 0);
  CHECK (bad, 0);
  CHECK (regen_calls, 12);
  CHECK (regen_hi, 4);
  hurd_cache_stats (c, &cs);
  CHECK (cs.shrunk, 3);
  CHECK (cs.lost, 12);
  hurd_cache_destroy (c);

  printf ("newlib_cache: %s\n", failures ? "FAILED" : "ok");
  return failures ? 1 : 0;
}
