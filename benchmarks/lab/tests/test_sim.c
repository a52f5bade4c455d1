/* The lab's simulators against brute-force references (brute.c) on
   random and adversarial traces: exact LRU, FIFO, CLOCK and OPT miss
   counts must be equal, and no policy may beat OPT.  */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "brute.h"
#include "sim.h"

#define N 3000

static uint64_t rng;

static uint32_t
rnd (void)
{
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rng >> 33);
}

enum shape
{
  UNIFORM,  /* keys uniform in [0, 200) */
  LOOP,     /* 0, 1, ..., L-1 repeated, L a little above the cache */
  SCAN_HOT, /* a hot set of 20 keys, with scans of new keys through it */
  ZIPF,     /* Zipf(0.9) over 500 keys */
  SHAPES
};

static const char *const shape_name[SHAPES]
    = { "uniform", "loop", "scan+hot", "zipf" };

/* Fill KEYS for SHAPE with cache size C in mind; hints random.  */
static void
make_trace (struct lab_trace *t, uint32_t *keys, enum shape shape, uint32_t c,
            uint64_t seed)
{
  rng = seed;
  double cdf[500];
  double sum = 0;
  for (int i = 0; i < 500; i++)
    cdf[i] = sum += 1 / pow (i + 1, 0.9);
  uint32_t scan_next = 1000;
  for (uint32_t k = 0; k < N; k++)
    {
      switch (shape)
        {
        case UNIFORM:
          keys[k] = rnd () % 200;
          break;
        case LOOP:
          keys[k] = k % (c + 1 + c / 8);
          break;
        case SCAN_HOT:
          keys[k] = (k / 50) % 3 == 2 ? scan_next++ : rnd () % 20;
          break;
        default:
          {
            double u = (rnd () / (double)(1u << 31)) * sum;
            int lo = 0, hi = 499;
            while (lo < hi)
              {
                int mid = (lo + hi) / 2;
                if (cdf[mid] < u)
                  lo = mid + 1;
                else
                  hi = mid;
              }
            keys[k] = (uint32_t)lo;
          }
        }
      ck_assert (trace_append (t, keys[k] * 7919u + 3,
                               (int8_t)(rnd () % 3 - 1), rnd () % 2));
    }
}

static const uint32_t sizes[] = { 1, 2, 7, 16, 50 };
#define NSIZES (sizeof sizes / sizeof sizes[0])

/* One loop iteration per shape.  */
START_TEST (exact_counts_match_brute_force)
{
  enum shape shape = (enum shape)_i;
  for (size_t si = 0; si < NSIZES; si++)
    {
      uint32_t c = sizes[si];
      static uint32_t keys[N];
      struct lab_trace t;
      trace_init (&t);
      make_trace (&t, keys, shape, c, 1234 + si);
      struct lab_result r;
      ck_assert (lab_simulate (&policy_fifo_ops, &t, c, &r, NULL));
      ck_assert_msg (r.misses == brute_fifo (keys, N, c), "fifo %s c=%u: %llu",
                     shape_name[shape], c, (unsigned long long)r.misses);
      ck_assert (lab_simulate (&lab_lru_ops, &t, c, &r, NULL));
      ck_assert_msg (r.misses == brute_lru (keys, N, c), "lru %s c=%u",
                     shape_name[shape], c);
      ck_assert (lab_simulate (&policy_clock_ops, &t, c, &r, NULL));
      ck_assert_msg (r.misses == brute_clock (keys, N, c), "clock %s c=%u",
                     shape_name[shape], c);
      ck_assert (lab_opt (&t, NULL, c, &r, NULL));
      ck_assert_msg (r.misses == brute_opt (keys, N, c), "opt %s c=%u",
                     shape_name[shape], c);
      ck_assert_uint_eq (r.refs, N);
      ck_assert_uint_eq (r.evict_important + r.evict_discardable,
                         r.misses - (r.misses < c ? r.misses : c));
      trace_free (&t);
    }
}
END_TEST

/* The adversarial cases behave as theory says: a loop one page larger
   than the cache misses always under LRU, FIFO and CLOCK, while OPT
   misses about once per loop per page beyond the cache.  */
START_TEST (loop_defeats_lru)
{
  struct lab_trace t;
  trace_init (&t);
  uint32_t c = 16;
  for (uint32_t k = 0; k < 1700; k++)
    ck_assert (trace_append (&t, k % (c + 1), 0, false));
  struct lab_result r, opt;
  ck_assert (lab_opt (&t, NULL, c, &opt, NULL));
  ck_assert (lab_simulate (&lab_lru_ops, &t, c, &r, NULL));
  ck_assert_uint_eq (r.misses, 1700);
  ck_assert (lab_simulate (&policy_fifo_ops, &t, c, &r, NULL));
  ck_assert_uint_eq (r.misses, 1700);
  ck_assert (lab_simulate (&policy_clock_ops, &t, c, &r, NULL));
  ck_assert_uint_eq (r.misses, 1700);
  /* OPT: c + 1 cold misses, then one miss per c references.  */
  ck_assert_uint_le (opt.misses, 17 + 1700 / 16 + 1);
  ck_assert_uint_ge (opt.misses, 17 + 1700 / 17 - 1);
  trace_free (&t);
}
END_TEST

/* A scan through a hot set: the scan-resistant policy keeps the hot
   set, LRU does not.  */
