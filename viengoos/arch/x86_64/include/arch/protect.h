/* Supervisor-mode protections against user memory (x86-64): SMEP (the
   kernel cannot execute user pages) and SMAP (the kernel cannot touch
   user pages outside stac/clac, which only usercopy.c uses).  */
#ifndef ARCH_PROTECT_H
#define ARCH_PROTECT_H

#include <stdbool.h>

/* Enable SMEP and SMAP if CPUID leaf 7 says the CPU has them, and log
   which.  Call once at boot, before any user space exists.  */
void cpu_protect_init (void);

/* Whether SMAP is on (set once by cpu_protect_init); read inline on
   every user copy.  */
extern bool cpu_smap;

static inline bool
cpu_smap_enabled (void)
{
  return cpu_smap;
}

#endif
