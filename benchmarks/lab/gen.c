/* lab-gen: synthetic traces for the lab, in its text format (KEY
   PRIORITY d|i per line), deterministic for a seed.

   zipf   Zipf(0.9) over 10000 pages, all important at priority 0.
   loop   a loop over 1000 pages.
   scan   a hot set of 500 pages (uniform) with scans of 2000 new pages
          between bursts.
   mixed  the hint workload: an important working set (2000 pages,
          Zipf 0.8, priority 0), a discardable cache (8000 pages, Zipf
          0.9, priority -10) and, now and then, a scan of 3000 new
          discardable pages at priority -20 (read once: the program
          says so by giving them the lowest priority).  */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng;

static double
uniform (void)
{
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return (double)(rng >> 11) / (double)(1ull << 53);
}

struct zipf
{
  uint32_t n;
  double *cdf;
};

static void
zipf_init (struct zipf *z, uint32_t n, double alpha)
{
  z->n = n;
  z->cdf = malloc (n * sizeof *z->cdf);
  double sum = 0;
  for (uint32_t i = 0; i < n; i++)
    z->cdf[i] = sum += 1 / pow (i + 1, alpha);
  for (uint32_t i = 0; i < n; i++)
    z->cdf[i] /= sum;
}

/* Rank 0 is the most popular; ranks are scattered over keys by a
   multiplier so that popularity does not follow key order.  */
static uint32_t
zipf_draw (const struct zipf *z)
{
  double u = uniform ();
  uint32_t lo = 0, hi = z->n - 1;
  while (lo < hi)
    {
      uint32_t mid = (lo + hi) / 2;
      if (z->cdf[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (uint32_t)(((uint64_t)lo * 2654435761u) % z->n);
}

static void
emit (uint64_t key, int prio, char hint)
{
  printf ("%llu %d %c\n", (unsigned long long)key, prio, hint);
}

int
main (int argc, char **argv)
{
  if (argc < 2 || argc > 4)
    {
      fprintf (stderr, "usage: lab-gen zipf|loop|scan|mixed [COUNT [SEED]]\n");
      return 2;
    }
  const char *w = argv[1];
  uint64_t count = argc > 2 ? strtoull (argv[2], NULL, 10) : 1000000;
  rng = argc > 3 ? strtoull (argv[3], NULL, 10) : 1;
  uint64_t scan_key = 1ull << 40;
  if (strcmp (w, "zipf") == 0)
    {
      struct zipf z;
      zipf_init (&z, 10000, 0.9);
      for (uint64_t k = 0; k < count; k++)
        emit (zipf_draw (&z), 0, 'i');
    }
  else if (strcmp (w, "loop") == 0)
    for (uint64_t k = 0; k < count; k++)
      emit (k % 1000, 0, 'i');
  else if (strcmp (w, "scan") == 0)
    for (uint64_t k = 0; k < count;)
      {
        for (int b = 0; b < 5000 && k < count; b++, k++)
          emit ((uint64_t)(uniform () * 500), 0, 'i');
        for (int b = 0; b < 2000 && k < count; b++, k++)
          emit (scan_key++, 0, 'i');
      }
  else if (strcmp (w, "mixed") == 0)
    {
      struct zipf ws, cache;
      zipf_init (&ws, 2000, 0.8);
      zipf_init (&cache, 8000, 0.9);
      for (uint64_t k = 0; k < count;)
        {
          for (int b = 0; b < 20000 && k < count; b++, k++)
            if (uniform () < 0.5)
              emit (zipf_draw (&ws), 0, 'i');
            else
              emit ((1ull << 32) + zipf_draw (&cache), -10, 'd');
          for (int b = 0; b < 3000 && k < count; b++, k++)
            emit (scan_key++, -20, 'd');
        }
    }
  else
    {
      fprintf (stderr,
               "lab-gen: unknown workload '%s'; known: zipf loop "
               "scan mixed\n",
               w);
      return 2;
    }
  return fflush (stdout) == 0 ? 0 : 1;
}
