/* ELF64 image validation (see elf64.h).  Every field is read with memcpy,
   so the image needs no alignment, and every sum is checked for
   overflow before it is used.  */
#include <arch/layout.h>

#include "elf64.h"
#include "kstring.h"
#include "vsnprintf.h"

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define SHDR_SIZE 64

#define ET_EXEC 2
#define EM_X86_64 62
#define EV_CURRENT 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFOSABI_SYSV 0
#define ELFOSABI_GNU 3

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3

static const char *const messages[ELF_E_COUNT] = {
  [ELF_OK] = "no error",
  [ELF_E_TRUNCATED] = "image shorter than an ELF header",
  [ELF_E_MAGIC] = "bad magic",
  [ELF_E_CLASS] = "not a 64-bit ELF file",
  [ELF_E_DATA] = "not little-endian",
  [ELF_E_VERSION] = "unknown ELF version",
  [ELF_E_OSABI] = "unsupported OS ABI",
  [ELF_E_TYPE] = "not an executable (ET_EXEC)",
  [ELF_E_MACHINE] = "not an x86-64 file",
  [ELF_E_FLAGS] = "unknown e_flags",
  [ELF_E_EHSIZE] = "bad ELF header size",
  [ELF_E_PHENTSIZE] = "bad program header size",
  [ELF_E_PHNUM] = "no program headers, or too many",
  [ELF_E_PHTABLE] = "program headers outside the file",
  [ELF_E_SHTABLE] = "bad section header table",
  [ELF_E_INTERP] = "needs an interpreter (dynamically linked)",
  [ELF_E_DYNAMIC] = "has a dynamic section (dynamically linked)",
  [ELF_E_TOO_MANY] = "too many loadable segments",
  [ELF_E_FILESZ] = "file size exceeds memory size",
  [ELF_E_FILE_RANGE] = "extends past end of file",
  [ELF_E_VADDR_RANGE] = "is not entirely in user space",
  [ELF_E_ALIGN] = "is misaligned (vaddr, offset or p_align)",
  [ELF_E_OVERLAP] = "shares a page with another segment",
  [ELF_E_NO_LOAD] = "no loadable segment",
  [ELF_E_ENTRY] = "entry point not in an executable segment",
};

const char *
elf_strerror (enum elf_error err)
{
  if ((unsigned)err >= ELF_E_COUNT)
    return "unknown error";
  return messages[err];
}

int
elf_describe_error (const struct elf_image *img, char *buf, size_t size)
{
  if (img->error_segment >= 0)
    return vg_snprintf (buf, size, "elf: segment %d %s", img->error_segment,
                        elf_strerror (img->error));
  return vg_snprintf (buf, size, "elf: %s", elf_strerror (img->error));
}

static uint16_t
rd16 (const uint8_t *p)
{
  uint16_t v;
  memcpy (&v, p, sizeof v);
  return v;
}

static uint32_t
rd32 (const uint8_t *p)
{
  uint32_t v;
  memcpy (&v, p, sizeof v);
  return v;
}

static uint64_t
rd64 (const uint8_t *p)
{
  uint64_t v;
  memcpy (&v, p, sizeof v);
  return v;
}

static enum elf_error
fail (struct elf_image *out, enum elf_error err, int segment)
{
  out->error = err;
  out->error_segment = segment;
  out->nsegments = 0;
  out->entry = 0;
  return err;
}

static enum elf_error
check_ehdr (const uint8_t *d, size_t len)
{
  if (len < EHDR_SIZE)
    return ELF_E_TRUNCATED;
  if (d[0] != 0x7f || d[1] != 'E' || d[2] != 'L' || d[3] != 'F')
    return ELF_E_MAGIC;
  if (d[4] != ELFCLASS64)
    return ELF_E_CLASS;
  if (d[5] != ELFDATA2LSB)
    return ELF_E_DATA;
  if (d[6] != EV_CURRENT || rd32 (d + 20) != EV_CURRENT)
    return ELF_E_VERSION;
  if ((d[7] != ELFOSABI_SYSV && d[7] != ELFOSABI_GNU) || d[8] != 0)
    return ELF_E_OSABI;
  if (rd16 (d + 16) != ET_EXEC)
    return ELF_E_TYPE;
  if (rd16 (d + 18) != EM_X86_64)
    return ELF_E_MACHINE;
  if (rd32 (d + 48) != 0)
    return ELF_E_FLAGS;
  if (rd16 (d + 52) != EHDR_SIZE)
    return ELF_E_EHSIZE;
  if (rd16 (d + 54) != PHDR_SIZE)
    return ELF_E_PHENTSIZE;

  uint64_t phoff = rd64 (d + 32);
  uint16_t phnum = rd16 (d + 56);
  if (phnum == 0 || phnum > ELF_MAX_PHDRS)
    return ELF_E_PHNUM;
  /* phnum * PHDR_SIZE cannot overflow; phoff + that can.  */
  uint64_t phsize = (uint64_t)phnum * PHDR_SIZE;
  if (phoff > len || phsize > len - phoff)
    return ELF_E_PHTABLE;

  /* The loader ignores sections, but the fields must be consistent.
     Extended numbering (e_shnum 0 with a table) is not supported.  */
  uint64_t shoff = rd64 (d + 40);
  uint16_t shentsize = rd16 (d + 58), shnum = rd16 (d + 60),
           shstrndx = rd16 (d + 62);
  if (shnum == 0)
    {
      if (shoff != 0 || shstrndx != 0
          || (shentsize != 0 && shentsize != SHDR_SIZE))
        return ELF_E_SHTABLE;
    }
  else
    {
      uint64_t shsize = (uint64_t)shnum * SHDR_SIZE;
      if (shentsize != SHDR_SIZE || shoff > len || shsize > len - shoff
          || shstrndx >= shnum)
        return ELF_E_SHTABLE;
    }
  return ELF_OK;
}

