/* The region map (see hurd/region.h).  */
#include <hurd/region.h>

#include <stddef.h>

void
region_map_init (struct region_map *m, struct region **v, unsigned cap)
{
  m->v = v;
  m->n = 0;
  m->cap = cap;
}

/* The number of regions whose start is <= ADDR.  */
static unsigned
rank (const struct region_map *m, uint64_t addr)
{
  unsigned lo = 0, hi = m->n;
  while (lo < hi)
    {
      unsigned mid = lo + (hi - lo) / 2;
      if (m->v[mid]->start <= addr)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

struct region *
region_find (const struct region_map *m, uint64_t addr)
{
  unsigned k = rank (m, addr);
  if (k == 0 || addr >= m->v[k - 1]->end)
    return NULL;
  return m->v[k - 1];
}

bool
region_range_free (const struct region_map *m, uint64_t lo, uint64_t hi)
{
  if (lo >= hi)
    return true;
  unsigned k = rank (m, lo);
  if (k > 0 && m->v[k - 1]->end > lo)
    return false;
  return k == m->n || m->v[k]->start >= hi;
}

vg_error_t
region_insert (struct region_map *m, struct region *r)
{
  if (r->start >= r->end || ((r->start | r->end) & 0xfff))
    return VG_EINVAL;
  if (!region_range_free (m, r->start, r->end))
    return VG_EBUSY;
  if (m->n == m->cap)
    return VG_ENOMEM;
  unsigned k = rank (m, r->start);
  for (unsigned i = m->n; i > k; i--)
    m->v[i] = m->v[i - 1];
  m->v[k] = r;
  m->n++;
  return VG_OK;
}

void
region_remove (struct region_map *m, struct region *r)
{
  unsigned k = rank (m, r->start);
  if (k == 0 || m->v[k - 1] != r)
    return;
  for (unsigned i = k - 1; i + 1 < m->n; i++)
    m->v[i] = m->v[i + 1];
  m->n--;
}

bool
region_gap_top (const struct region_map *m, uint64_t len, uint64_t lo,
                uint64_t hi, uint64_t *start)
{
  if (len == 0 || hi < lo || hi - lo < len)
    return false;
  /* Walk the gaps from the top down: the gap below TOP and above
     region K - 1 (or LO); regions from K on start at or above HI.  */
  uint64_t top = hi;
  unsigned k = rank (m, hi - 1);
  for (;;)
    {
      uint64_t bottom = lo;
      if (k > 0 && m->v[k - 1]->end > lo)
        bottom = m->v[k - 1]->end;
      if (top > bottom && top - bottom >= len)
        {
          *start = top - len;
          return true;
        }
      if (k == 0 || m->v[k - 1]->start <= lo)
        return false;
      top = m->v[k - 1]->start;
      k--;
    }
}
