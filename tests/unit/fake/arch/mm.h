/* Host fake of physical memory: "physical" addresses are offsets into
   one large anonymous mapping (fake_phys), reserved but only backed by
   the host when touched.  */
#ifndef ARCH_MM_H
#define ARCH_MM_H

#include <stdint.h>

#define FAKE_PHYS_SIZE (1ull << 32) /* 4 GiB of address space.  */

extern unsigned char *fake_phys;

static inline void *
phys_to_virt (uint64_t p)
{
  return fake_phys + p;
}

static inline uint64_t
virt_to_phys (const void *v)
{
  return (uint64_t)((const unsigned char *)v - fake_phys);
}

#endif
