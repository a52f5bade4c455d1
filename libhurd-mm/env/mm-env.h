/* libhurd-mm's environment in the user flavour: the real `syscall`
   trap, and memory that is reached at its own virtual address.  The
   host unit tests supply their own mm-env.h (tests/unit/fake/mm-env.h)
   that routes the stubs to an in-process fake kernel and maps a virtual
   address to the fake page that backs it.  Include before <vg/stubs.h>.  */
#ifndef MM_ENV_H
#define MM_ENV_H

#include <stdint.h>

/* A pointer through which the page mapped at VA can be accessed.  */
static inline void *
mm_env_window (uint64_t va)
{
  return (void *)(uintptr_t)va;
}

#endif
