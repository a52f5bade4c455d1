/* newlib: qsort and bsearch on pseudo-random data: the result must be
   sorted and a permutation of the input (same multiset: count of each
   value in a small range), and bsearch must find every present key and
   no absent one.  Final line PASS or FAIL.  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 20000
#define RANGE 5000

static int data[N];
static unsigned counts[RANGE];
static int failures;

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint32_t
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 32);
}

static int
cmp_int (const void *a, const void *b)
{
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

struct rec
{
  char name[8];
  int key;
};

static int
cmp_rec (const void *a, const void *b)
{
  return strcmp (((const struct rec *)a)->name, ((const struct rec *)b)->name);
}

int
main (void)
{
  for (int i = 0; i < N; i++)
    {
      /* Only even values, so odd keys are known absent.  */
      data[i] = (int)(next () % (RANGE / 2)) * 2;
      counts[data[i]]++;
    }
  qsort (data, N, sizeof data[0], cmp_int);
  for (int i = 1; i < N; i++)
    if (data[i - 1] > data[i])
      {
        printf ("newlib_sort: not sorted at %d\n", i);
        failures++;
        break;
      }
  for (int i = 0; i < N; i++)
    counts[data[i]]--;
  for (int v = 0; v < RANGE; v++)
    if (counts[v] != 0)
      {
        printf ("newlib_sort: value %d count off by %u\n", v, counts[v]);
        failures++;
        break;
      }
  for (int key = 0; key < RANGE; key++)
    {
      int *hit = bsearch (&key, data, N, sizeof data[0], cmp_int);
      int present = key % 2 == 0 && hit != NULL;
      if ((key % 2 != 0 && hit != NULL) || (hit != NULL && *hit != key))
        {
          printf ("newlib_sort: bsearch (%d) wrong\n", key);
          failures++;
          break;
        }
      (void)present;
    }
  struct rec recs[] = { { "pear", 3 },   { "apple", 1 }, { "fig", 2 },
                        { "banana", 4 }, { "kiwi", 5 },  { "date", 6 } };
  size_t nrec = sizeof recs / sizeof recs[0];
  qsort (recs, nrec, sizeof recs[0], cmp_rec);
  const char *order[] = { "apple", "banana", "date", "fig", "kiwi", "pear" };
  for (size_t i = 0; i < nrec; i++)
    if (strcmp (recs[i].name, order[i]) != 0)
      {
        printf ("newlib_sort: record %zu is %s\n", i, recs[i].name);
        failures++;
      }
  struct rec probe = { "kiwi", 0 };
  struct rec *r = bsearch (&probe, recs, nrec, sizeof recs[0], cmp_rec);
  if (r == NULL || r->key != 5)
    {
      printf ("newlib_sort: bsearch of a record failed\n");
      failures++;
    }
  printf ("newlib_sort: %d failure(s)\n", failures);
  printf ("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