/* Check one PT_LOAD header at P and describe it in SEG.  */
static enum elf_error
check_load (const uint8_t *p, size_t len, struct elf_segment *seg)
{
  seg->flags = rd32 (p + 4) & (ELF_SEG_R | ELF_SEG_W | ELF_SEG_X);
  seg->offset = rd64 (p + 8);
  seg->vaddr = rd64 (p + 16);
  seg->filesz = rd64 (p + 32);
  seg->memsz = rd64 (p + 40);
  uint64_t align = rd64 (p + 48);

  if (seg->filesz > seg->memsz)
    return ELF_E_FILESZ;
  if (seg->offset > len || seg->filesz > len - seg->offset)
    return ELF_E_FILE_RANGE;
  if (seg->vaddr >= USER_SPACE_END || seg->memsz > USER_SPACE_END - seg->vaddr)
    return ELF_E_VADDR_RANGE;
  if ((align & (align - 1)) != 0
      || (seg->vaddr & (PAGE_SIZE - 1)) != (seg->offset & (PAGE_SIZE - 1)))
    return ELF_E_ALIGN;
  return ELF_OK;
}

/* Whether A and B touch a common page.  Both are non-empty and in user
   space, so the rounded ends cannot overflow.  */
static bool
share_page (const struct elf_segment *a, const struct elf_segment *b)
{
  uint64_t a0 = ALIGN_DOWN (a->vaddr, (uint64_t)PAGE_SIZE);
  uint64_t a1 = ALIGN_UP (a->vaddr + a->memsz, (uint64_t)PAGE_SIZE);
  uint64_t b0 = ALIGN_DOWN (b->vaddr, (uint64_t)PAGE_SIZE);
  uint64_t b1 = ALIGN_UP (b->vaddr + b->memsz, (uint64_t)PAGE_SIZE);
  return a0 < b1 && b0 < a1;
}

enum elf_error
elf_parse (const void *data, size_t len, struct elf_image *out)
{
  const uint8_t *d = data;
  out->nsegments = 0;
  out->error = ELF_OK;
  out->error_segment = -1;

  enum elf_error err = check_ehdr (d, len);
  if (err != ELF_OK)
    return fail (out, err, -1);

  uint64_t phoff = rd64 (d + 32);
  unsigned phnum = rd16 (d + 56);
  for (unsigned i = 0; i < phnum; i++)
    {
      const uint8_t *p = d + phoff + (uint64_t)i * PHDR_SIZE;
      uint32_t type = rd32 (p);
      if (type == PT_INTERP)
        return fail (out, ELF_E_INTERP, (int)i);
      if (type == PT_DYNAMIC)
        return fail (out, ELF_E_DYNAMIC, (int)i);
      if (type != PT_LOAD)
        continue;
      struct elf_segment seg;
      err = check_load (p, len, &seg);
      if (err != ELF_OK)
        return fail (out, err, (int)i);
      if (seg.memsz == 0)
        continue;
      for (unsigned j = 0; j < out->nsegments; j++)
        if (share_page (&seg, &out->segments[j]))
          return fail (out, ELF_E_OVERLAP, (int)i);
      if (out->nsegments == ELF_MAX_SEGMENTS)
        return fail (out, ELF_E_TOO_MANY, (int)i);
      out->segments[out->nsegments++] = seg;
    }
  if (out->nsegments == 0)
    return fail (out, ELF_E_NO_LOAD, -1);

  uint64_t entry = rd64 (d + 24);
  for (unsigned j = 0; j < out->nsegments; j++)
    {
      const struct elf_segment *s = &out->segments[j];
      if ((s->flags & ELF_SEG_X) && entry >= s->vaddr
          && entry - s->vaddr < s->memsz)
        {
          out->entry = entry;
          return ELF_OK;
        }
    }
  return fail (out, ELF_E_ENTRY, -1);
}
