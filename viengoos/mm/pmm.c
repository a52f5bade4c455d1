/* The physical frame allocator (see pmm.h).  */
#include <arch/layout.h>
#include <arch/mm.h>

#include "mm/bootmem.h"
#include "kern/panic.h"
#include "mm/pmm.h"

static uint64_t *bitmap;  /* 1 = free.  */
static uint64_t base_pfn; /* Frame number of bit 0.  */
static uint64_t nbits;
static uint64_t nfree, ntotal;
static uint64_t hint; /* Word to start searching from.  */

void
pmm_init (const struct memmap *m)
{
  bitmap = NULL;
  nbits = nfree = ntotal = hint = base_pfn = 0;
  if (m->nfree == 0)
    return;
  uint64_t lo = m->free[0].start >> PAGE_SHIFT;
  uint64_t hi = m->free[m->nfree - 1].end >> PAGE_SHIFT;
  base_pfn = lo;
  nbits = hi - lo;
  uint64_t words = (nbits + 63) / 64;
  /* bootmem takes from the front of the ranges M lists, so take the bitmap
     first and then read the ranges (which it may have shrunk).  */
  bitmap = phys_to_virt (bootmem_alloc (words * sizeof (uint64_t)));
  for (unsigned i = 0; i < m->nfree; i++)
    for (uint64_t pfn = m->free[i].start >> PAGE_SHIFT;
         pfn < m->free[i].end >> PAGE_SHIFT; pfn++)
      {
        if (pfn == 0)
          continue;
        uint64_t bit = pfn - base_pfn;
        bitmap[bit / 64] |= 1ull << (bit % 64);
        nfree++;
      }
  ntotal = nfree;
}

paddr_t
pmm_alloc (void)
{
  if (nfree == 0)
    return 0;
  uint64_t words = (nbits + 63) / 64;
  for (uint64_t n = 0; n < words; n++)
    {
      uint64_t w = (hint + n) % words;
      if (bitmap[w] == 0)
        continue;
      unsigned b = __builtin_ctzll (bitmap[w]);
      bitmap[w] &= ~(1ull << b);
      nfree--;
      hint = w;
      return (base_pfn + w * 64 + b) << PAGE_SHIFT;
    }
  panic ("pmm_alloc: free count %lu but bitmap empty", (unsigned long)nfree);
}

static bool
managed (paddr_t p, uint64_t *bit)
{
  if (p & (PAGE_SIZE - 1))
    return false;
  uint64_t pfn = p >> PAGE_SHIFT;
  if (pfn < base_pfn || pfn - base_pfn >= nbits)
    return false;
  *bit = pfn - base_pfn;
  return true;
}

bool
pmm_is_allocated (paddr_t p)
{
  uint64_t bit;
  return managed (p, &bit) && !(bitmap[bit / 64] & (1ull << (bit % 64)));
}

void
pmm_free (paddr_t p)
{
  uint64_t bit;
  if (!managed (p, &bit))
    panic ("pmm_free: %#lx is not a managed frame", (unsigned long)p);
  if (bitmap[bit / 64] & (1ull << (bit % 64)))
    panic ("pmm_free: double free of %#lx", (unsigned long)p);
  bitmap[bit / 64] |= 1ull << (bit % 64);
  nfree++;
}

uint64_t
pmm_free_frames (void)
{
  return nfree;
}

uint64_t
pmm_total_frames (void)
{
  return ntotal;
}

paddr_t
pmm_lowest (void)
{
  return base_pfn << PAGE_SHIFT;
}

paddr_t
pmm_highest (void)
{
  return (base_pfn + nbits) << PAGE_SHIFT;
}
