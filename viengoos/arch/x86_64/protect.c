/* SMEP and SMAP (see include/arch/protect.h).  */
#include <arch/cpu.h>
#include <arch/protect.h>

#include "kern/log.h"

#define CPUID7_EBX_SMEP (1u << 7)
#define CPUID7_EBX_SMAP (1u << 20)

static bool smep;
bool cpu_smap;

void
cpu_protect_init (void)
{
  uint32_t a, b, c, d;
  cpuid (0, 0, &a, &b, &c, &d);
  uint32_t b7 = 0;
  if (a >= 7)
    cpuid (7, 0, &a, &b7, &c, &d);
  uint64_t cr4 = read_cr4 ();
  smep = b7 & CPUID7_EBX_SMEP;
  cpu_smap = b7 & CPUID7_EBX_SMAP;
  if (smep)
    cr4 |= CR4_SMEP;
  if (cpu_smap)
    cr4 |= CR4_SMAP;
  write_cr4 (cr4);
  log_info ("cpu", "SMEP %s, SMAP %s", smep ? "enabled" : "not available",
            cpu_smap ? "enabled" : "not available");
}
