/* libhurd-mm's environment in the host unit tests (the user flavour's
   is libhurd-mm/env/mm-env.h): the system-call stubs trap into the
   in-process fake kernel (tests/unit/fake_kernel.c), and a virtual
   address is reached through the fake kernel's page at that address.  */
#ifndef MM_ENV_H
#define MM_ENV_H

#include <stdint.h>

uint64_t fake_kernel_trap (uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                           uint64_t a3, uint64_t a4, uint64_t a5);
void *fake_kernel_window (uint64_t va);

#define VG_SYSCALL_TRAP fake_kernel_trap

static inline void *
mm_env_window (uint64_t va)
{
  return fake_kernel_window (va);
}

#endif
