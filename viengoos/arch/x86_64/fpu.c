/* FPU/SSE enabling (see include/arch/fpu.h).  */
#include <arch/cpu.h>
#include <arch/fpu.h>

#include "log.h"

static uint32_t area_size = 512;
static bool use_xsave;

void
fpu_init (void)
{
  uint32_t a, b, c, d;
  cpuid (1, 0, &a, &b, &c, &d);
  if (!(d & (1u << 25)))
    log_error ("fpu", "CPU lacks SSE; user programs will fault");
  write_cr0 ((read_cr0 () & ~(CR0_EM | CR0_TS)) | CR0_MP);
  write_cr4 (read_cr4 () | CR4_OSFXSR | CR4_OSXMMEXCPT);
  if (c & (1u << 26))
    {
      write_cr4 (read_cr4 () | CR4_OSXSAVE);
      uint32_t xa, xb, xc, xd;
      cpuid (0xd, 0, &xa, &xb, &xc, &xd);
      uint64_t xcr0 = 3; /* x87 and SSE.  */
      if (xa & 4)
        xcr0 |= 4; /* AVX, when offered.  */
      __asm__ volatile("xsetbv"
                       :
                       : "c"(0), "a"((uint32_t)xcr0),
                         "d"((uint32_t)(xcr0 >> 32)));
      cpuid (0xd, 0, &xa, &xb, &xc, &xd);
      area_size = xb;
      use_xsave = true;
    }
  log_info ("fpu", "SSE enabled; %s, save area %u bytes",
            use_xsave ? "XSAVE" : "FXSAVE", area_size);
}

uint32_t
fpu_save_area_size (void)
{
  return area_size;
}

bool
fpu_uses_xsave (void)
{
  return use_xsave;
}
