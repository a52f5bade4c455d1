/* The host channel: records the guest sends to the host, one stream
   shared by the kernel (traces, statistics) and programs (output files;
   the host_write call).  On x86-64 it is the second serial port (COM2),
   which QEMU writes to a file (tools/qemu-run, VG_HOST_OUT); the host
   side is tools/host-extract.  doc/host-channel.md is the reference.

   A record is, with every integer little-endian:
     struct vg_host_header   16 bytes: magic, type, name_len, len, seq
     name                    name_len bytes (no NUL)
     payload                 len bytes
     checksum                4 bytes: FNV-1a (32-bit) over all of the
                             above, header included
   SEQ counts the records the kernel wrote since boot, from 0, whoever
   asked for them, so the host sees a record that went missing.  */
#ifndef VG_HOSTCHAN_H
#define VG_HOSTCHAN_H

#include <stddef.h>
#include <stdint.h>

#define VG_HOST_MAGIC 0x52484756u /* "VGHR" in the byte stream.  */
#define VG_HOST_NAME_MAX 255      /* Most name bytes in a record.  */
#define VG_HOST_DATA_MAX 4096     /* Most payload bytes in a record.  */

/* Record types.  Programs may send types 1 to VG_HOST_KERNEL_TYPES - 1
   (host_write); the kernel's own records use VG_HOST_KERNEL_TYPES and
   up.  */
#define VG_HOST_FILE_DATA 1 /* NAME: a file; payload: its next bytes.  */
#define VG_HOST_FILE_END                                                      \
  2 /* NAME: the file, complete; payload: its size                            \
       (8 bytes), which the host checks.  */
#define VG_HOST_KERNEL_TYPES 128

struct vg_host_header
{
  uint32_t magic;   /* VG_HOST_MAGIC.  */
  uint8_t type;     /* VG_HOST_*.  */
  uint8_t name_len; /* Name bytes after the header.  */
  uint16_t zero;    /* Reserved: 0.  */
  uint32_t len;     /* Payload bytes after the name.  */
  uint32_t seq;     /* Record number since boot.  */
};
_Static_assert(sizeof (struct vg_host_header) == 16, "host header");

#define VG_HOST_FNV_INIT 2166136261u

/* Continue the FNV-1a hash H over N bytes at P.  */
static inline uint32_t
vg_host_fnv1a (uint32_t h, const void *p, size_t n)
{
  const uint8_t *b = (const uint8_t *)p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ b[i]) * 16777619u;
  return h;
}

#endif
