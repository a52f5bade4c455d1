/* Kernel access to user memory (x86-64).

   The only way kernel code touches a user address.  A range is accepted
   only if it lies entirely below USER_SPACE_END without wrapping; the
   copy then runs under the exception table, so an unmapped or protected
   page makes the call fail instead of crashing the kernel, and inside
   stac/clac when SMAP is on.  A failed copy may have copied a prefix.

   The hardware page tables are a cache: before a fault is turned into an
   error, the kernel-mode user-fault path (trap.c calls
   uentry_kernel_user_fault) gets a chance to fill the mapping, and the
   copy is retried if it did.  */
#ifndef ARCH_USERCOPY_H
#define ARCH_USERCOPY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Results: 0 on success, USERCOPY_EFAULT otherwise (the ABI's VG_EFAULT
   once it exists).  */
#define USERCOPY_EFAULT (-1)

int copy_from_user (void *dst, uint64_t usrc, size_t n);
int copy_to_user (uint64_t udst, const void *src, size_t n);

/* Whether [ADDR, ADDR + N) is a user range (no access is made).  */
bool user_range_ok (uint64_t addr, size_t n);

#endif
