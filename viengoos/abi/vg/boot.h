/* What the root task gets from the kernel at boot (see doc/threads.md).

   The kernel loads boot module 0 as the root task: its ELF segments,
   a stack, a read-only boot-info page (struct vg_boot_info, at
   VG_BOOT_INFO_VA, also passed in rdi) and the other modules' bytes,
   read-only, all in an address space built from folios of the root
   activity.  Its one thread runs on the root activity.

   Cap slots.  Level-1 slot 1 of its tree holds the boot cappage; its
   slots are the depth-2 addresses VG_BOOT_CAP (I): the root activity
   (all rights), the thread, the AS root cappage, the boot cappage
   itself, then the folios the kernel used.  Slots VG_BOOT_CAP_FREE and
   up are empty, for the root task's use, as is the whole level-1 slot
   VG_BOOT_FREE_REGION (a depth-1 address).

   A program started by the root task (libhurd-mm's spawn, see
   doc/roottask.md) finds the same layout in its own tree: its activity
   (write right only: it cannot raise its own quota), its thread, AS root,
   boot cappage and folios, plus NCAPS caps its starter passed in the
   slots VG_BOOT_CAP_PASSED (I), and a read-only start block (argc/argv,
   activations/include/vgstart.h) at VG_BOOT_START_VA.  Entry registers:
   the kernel enters the root task with rdi = VG_BOOT_INFO_VA, rsi = 0;
   spawn enters a child with rdi = VG_BOOT_START_VA, rsi =
   VG_START_MAGIC, rdx = VG_BOOT_INFO_VA.  Either way the boot-info page
   is at VG_BOOT_INFO_VA, so a program need not know who started it.  */
#ifndef VG_BOOT_H
#define VG_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define VG_BOOT_INFO_VA 0x0fff0000ull   /* The boot-info page.  */
#define VG_BOOT_STACK_TOP 0x10000000ull /* Initial rsp.  */
#define VG_BOOT_STACK_PAGES 8
#define VG_BOOT_START_VA 0x0fff1000ull   /* Start block (spawned programs).  */
#define VG_BOOT_START_SIZE 4096ull       /* Its most bytes.  */
#define VG_BOOT_MODULES_VA 0x40000000ull /* Other modules, read-only.  */
#define VG_BOOT_MODULES_MAX 0x40000000ull /* Bytes of that window.  */

#define VG_BOOT_CAPS_VA 0x1000000000ull /* Level-1 slot 1.  */
#define VG_BOOT_CAP(i) VG_ADDR (VG_BOOT_CAPS_VA + ((uint64_t)(i) << 28), 2)
#define VG_BOOT_CAP_ACTIVITY 0 /* Root activity, all rights.  */
#define VG_BOOT_CAP_THREAD 1   /* The root task's thread.  */
#define VG_BOOT_CAP_ASPACE 2   /* Its AS root cappage.  */
#define VG_BOOT_CAP_CAPS 3     /* The boot cappage.  */
#define VG_BOOT_CAP_FOLIO0 4   /* First folio the kernel used.  */
#define VG_BOOT_MAX_FOLIOS 28
#define VG_BOOT_CAP_FREE 32 /* First free slot of the boot cappage.  */
/* Caps the starter passed (vg_boot_info.ncaps of them): the last slots
   of the boot cappage, so VG_BOOT_CAP_FREE up to VG_BOOT_CAP_PASSED0 - 1
   stay free.  */
#define VG_BOOT_MAX_PASSED 8
#define VG_BOOT_CAP_PASSED0 (256 - VG_BOOT_MAX_PASSED)
#define VG_BOOT_CAP_PASSED(i) VG_BOOT_CAP (VG_BOOT_CAP_PASSED0 + (i))
/* An empty level-1 slot (depth-1 address) for the root task.  */
#define VG_BOOT_FREE_REGION VG_ADDR (0x2000000000ull, 1)

#define VG_BOOT_MAGIC 0x564742544f4f42ull /* "BOOTBGV" */
/* The ABI revision the headers describe.  Bumped whenever a structure or
   call changes incompatibly; the boot-info page carries the kernel's
   (or the spawner's) and crt0 refuses to run a program built for
   another.  2: frame limits, swap quota and CPU shares in the activity
   policy; the statistics of doc/reclamation.md.  3: the swap store's
   statistics in struct vg_mm_stats.  */
#define VG_ABI_VERSION 3
#define VG_BOOT_MAX_MODULES 15
#define VG_BOOT_CMDLINE_MAX 256
#define VG_BOOT_MODULE_CMDLINE_MAX 160

struct vg_boot_module
{
  uint64_t va;   /* Where its bytes are mapped, read-only.  */
  uint64_t size; /* How many bytes.  */
  char cmdline[VG_BOOT_MODULE_CMDLINE_MAX]; /* Name (first word) and
                                               arguments; NUL-ended.  */
};

struct vg_boot_info
{
  uint64_t magic;         /* VG_BOOT_MAGIC.  */
  uint64_t quota_default; /* Folios to give each module's activity
                             (quota= on the kernel command line).  */
  uint32_t nfolios;       /* Folio caps at VG_BOOT_CAP_FOLIO0...  */
  uint32_t nmodules;      /* Entries in MODULES (boot modules 1..n).  */
  char cmdline[VG_BOOT_CMDLINE_MAX]; /* The root task's own.  */
  struct vg_boot_module modules[VG_BOOT_MAX_MODULES];
  uint32_t ncaps;        /* Caps passed at VG_BOOT_CAP_PASSED (0..).  */
  uint32_t abi_version;  /* VG_ABI_VERSION of whoever wrote it.  */
  uint64_t wall_seconds; /* The wall clock when the machine booted
                            (the CMOS clock): seconds since 1970-01-01
                            UTC; 0 if unknown.  Add the monotonic
                            vg_time for now.  */
};

_Static_assert(sizeof (struct vg_boot_module) == 176, "boot module");
_Static_assert(offsetof (struct vg_boot_info, cmdline) == 24, "layout");
_Static_assert(offsetof (struct vg_boot_info, ncaps) == 2920, "layout");
_Static_assert(offsetof (struct vg_boot_info, wall_seconds) == 2928, "layout");
_Static_assert(sizeof (struct vg_boot_info) <= 4096, "fits a page");

#endif
