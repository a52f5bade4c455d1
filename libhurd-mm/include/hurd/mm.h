/* libhurd-mm's entry points for the C library and programs: setup,
   POSIX-style anonymous mmap/munmap/mprotect/madvise, and sbrk.

   errno.  libhurd-mm is built before and without a C library, so it
   does not touch errno itself.  A failing call reports its error
   number through hurd_mm_errno_hook if set (the newlib glue sets it to
   a function doing `errno = e`), and always stores it in
   hurd_mm_errno.  The numbers are the HURD_E* below, whose values are
   newlib's (and Linux's) ENOMEM, EINVAL, EACCES.

   sbrk.  hurd_mm_sbrk grows (or shrinks) one anonymous, writable,
   populated region (ANON_POPULATE): the storage is taken when the
   break moves, so malloc sees ENOMEM from sbrk when the activity's
   quota is exhausted, never a fault later.  The heap starts at the
   bottom of libhurd-mm's range; mmap places regions from the top down,
   leaving the heap room to grow.  */
#ifndef HURD_MM_H
#define HURD_MM_H

#include <stddef.h>
#include <stdint.h>

#include <hurd/anon.h>
#include <vg/addr.h>
#include <vg/error.h>

#define HURD_ENOMEM 12
#define HURD_EACCES 13
#define HURD_EINVAL 22

#define HURD_PROT_NONE 0x0
#define HURD_PROT_READ 0x1
#define HURD_PROT_WRITE 0x2
#define HURD_PROT_EXEC 0x4
#define HURD_MAP_SHARED 0x01
#define HURD_MAP_PRIVATE 0x02
#define HURD_MAP_FIXED 0x10
#define HURD_MAP_ANONYMOUS 0x20
#define HURD_MAP_FAILED ((void *)-1)
#define HURD_MADV_NORMAL 0
#define HURD_MADV_WILLNEED 3 /* Important again (as NORMAL).  */
#define HURD_MADV_DONTNEED 4
#define HURD_MADV_FREE                                                        \
  8 /* Discardable: the kernel may drop the pages;                            \
       a dropped page reads as zeros.  */

struct hurd_mm_config
{
  vg_addr_t activity;      /* Pays for pages (default regions).  */
  vg_addr_t meta_activity; /* Pays for libhurd-mm's metadata.  */
  uint64_t va_lo, va_hi;   /* Our part of the address space (level-1
                              aligned); 0, 0 for the default.  */
};

/* The default range: level-1 slots 1..AS_META_L1 - 1 (slot 0 holds the
   program image at 0x400000).  */
#define HURD_MM_VA_LO ((uint64_t)1 << 36)
#define HURD_MM_VA_HI ((uint64_t)254 << 36)

extern void (*hurd_mm_errno_hook) (int err);
extern int hurd_mm_errno;
/* The kernel's error behind the last failure of mmap & co. and sbrk
   (VG_EQUOTA: a folio quota was reached; VG_EFRAMES: a frame limit;
   VG_ENOMEM: no free frame in the machine), for
   messages that name the limit.  */
extern vg_error_t hurd_mm_last_error;
/* Where sbrk's heap starts: the bottom of the configured range.  */
extern uint64_t hurd_mm_heap_base;

/* For programs (libhurd-mm/start.c, user flavour only): the range a
   program started by the kernel or the root task manages, leaving
   level-1 slot 0 (image, stack, modules), 1 (boot caps) and 2
   (VG_BOOT_FREE_REGION) alone.  */
#define HURD_MM_PROG_VA_LO ((uint64_t)3 << 36)

/* Set libhurd-mm up for the running program: hurd_mm_init with the
   activity at VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY) paying for pages and
   metadata, in [HURD_MM_PROG_VA_LO, HURD_MM_VA_HI), and add the
   activation runtime's page-fault handler (hurd_mm_fault; faults on
   discarded pages are resolved in normal mode, so fill callbacks may
   fault).  The start code calls it before main.  */
vg_error_t hurd_mm_start (void);

/* Set everything up; the runtime calls this before main.  */
vg_error_t hurd_mm_init (const struct hurd_mm_config *c);

/* Top up the reserves (storage.h); called by every entry point.  */
vg_error_t hurd_mm_replenish (void);

/* The HURD_E* number for a vg_error_t.  */
int hurd_mm_errno_of (vg_error_t err);

/* Anonymous mappings only (HURD_MAP_ANONYMOUS, FD -1, OFFSET 0).
   HURD_PROT_NONE is refused (HURD_EINVAL) by mmap and mprotect.
   HURD_MAP_FIXED replaces what overlaps.  munmap, mprotect and a
   MAP_FIXED mmap refuse (HURD_ENOMEM) any range touching the heap.  */
void *hurd_mm_mmap (void *addr, size_t len, int prot, int flags, int fd,
                    int64_t offset);
int hurd_mm_munmap (void *addr, size_t len);
int hurd_mm_mprotect (void *addr, size_t len, int prot);
int hurd_mm_madvise (void *addr, size_t len, int advice);

/* Move the break by INCREMENT bytes; the old break, or (void *)-1 with
   HURD_ENOMEM.  The heap starts at hurd_mm_heap_base.  */
void *hurd_mm_sbrk (intptr_t increment);

#endif
