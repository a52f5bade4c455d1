/* Integrity under overcommit, through a user program and real page
   faults: an important working set PERCENT % of the machine's free
   memory, in one anonymous mapping, is written with a pattern derived
   from each word's address and a generation number (no word is zero,
   so no page is a zero page), then read back in a random order and
   every word checked, GENS times.  The kernel evicts pages to the swap
   disk and reads them back on the faults, checking each block's
   CRC32C on every read (a mismatch would reach this program as a fault
   activation, never as data).

     newlib_overcommit PERCENT GENS [SEED]

   Prints the pages, touches, page-ins, pages written and corrupted
   pages, with the kernel's swap figures (mm_stats); exits 0 only if no
   page came back wrong, the store was used both ways, and every
   page-in's checksum was checked and matched.  The registry names the machine:
   32 MiB of RAM and a 160 MiB swap disk.  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <vg/activity.h>
#include <vg/stubs.h>

#define PAGE 4096u
#define WORDS (PAGE / 8)

static uint64_t
pattern (uint64_t addr, unsigned gen)
{
  return ((addr ^ ((uint64_t)gen << 52)) * 0x9e3779b97f4a7c15ull) | 1;
}

static uint32_t rng;

static uint32_t
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}

int
main (int argc, char **argv)
{
  if (argc < 3)
    {
      printf ("usage: newlib_overcommit PERCENT GENS [SEED]\nFAIL\n");
      return 2;
    }
  unsigned percent = (unsigned)strtoul (argv[1], NULL, 0);
  unsigned gens = (unsigned)strtoul (argv[2], NULL, 0);
  rng = argc > 3 ? (uint32_t)strtoul (argv[3], NULL, 0) : 2463534242u;
  if (!rng)
    rng = 1;
  struct vg_mm_stats ms0;
  if (vg_mm_stats (&ms0))
    {
      printf ("mm_stats failed\nFAIL\n");
      return 2;
    }
  size_t n = (size_t)(ms0.frames_free * percent / 100);
  uint32_t *order = malloc (n * sizeof *order);
  uint64_t *base = mmap (NULL, n * PAGE, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (!order || base == MAP_FAILED)
    {
      printf ("no room for %zu pages\nFAIL\n", n);
      return 2;
    }
  printf ("overcommit: %zu pages, %u%% of the %lu free frames of %lu\n", n,
          percent, (unsigned long)ms0.frames_free,
          (unsigned long)ms0.frames_total);
  uint64_t touches = 0, corrupted = 0;
  for (unsigned gen = 1; gen <= gens; gen++)
    {
      for (size_t i = 0; i < n; i++)
        {
          uint64_t *w = base + i * WORDS;
          for (unsigned k = 0; k < WORDS; k++)
            w[k] = pattern ((uint64_t)(uintptr_t)&w[k], gen);
          touches++;
        }
      for (size_t i = 0; i < n; i++)
        order[i] = (uint32_t)i;
      for (size_t i = n - 1; i > 0; i--)
        {
          size_t j = next () % (i + 1);
          uint32_t x = order[i];
          order[i] = order[j];
          order[j] = x;
        }
      for (size_t j = 0; j < n; j++)
        {
          const uint64_t *w = base + (size_t)order[j] * WORDS;
          for (unsigned k = 0; k < WORDS; k++)
            if (w[k] != pattern ((uint64_t)(uintptr_t)&w[k], gen))
              {
                if (corrupted < 8)
                  printf ("page %u, word %u: %#lx, want %#lx\n", order[j], k,
                          (unsigned long)w[k],
                          (unsigned long)pattern ((uint64_t)(uintptr_t)&w[k],
                                                  gen));
                corrupted++;
                break;
              }
          touches++;
        }
    }
  struct vg_mm_stats ms;
  vg_mm_stats (&ms);
  const struct vg_swap_stats *a = &ms0.swap, *b = &ms.swap;
  uint64_t page_ins = b->page_ins - a->page_ins, reads = b->reads - a->reads;
  uint64_t bad_sums = b->checksum_errors - a->checksum_errors;
  uint64_t io_errors
      = b->read_errors - a->read_errors + b->write_errors - a->write_errors;
  printf ("overcommit: %lu touches, %lu page-ins, %lu pages written, %lu "
          "corrupted pages; reads with a matching checksum %lu, checksum "
          "errors %lu, disk errors %lu\n",
          (unsigned long)touches, (unsigned long)page_ins,
          (unsigned long)(b->writes - a->writes), (unsigned long)corrupted,
          (unsigned long)reads, (unsigned long)bad_sums,
          (unsigned long)io_errors);
  /* Overcommitted: the store was used both ways, and every page-in
     was read and checked (none is still in flight: each touch waited
     for its own).  */
  int ok = corrupted == 0 && bad_sums == 0 && io_errors == 0 && page_ins > 0
           && b->writes > a->writes && reads == page_ins;
  printf ("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
