/* The boot-time pool (see bootmem.h).  */
#include <arch/layout.h>
#include <arch/mm.h>

#include "mm/bootmem.h"
#include "kstring.h"
#include "kern/panic.h"

static struct memmap *map;
static uint64_t limit;
static uint64_t used;
static bool sealed;

void
bootmem_init (struct memmap *m, uint64_t lim)
{
  map = m;
  limit = lim;
  used = 0;
  sealed = false;
}

paddr_t
bootmem_alloc (size_t bytes)
{
  if (sealed)
    panic ("bootmem_alloc: %zu bytes asked of the kernel pool after boot",
           bytes);
  assert (map);
  uint64_t size = ALIGN_UP ((uint64_t)bytes, (uint64_t)PAGE_SIZE);
  for (unsigned i = 0; i < map->nfree; i++)
    {
      struct memmap_range *r = &map->free[i];
      if (r->end - r->start < size || r->start + size > limit)
        continue;
      paddr_t p = r->start;
      r->start += size;
      map->free_bytes -= size;
      used += size;
      memset (phys_to_virt (p), 0, size);
      return p;
    }
  panic ("bootmem_alloc: no free range below %#lx holds %lu bytes",
         (unsigned long)limit, (unsigned long)size);
}

void
bootmem_seal (void)
{
  sealed = true;
}

bool
bootmem_sealed (void)
{
  return sealed;
}

uint64_t
bootmem_used (void)
{
  return used;
}
