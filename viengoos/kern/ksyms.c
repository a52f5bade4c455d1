/* Symbol lookup for backtraces (see ksyms.h).  */
#include "kern/ksyms.h"

struct ksym
{
  uintptr_t addr;
  const char *name;
};

/* Emitted by tools/gen-ksyms, sorted by address.  */
extern const uint64_t ksyms_count;
extern const struct ksym ksyms_table[];
extern const char _etext[];

const char *
ksyms_lookup (uintptr_t addr, uintptr_t *offset)
{
  uint64_t n = ksyms_count;
  if (n == 0 || addr < ksyms_table[0].addr || addr >= (uintptr_t)_etext)
    return NULL;
  uint64_t lo = 0, hi = n; /* Find the last entry <= addr.  */
  while (hi - lo > 1)
    {
      uint64_t mid = lo + (hi - lo) / 2;
      if (ksyms_table[mid].addr <= addr)
        lo = mid;
      else
        hi = mid;
    }
  *offset = addr - ksyms_table[lo].addr;
  return ksyms_table[lo].name;
}
