/* The embedded kernel symbol table, generated at build time from a first
   link pass (tools/gen-ksyms), for backtraces with names.  */
#ifndef VG_KSYMS_H
#define VG_KSYMS_H

#include "types.h"

/* The name of the function containing ADDR and ADDR's offset in it, or
   NULL if ADDR is outside the kernel's text.  */
const char *ksyms_lookup (uintptr_t addr, uintptr_t *offset);

#endif
