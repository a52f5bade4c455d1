/* libFuzzer target for the ELF parser (not part of make check):
     make fuzz-elf && build/tests/fuzz/elf_fuzz -max_total_time=60
   Every accepted image is re-checked against elf64.h's promises.  */
#include <stdint.h>
#include <stdlib.h>

#include <arch/layout.h>

#include "elf64.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  struct elf_image im;
  char msg[128];
  if (elf_parse (data, size, &im) != ELF_OK)
    {
      elf_describe_error (&im, msg, sizeof msg);
      return 0;
    }
  if (im.nsegments == 0 || im.nsegments > ELF_MAX_SEGMENTS)
    abort ();
  for (unsigned i = 0; i < im.nsegments; i++)
    {
      const struct elf_segment *s = &im.segments[i];
      if (s->filesz > s->memsz || s->offset > size
          || s->filesz > size - s->offset || s->vaddr >= USER_SPACE_END
          || s->memsz > USER_SPACE_END - s->vaddr)
        abort ();
    }
  return 0;
}
