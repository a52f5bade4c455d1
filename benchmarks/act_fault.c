/* Anonymous page fault, end to end: touch -> kernel (as_fault: nothing
   mapped) -> activation -> libhurd-mm allocates and installs a page ->
   activation_return -> the access is retried (and the kernel maps the
   new page).  */
#include <act.h>
#include <hurd/mm.h>
#include <stdio.h>

#include "bench.h"

#define OPS 1000

int
main (void)
{
  volatile uint8_t *m = hurd_mm_mmap (
      NULL, (OPS + 1) * 4096ul, HURD_PROT_READ | HURD_PROT_WRITE,
      HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  if (m == HURD_MAP_FAILED)
    return 1;
  m[0] = 1; /* Warm up (cappages on the path).  */
  uint64_t a0 = act_stats.activated;
  uint64_t t0 = bench_tsc ();
  for (int i = 1; i <= OPS; i++)
    m[i * 4096ul] = 1;
  uint64_t t1 = bench_tsc ();
  bench_report ("act_anon_fault", OPS, t1 - t0);
  return act_stats.activated - a0 == OPS ? 0 : 1;
}
