/* CRC32C of a page by the crc32 instruction (see include/arch/crc.h).  */
#include <arch/cpu.h>
#include <arch/crc.h>

bool
arch_crc32c_insn_present (void)
{
  uint32_t a, b, c, d;
  cpuid (1, 0, &a, &b, &c, &d);
  return (c >> 20) & 1; /* SSE4.2.  */
}

uint32_t
arch_crc32c_page_insn (const void *p)
{
  const uint64_t *w = p;
  uint64_t c = 0xffffffffu;
  for (unsigned i = 0; i < 4096 / 8; i++)
    __asm__("crc32q %1, %0" : "+r"(c) : "rm"(w[i]));
  return ~(uint32_t)c;
}
