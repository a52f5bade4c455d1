/* The ELF64 loader's parser: validates an in-memory image of a static
   x86-64 executable and describes its loadable segments.

   The parser is pure: it reads the image (which may be anything, such as
   a boot module or user-supplied data) and fills a struct elf_image; it
   never maps or copies.  The caller maps each segment: file bytes
   [offset, offset + filesz) at vaddr, then zeros up to vaddr + memsz.

   Every header field is checked.  An accepted image satisfies:
   * at least one and at most ELF_MAX_SEGMENTS PT_LOAD segments with a
     non-zero memsz (PT_LOAD segments with memsz 0 are skipped);
   * for each: filesz <= memsz; [offset, offset + filesz) lies in the
     image; [vaddr, vaddr + memsz) lies below USER_SPACE_END without
     wrapping; vaddr and offset are congruent modulo the page size;
   * no two segments touch the same page (so each page has one set of
     permissions and one source);
   * the entry point lies inside an executable segment;
   * no PT_INTERP or PT_DYNAMIC (only static executables are supported).
   Unknown program-header types (PT_NOTE, PT_GNU_STACK, ...) are
   ignored.  */
#ifndef VG_ELF_H
#define VG_ELF_H

#include "types.h"

/* Loadable segments an image may have.  */
#define ELF_MAX_SEGMENTS 16
/* Program headers of any type an image may have.  */
#define ELF_MAX_PHDRS 64

/* Segment permission flags (the ELF PF_* values).  */
#define ELF_SEG_X 1u
#define ELF_SEG_W 2u
#define ELF_SEG_R 4u

struct elf_segment
{
  uint64_t vaddr;  /* Where the segment starts in user space.  */
  uint64_t memsz;  /* Bytes of memory, >= filesz; the rest is zero.  */
  uint64_t offset; /* Where its bytes start in the image.  */
  uint64_t filesz; /* Bytes taken from the image.  */
  uint32_t flags;  /* ELF_SEG_R | ELF_SEG_W | ELF_SEG_X.  */
};

/* Why an image was rejected.  Each code has a message
   (elf_strerror).  */
enum elf_error
{
  ELF_OK = 0,
  ELF_E_TRUNCATED,   /* Shorter than an ELF header.  */
  ELF_E_MAGIC,       /* Not \x7fELF.  */
  ELF_E_CLASS,       /* Not ELFCLASS64.  */
  ELF_E_DATA,        /* Not little-endian.  */
  ELF_E_VERSION,     /* e_ident version or e_version not 1.  */
  ELF_E_OSABI,       /* OS ABI not System V or GNU, or ABI version.  */
  ELF_E_TYPE,        /* Not ET_EXEC.  */
  ELF_E_MACHINE,     /* Not EM_X86_64.  */
  ELF_E_FLAGS,       /* e_flags not 0.  */
  ELF_E_EHSIZE,      /* e_ehsize not 64.  */
  ELF_E_PHENTSIZE,   /* e_phentsize not 56.  */
  ELF_E_PHNUM,       /* No program headers, or more than ELF_MAX_PHDRS.  */
  ELF_E_PHTABLE,     /* Program-header table outside the image.  */
  ELF_E_SHTABLE,     /* Section-header fields inconsistent.  */
  ELF_E_INTERP,      /* PT_INTERP: dynamically linked.  */
  ELF_E_DYNAMIC,     /* PT_DYNAMIC: dynamically linked.  */
  ELF_E_TOO_MANY,    /* More than ELF_MAX_SEGMENTS loadable segments.  */
  ELF_E_FILESZ,      /* A segment's filesz exceeds its memsz.  */
  ELF_E_FILE_RANGE,  /* A segment extends past the end of the image.  */
  ELF_E_VADDR_RANGE, /* A segment wraps or leaves the user half.  */
  ELF_E_ALIGN,       /* vaddr and offset not congruent, or bad p_align.  */
  ELF_E_OVERLAP,     /* A segment shares a page with another.  */
  ELF_E_NO_LOAD,     /* No loadable segment.  */
  ELF_E_ENTRY,       /* Entry point not in an executable segment.  */
  ELF_E_COUNT
};

struct elf_image
{
  uint64_t entry;
  unsigned nsegments;
  struct elf_segment segments[ELF_MAX_SEGMENTS];

  /* Set when elf_parse fails.  */
  enum elf_error error;
  int error_segment; /* Program-header index at fault, or -1.  */
};

/* Validate the LEN-byte image at DATA and describe it in OUT.  Returns
   ELF_OK, or the reason for rejection (also left in OUT->error, with the
   program-header index in OUT->error_segment).  DATA needs no particular
   alignment.  */
enum elf_error elf_parse (const void *data, size_t len, struct elf_image *out);

/* A fixed message for ERR, such as "extends past end of file".  */
const char *elf_strerror (enum elf_error err);

/* Format IMG's error as "elf: segment 2 extends past end of file" (or
   "elf: bad magic" when no segment is involved) into BUF.  Returns what
   vg_snprintf returns.  */
int elf_describe_error (const struct elf_image *img, char *buf, size_t size);

#endif
