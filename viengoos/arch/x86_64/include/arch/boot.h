/* What the boot loader handed the kernel, in loader-neutral form.  */
#ifndef ARCH_BOOT_H
#define ARCH_BOOT_H

#include "mm/memmap.h"
#include "types.h"

#define BOOT_MAX_MODULES 16

struct boot_module
{
  paddr_t start, end;
  const char *cmdline; /* In the direct map.  */
};

struct boot_info
{
  const char *cmdline;
  struct memmap_entry entries[MEMMAP_MAX_ENTRIES];
  unsigned nentries;
  struct memmap_range reserved[MEMMAP_MAX_RESERVED];
  unsigned nreserved;
  struct boot_module modules[BOOT_MAX_MODULES];
  unsigned nmodules;
  uint64_t wall_seconds; /* The CMOS clock at boot: seconds since the
                            epoch, 0 if unreadable (rtc.h).  */
};

extern struct boot_info boot_info;

/* Fill boot_info from the multiboot v1 information at MBI.  Returns false
   (after logging why) if the information is unusable.  */
bool multiboot_parse (uint32_t magic, paddr_t mbi);

#endif
