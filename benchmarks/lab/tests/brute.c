/* Brute-force reference implementations (brute.h).  */
#include <stdbool.h>
#include <stdlib.h>

#include "brute.h"

static int
find (const uint32_t *res, uint32_t used, uint32_t key)
{
  for (uint32_t i = 0; i < used; i++)
    if (res[i] == key)
      return (int)i;
  return -1;
}

uint64_t
brute_fifo (const uint32_t *keys, uint32_t n, uint32_t c)
{
  uint32_t *res = calloc (c, sizeof *res), used = 0;
  uint64_t misses = 0;
  for (uint32_t k = 0; k < n; k++)
    {
      if (find (res, used, keys[k]) >= 0)
        continue;
      misses++;
      if (used == c)
        {
          for (uint32_t i = 1; i < c; i++)
            res[i - 1] = res[i];
          used--;
        }
      res[used++] = keys[k];
    }
  free (res);
  return misses;
}

uint64_t
brute_lru (const uint32_t *keys, uint32_t n, uint32_t c)
{
  uint32_t *res = calloc (c, sizeof *res), used = 0;
  uint32_t *last = calloc (c, sizeof *last);
  uint64_t misses = 0;
  for (uint32_t k = 0; k < n; k++)
    {
      int i = find (res, used, keys[k]);
      if (i < 0)
        {
          misses++;
          if (used < c)
            i = (int)used++;
          else
            {
              i = 0;
              for (uint32_t j = 1; j < c; j++)
                if (last[j] < last[i])
                  i = (int)j;
            }
          res[i] = keys[k];
        }
      last[i] = k;
    }
  free (res);
  free (last);
  return misses;
}

uint64_t
brute_clock (const uint32_t *keys, uint32_t n, uint32_t c)
{
  uint32_t *res = calloc (c, sizeof *res), used = 0, hand = 0;
  bool *ref = calloc (c, sizeof *ref);
  uint64_t misses = 0;
  for (uint32_t k = 0; k < n; k++)
    {
      int i = find (res, used, keys[k]);
      if (i >= 0)
        {
          ref[i] = true;
          continue;
        }
      misses++;
      if (used < c)
        {
          res[used] = keys[k];
          ref[used++] = false;
          continue;
        }
      while (ref[hand])
        {
          ref[hand] = false;
          hand = (hand + 1) % c;
        }
      res[hand] = keys[k];
      ref[hand] = false;
      hand = (hand + 1) % c;
    }
  free (res);
  free (ref);
  return misses;
}

uint64_t
brute_opt (const uint32_t *keys, uint32_t n, uint32_t c)
{
  uint32_t *res = calloc (c, sizeof *res), used = 0;
  uint64_t misses = 0;
  for (uint32_t k = 0; k < n; k++)
    {
      if (find (res, used, keys[k]) >= 0)
        continue;
      misses++;
      if (used < c)
        {
          res[used++] = keys[k];
          continue;
        }
      uint32_t worst = 0, worst_next = 0;
      for (uint32_t i = 0; i < c; i++)
        {
          uint32_t j = k + 1;
          while (j < n && keys[j] != res[i])
            j++;
          if (i == 0 || j > worst_next)
            {
              worst = i;
              worst_next = j;
            }
        }
      res[worst] = keys[k];
    }
  free (res);
  return misses;
}
