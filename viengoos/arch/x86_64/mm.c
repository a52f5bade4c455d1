/* Kernel page tables at boot.  boot.S maps the first 4 GiB with 2 MiB
   pages; here the direct map grows to cover all RAM, and the identity
   map (PML4 slot 0, later user space) is dropped so that a kernel NULL
   dereference faults.  */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/mm.h>

#include "mm/bootmem.h"
#include "kern/log.h"

#define PTE_P 1ull
#define PTE_W 2ull
#define PTE_PS (1ull << 7)
#define PTE_NX (1ull << 63)
#define BOOT_MAPPED (4ull << 30)

extern uint64_t boot_pml4[512];

static uint64_t *
table_at (uint64_t *parent, unsigned index)
{
  if (!(parent[index] & PTE_P))
    parent[index] = bootmem_alloc (PAGE_SIZE) | PTE_P | PTE_W;
  return phys_to_virt (parent[index] & 0x000ffffffffff000ull);
}

void
arch_mm_init (uint64_t end)
{
  end = ALIGN_UP (end, (uint64_t)LARGE_PAGE_SIZE);
  uint64_t tables = bootmem_used ();
  for (uint64_t pa = BOOT_MAPPED; pa < end; pa += LARGE_PAGE_SIZE)
    {
      uint64_t va = DIRECT_MAP_BASE + pa;
      uint64_t *pdpt = table_at (boot_pml4, (va >> 39) & 511);
      uint64_t *pd = table_at (pdpt, (va >> 30) & 511);
      pd[(va >> 21) & 511] = pa | PTE_P | PTE_W | PTE_PS | PTE_NX;
    }
  boot_pml4[0] = 0;
  write_cr3 (read_cr3 ());
  log_info ("mm", "direct map covers %lu MiB; %lu KiB of page tables added",
            (unsigned long)(MAX (end, BOOT_MAPPED) >> 20),
            (unsigned long)((bootmem_used () - tables) >> 10));
}
