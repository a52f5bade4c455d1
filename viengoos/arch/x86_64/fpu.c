/* FPU/SSE enabling (see include/arch/fpu.h).  */
#include <arch/cpu.h>
#include <arch/fpu.h>

#include "kstring.h"
#include "kern/log.h"
#include "kern/panic.h"

#define FCW_DEFAULT 0x37f
#define MXCSR_DEFAULT 0x1f80

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

void
fpu_limit_area (uint32_t room)
{
  if (area_size <= room)
    return;
  log_warn ("fpu",
            "XSAVE area of %u bytes exceeds the %u bytes a thread has: "
            "using FXSAVE (x87 and SSE only)",
            area_size, room);
  use_xsave = false;
  area_size = 512;
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

static void
check_area (const void *area)
{
  assert (((uintptr_t)area & (FPU_AREA_ALIGN - 1)) == 0);
}

void
fpu_save (void *area)
{
  check_area (area);
  if (use_xsave)
    __asm__ volatile("xsave64 (%0)"
                     :
                     : "r"(area), "a"(-1), "d"(-1)
                     : "memory");
  else
    __asm__ volatile("fxsave64 (%0)" : : "r"(area) : "memory");
}

void
fpu_restore (const void *area)
{
  check_area (area);
  if (use_xsave)
    __asm__ volatile("xrstor64 (%0)"
                     :
                     : "r"(area), "a"(-1), "d"(-1)
                     : "memory");
  else
    __asm__ volatile("fxrstor64 (%0)" : : "r"(area) : "memory");
}

void
fpu_init_area (void *area)
{
  check_area (area);
  uint8_t *a = area;
  memset (a, 0, area_size);
  uint16_t fcw = FCW_DEFAULT;
  uint32_t mxcsr = MXCSR_DEFAULT;
  memcpy (a + 0, &fcw, sizeof fcw);
  memcpy (a + 24, &mxcsr, sizeof mxcsr);
  /* XSAVE header (offset 512): XSTATE_BV says x87 and SSE come from the
     legacy area, the rest from their initial state.  */
  if (use_xsave)
    {
      uint64_t bv = 3;
      memcpy (a + 512, &bv, sizeof bv);
    }
}
