/* Discard and refill one page: madvise (DONTNEED) -> object_discard;
   the next read faults with the discarded flag -> activation ->
   normal mode -> libhurd-mm re-creates the page and the fill callback
   regenerates it -> resume.  */
#include <act.h>
#include <hurd/anon.h>
#include <hurd/mm.h>
#include <stdio.h>

#include "bench.h"

#define OPS 500

static vg_error_t
fill (void *cookie, uint64_t addr, void *page)
{
  (void)cookie;
  (void)addr;
  ((uint64_t *)page)[0] = 0x600d;
  return VG_OK;
}

int
main (void)
{
  struct vg_object_policy p = { .discardable = 1, .priority = -10 };
  struct anon_region *r;
  if (anon_create (0, 4096, ANON_WRITE, p, fill, NULL, VG_ADDR_VOID, &r))
    return 1;
  volatile uint64_t *w = (volatile uint64_t *)r->r.start;
  *w = 0x600d;
  unsigned bad = 0;
  uint64_t t0 = bench_tsc ();
  for (int i = 0; i < OPS; i++)
    {
      hurd_mm_madvise ((void *)w, 4096, HURD_MADV_DONTNEED);
      bad += *w != 0x600d;
    }
  uint64_t t1 = bench_tsc ();
  bench_report ("act_discard_refill", OPS, t1 - t0);
  return bad == 0 && act_stats.normal == OPS ? 0 : 1;
}
