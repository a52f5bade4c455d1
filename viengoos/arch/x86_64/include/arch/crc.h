/* The CRC32C of a page by the CPU's crc32 instruction (SSE4.2).  The
   swap store uses it when asked to (kernel option swap_crc=insn,
   mm/swap.c); by default it uses the table in lib/crc32c.c, since
   QEMU's TCG emulates the instruction a bit at a time, which makes it
   slower there in wall time than the table (doc/backing-store.md).  */
#ifndef ARCH_CRC_H
#define ARCH_CRC_H

#include "types.h"

/* True if the CPU has the instruction.  */
bool arch_crc32c_insn_present (void);

/* crc32c (0, P, 4096), by the instruction; only if it is present.  */
uint32_t arch_crc32c_page_insn (const void *p);

#endif
