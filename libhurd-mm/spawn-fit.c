/* Where a child's segments may go (see hurd/spawn-fit.h).  */
#include <hurd/spawn-fit.h>
#include <vg/boot.h>
#include <vg/error.h>

#include "elf64.h"
#include "vsnprintf.h"

int
spawn_fit_segments (const struct elf_image *img, char *why, size_t whylen)
{
  for (unsigned i = 0; i < img->nsegments; i++)
    {
      uint64_t lo = img->segments[i].vaddr;
      uint64_t hi = lo + img->segments[i].memsz;
      /* Slot 1 holds the boot caps; above lie the child's libhurd-mm
         range and slots of its own.  */
      if (hi < lo || hi > VG_BOOT_CAPS_VA
          || (lo < VG_BOOT_STACK_TOP && hi > VG_BOOT_INFO_VA))
        {
          if (why)
            vg_snprintf (why, whylen,
                         "segment %u (%#llx-%#llx) overlaps the boot area "
                         "or leaves level-1 slot 0",
                         i, (unsigned long long)lo, (unsigned long long)hi);
          return VG_EINVAL;
        }
    }
  return VG_OK;
}
