/* <sys/mman.h> for Viengoos programs (newlib has none for this target):
   anonymous memory through libhurd-mm (libc-port/mman.c forwards to
   hurd_mm_mmap and friends, <hurd/mm.h>).  Only anonymous private or
   shared mappings: there are no file mappings (MAP_ANONYMOUS is
   required; fd must be -1), and PROT_NONE is refused with EINVAL.  See
   doc/porting.md.  */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

/* The values are libhurd-mm's HURD_PROT_* etc. (and Linux's);
   libc-port/mman.c checks that they agree.  */
#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_FAILED ((void *)-1)

#define MADV_NORMAL 0
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define POSIX_MADV_NORMAL MADV_NORMAL
#define POSIX_MADV_DONTNEED MADV_DONTNEED

void *mmap (void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap (void *addr, size_t len);
int mprotect (void *addr, size_t len, int prot);
int madvise (void *addr, size_t len, int advice);
int posix_madvise (void *addr, size_t len, int advice);

#endif
