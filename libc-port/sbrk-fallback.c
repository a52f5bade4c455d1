/* TEMPORARY: remove when branch mm (libhurd-mm's hurd_mm_sbrk) is merged.

   A weak hurd_mm_sbrk so newlib programs link before libhurd-mm exists.
   It never hands out memory (no fixed arena): every request fails with
   ENOMEM, so malloc returns NULL.  The real, strong definition in
   build/user/libhurd-mm.a replaces it when linked.  */
#include <errno.h>
#include <stdint.h>

#include "glue.h"

#undef errno
extern int errno;

__attribute__ ((weak)) void *
hurd_mm_sbrk (intptr_t increment)
{
  (void)increment;
  errno = ENOMEM;
  return (void *)-1;
}