START_TEST (s3fifo_resists_scan)
{
  struct lab_trace t;
  trace_init (&t);
  rng = 99;
  uint32_t scan = 1000;
  for (uint32_t round = 0; round < 40; round++)
    {
      for (uint32_t k = 0; k < 200; k++)
        ck_assert (trace_append (&t, rnd () % 40, 0, false));
      for (uint32_t k = 0; k < 100; k++)
        ck_assert (trace_append (&t, scan++, 0, false));
    }
  struct lab_result lru, s3;
  ck_assert (lab_simulate (&lab_lru_ops, &t, 50, &lru, NULL));
  ck_assert (lab_simulate (&policy_s3fifo_ops, &t, 50, &s3, NULL));
  /* Scans alone cost 4000 misses; LRU also loses the hot set each
     round.  */
  ck_assert_uint_gt (lru.misses, 4000 + 39 * 30);
  ck_assert_uint_lt (s3.misses, 4000 + 39 * 10);
  trace_free (&t);
}
END_TEST

/* OPT is never beaten, for every policy, shape, size and seed.  */
START_TEST (opt_never_beaten)
{
  enum shape shape = (enum shape)_i;
  static uint32_t keys[N];
  for (uint64_t seed = 1; seed <= 3; seed++)
    for (size_t si = 0; si < NSIZES; si++)
      {
        uint32_t c = sizes[si];
        struct lab_trace t;
        trace_init (&t);
        make_trace (&t, keys, shape, c, seed * 77 + si);
        uint32_t *next = trace_next_use (&t);
        struct lab_result opt, r;
        ck_assert (lab_opt (&t, next, c, &opt, NULL));
        ck_assert (lab_simulate (&lab_lru_ops, &t, c, &r, NULL));
        ck_assert_uint_ge (r.misses, opt.misses);
        for (size_t p = 0; p < policy_registry_count; p++)
          {
            ck_assert (lab_simulate (policy_registry[p], &t, c, &r, NULL));
            ck_assert_msg (r.misses >= opt.misses, "%s beat OPT: %s c=%u",
                           policy_registry[p]->name, shape_name[shape], c);
          }
        free (next);
        trace_free (&t);
      }
}
END_TEST

/* The hints at work: with room for every important page, the Viengoos
   key never evicts one (hint-blind LRU does): at one priority, the
   discardable cache goes first; and it takes the scans (priority -20)
   before anything else, so it misses less than the hint-blind LRU
   approximation it is built on.  */
START_TEST (viengoos_spares_important_pages)
{
  struct lab_trace t;
  trace_init (&t);
  rng = 5;
  uint32_t scan = 100000;
  for (uint32_t round = 0; round < 30; round++)
    {
      for (uint32_t k = 0; k < 300; k++)
        if (rnd () % 2)
          ck_assert (trace_append (&t, rnd () % 40, 0, false));
        else
          ck_assert (trace_append (&t, 1000 + rnd () % 60, 0, true));
      for (uint32_t k = 0; k < 80; k++)
        ck_assert (trace_append (&t, scan++, -20, true));
    }
  struct lab_result vg, lru;
  ck_assert (lab_simulate (&policy_viengoos_ops, &t, 64, &vg, NULL));
  ck_assert (lab_simulate (&policy_lruapprox_ops, &t, 64, &lru, NULL));
  ck_assert_uint_eq (vg.evict_important, 0);
  ck_assert_uint_gt (lru.evict_important, 0);
  ck_assert_uint_lt (vg.misses, lru.misses);
  ck_assert_uint_lt (lab_cost (&vg), lab_cost (&lru));
  trace_free (&t);
}
END_TEST

/* FIFO's victims are the keys in order of first miss.  */
START_TEST (fifo_victim_sequence)
{
  struct lab_trace t;
  trace_init (&t);
  static const uint64_t k[] = { 1, 2, 3, 1, 4, 5, 2, 6 };
  for (size_t i = 0; i < 8; i++)
    ck_assert (trace_append (&t, k[i], 0, false));
  uint32_t v[8];
  struct lab_result r;
  ck_assert (lab_simulate (&policy_fifo_ops, &t, 3, &r, v));
  /* Misses: 1 2 3 [hit 1] 4(evicts 1) 5(2) 2(3) 6(4).  */
  ck_assert_uint_eq (r.misses, 7);
  static const uint64_t want[] = { 1, 2, 3, 4 };
  for (size_t i = 0; i < 4; i++)
    ck_assert_uint_eq (t.key[v[i]], want[i]);
  trace_free (&t);
}
END_TEST

/* Costs: an evicted important page costs a write on top of its read.  */
START_TEST (cost_counts_important_evictions)
{
  struct lab_trace t;
  trace_init (&t);
  /* a(important) b(discardable) c d: with 2 frames under FIFO, a and b
     are evicted; a's eviction costs a write.  */
  ck_assert (trace_append (&t, 1, 0, false));
  ck_assert (trace_append (&t, 2, 0, true));
  ck_assert (trace_append (&t, 3, 0, true));
  ck_assert (trace_append (&t, 4, 0, true));
  struct lab_result r;
  ck_assert (lab_simulate (&policy_fifo_ops, &t, 2, &r, NULL));
  ck_assert_uint_eq (r.misses, 4);
  ck_assert_uint_eq (r.evict_important, 1);
  ck_assert_uint_eq (r.evict_discardable, 1);
  ck_assert_uint_eq (lab_cost (&r), 5);
  trace_free (&t);
}
END_TEST

Suite *sim_suite (void);

Suite *
sim_suite (void)
{
  Suite *s = suite_create ("sim");
  TCase *tc = tcase_create ("sim");
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, exact_counts_match_brute_force, 0, SHAPES);
  tcase_add_loop_test (tc, opt_never_beaten, 0, SHAPES);
  tcase_add_test (tc, loop_defeats_lru);
  tcase_add_test (tc, s3fifo_resists_scan);
  tcase_add_test (tc, fifo_victim_sequence);
  tcase_add_test (tc, viengoos_spares_important_pages);
  tcase_add_test (tc, cost_counts_important_evictions);
  suite_add_tcase (s, tc);
  return s;
}
