/* <sys/mman.h>: anonymous memory under the POSIX names, forwarded to
   libhurd-mm (<hurd/mm.h>), which sets errno through
   hurd_mm_errno_hook.  */
#include <errno.h>
#include <sys/mman.h>

#include "glue.h"

_Static_assert(PROT_READ == HURD_PROT_READ && PROT_WRITE == HURD_PROT_WRITE
                   && PROT_EXEC == HURD_PROT_EXEC
                   && PROT_NONE == HURD_PROT_NONE,
               "PROT_* are libhurd-mm's");
_Static_assert(MAP_SHARED == HURD_MAP_SHARED && MAP_PRIVATE == HURD_MAP_PRIVATE
                   && MAP_FIXED == HURD_MAP_FIXED
                   && MAP_ANONYMOUS == HURD_MAP_ANONYMOUS,
               "MAP_* are libhurd-mm's");
_Static_assert(MADV_NORMAL == HURD_MADV_NORMAL
                   && MADV_DONTNEED == HURD_MADV_DONTNEED,
               "MADV_* are libhurd-mm's");

void *
mmap (void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
  return hurd_mm_mmap (addr, len, prot, flags, fd, (int64_t)off);
}

int
munmap (void *addr, size_t len)
{
  return hurd_mm_munmap (addr, len);
}

int
mprotect (void *addr, size_t len, int prot)
{
  return hurd_mm_mprotect (addr, len, prot);
}

int
madvise (void *addr, size_t len, int advice)
{
  return hurd_mm_madvise (addr, len, advice);
}

/* posix_madvise returns the error number instead of setting errno.  */
int
posix_madvise (void *addr, size_t len, int advice)
{
  int saved = errno;
  int r = hurd_mm_madvise (addr, len, advice) == 0 ? 0 : errno;
  errno = saved;
  return r;
}
