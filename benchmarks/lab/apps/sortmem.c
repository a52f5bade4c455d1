/* A small program to record with `make trace
   APP=benchmarks/lab/apps/sortmem.c` (doc/eviction-lab.md, "Recording a
   trace"): fills an array of ARGV[1] MiB (default 4) with pseudo-random
   numbers, sorts it with qsort and sums a strided walk, so its pages are
   faulted in, touched in a mixed order and sampled by the ager.  Prints the
   sum.  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int
cmp (const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
  return x < y ? -1 : x > y;
}

int
main (int argc, char **argv)
{
  size_t mib = argc > 1 ? strtoul (argv[1], NULL, 0) : 4;
  size_t n = mib * 1024 * 1024 / sizeof (uint32_t);
  uint32_t *a = malloc (n * sizeof *a);
  if (!a)
    {
      printf ("sortmem: no memory for %zu MiB\n", mib);
      return 1;
    }
  uint64_t r = 1;
  for (size_t i = 0; i < n; i++)
    {
      r = r * 6364136223846793005ull + 1442695040888963407ull;
      a[i] = (uint32_t)(r >> 33);
    }
  qsort (a, n, sizeof *a, cmp);
  uint64_t sum = 0;
  for (size_t s = 0; s < 64; s++)
    for (size_t i = s * 97; i < n; i += 4099)
      sum += a[i];
  printf ("sortmem: %zu MiB sorted, sum %llu\n", mib, (unsigned long long)sum);
  return 0;
}
