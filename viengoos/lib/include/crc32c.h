/* CRC32C (Castagnoli), the swap store's per-block checksum.  Built for
   the kernel, user space and the host.  */
#ifndef VG_CRC32C_H
#define VG_CRC32C_H

#include "types.h"

/* The CRC32C of N bytes at P, continuing from CRC (0 to start).
   crc32c (0, "123456789", 9) == 0xe3069283.  */
uint32_t crc32c (uint32_t crc, const void *p, size_t n);

#endif
