/* Free-range computation from a firmware memory map (see memmap.h).

   Every entry and reservation contributes its two end points.  Between
   two consecutive distinct points, whether memory is free is constant, so
   checking each elementary interval against all entries decides it.  With
   at most a few hundred points this quadratic pass is cheap, and it has
   no special cases for overlap or order.  */
#include <arch/layout.h>

#include "kstring.h"
#include "mm/memmap.h"

#define MAX_POINTS (2 * (MEMMAP_MAX_ENTRIES + MEMMAP_MAX_RESERVED) + 2)

struct span
{
  uint64_t start, end; /* end == 0 never happens: wrap is clamped.  */
  bool available;
};

static uint64_t
clamp_end (uint64_t base, uint64_t len)
{
  return len > UINT64_MAX - base ? UINT64_MAX : base + len;
}

static void
sort_unique (uint64_t *v, unsigned *n)
{
  for (unsigned i = 1; i < *n; i++)
    {
      uint64_t x = v[i];
      unsigned j = i;
      while (j > 0 && v[j - 1] > x)
        {
          v[j] = v[j - 1];
          j--;
        }
      v[j] = x;
    }
  unsigned out = 0;
  for (unsigned i = 0; i < *n; i++)
    if (out == 0 || v[out - 1] != v[i])
      v[out++] = v[i];
  *n = out;
}

static bool
covers (const struct span *s, uint64_t a, uint64_t b)
{
  return s->start <= a && b <= s->end;
}

unsigned
memmap_build (struct memmap *out, const struct memmap_entry *e, unsigned n,
              const struct memmap_range *res, unsigned nres, uint64_t limit)
{
  struct span spans[MEMMAP_MAX_ENTRIES + MEMMAP_MAX_RESERVED];
  unsigned nspans = 0;
  uint64_t points[MAX_POINTS];
  unsigned npoints = 0;

  memset (out, 0, sizeof *out);
  if (limit == 0)
    limit = UINT64_MAX;

  for (unsigned i = 0; i < n; i++)
    {
      if (e[i].len == 0 || nspans == MEMMAP_MAX_ENTRIES)
        {
          out->ignored++;
          continue;
        }
      spans[nspans++]
          = (struct span){ e[i].base, clamp_end (e[i].base, e[i].len),
                           e[i].type == MEMMAP_AVAILABLE };
    }
  unsigned nentries = nspans;
  for (unsigned i = 0; i < nres && i < MEMMAP_MAX_RESERVED; i++)
    if (res[i].end > res[i].start)
      spans[nspans++] = (struct span){ res[i].start, res[i].end, false };

  for (unsigned i = 0; i < nspans; i++)
    {
      points[npoints++] = spans[i].start;
      points[npoints++] = spans[i].end;
    }
  sort_unique (points, &npoints);

  for (unsigned p = 0; p + 1 < npoints; p++)
    {
      uint64_t a = points[p], b = points[p + 1];
      bool avail = false, blocked = false;
      for (unsigned i = 0; i < nspans; i++)
        if (covers (&spans[i], a, b))
          {
            if (spans[i].available)
              avail = true;
            else
              blocked = true;
          }
      /* Available RAM as the firmware describes it, before reservations. */
      bool fw_blocked = false;
      for (unsigned i = 0; i < nentries && avail; i++)
        if (!spans[i].available && covers (&spans[i], a, b))
          fw_blocked = true;
      if (avail && !fw_blocked)
        out->available_bytes += b - a;
      if (!avail || blocked || a >= limit)
        continue;
      if (b > limit)
        b = limit;
      /* Merge with the previous range if contiguous.  */
      if (out->nfree > 0 && out->free[out->nfree - 1].end == a)
        out->free[out->nfree - 1].end = b;
      else if (out->nfree < MEMMAP_MAX_RANGES)
        out->free[out->nfree++] = (struct memmap_range){ a, b };
      else
        out->truncated = true;
    }

  /* Page-align inward; drop what becomes empty.  */
  unsigned k = 0;
  for (unsigned i = 0; i < out->nfree; i++)
    {
      uint64_t s = out->free[i].start;
      uint64_t t = ALIGN_DOWN (out->free[i].end, (uint64_t)PAGE_SIZE);
      if (s > UINT64_MAX - (PAGE_SIZE - 1))
        continue;
      s = ALIGN_UP (s, (uint64_t)PAGE_SIZE);
      if (s >= t)
        continue;
      out->free[k++] = (struct memmap_range){ s, t };
      out->free_bytes += t - s;
    }
  out->nfree = k;
  return k;
}
