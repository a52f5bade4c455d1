/* The default pressure callback for newlib programs (hurd/notice.h):
   give malloc's free memory at the top of the heap back.  User flavour
   only, in its own object so that only programs naming it need
   malloc_trim.  */
#include <hurd/mm.h>
#include <hurd/notice.h>

int malloc_trim (unsigned long pad);

uint64_t
hurd_notice_trim_malloc (void *cookie, uint64_t frames, uint64_t deadline)
{
  (void)cookie;
  (void)frames;
  (void)deadline;
  uint64_t before = (uint64_t)hurd_mm_sbrk (0);
  (void)malloc_trim (0);
  uint64_t after = (uint64_t)hurd_mm_sbrk (0);
  return before > after ? (before - after) / 4096 : 0;
}
