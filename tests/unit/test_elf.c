/* Unit tests for the ELF64 parser: a valid image, each malformed case,
   and a fixed-seed mutation fuzz run under ASan/UBSan whose oracle
   re-checks every accepted image independently.  */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <arch/layout.h>

#include "elf64.h"

#define IMG_LEN 0x240
#define TEXT_VA 0x400000ull
#define DATA_VA 0x401200ull
#define ENTRY (TEXT_VA + 0x100)

static uint8_t img[4096];
static size_t img_len;
static struct elf_image out;

static void
w16 (size_t off, uint16_t v)
{
  memcpy (img + off, &v, 2);
}

static void
w32 (size_t off, uint32_t v)
{
  memcpy (img + off, &v, 4);
}

static void
w64 (size_t off, uint64_t v)
{
  memcpy (img + off, &v, 8);
}

static size_t
ph (unsigned i)
{
  return 64 + 56 * i;
}

static void
set_phdr (unsigned i, uint32_t type, uint32_t flags, uint64_t off, uint64_t va,
          uint64_t filesz, uint64_t memsz)
{
  w32 (ph (i), type);
  w32 (ph (i) + 4, flags);
  w64 (ph (i) + 8, off);
  w64 (ph (i) + 16, va);
  w64 (ph (i) + 24, va);
  w64 (ph (i) + 32, filesz);
  w64 (ph (i) + 40, memsz);
  w64 (ph (i) + 48, 0x1000);
}

/* A static executable: text (R-X) at 0x400000, data (RW-, with bss) at
   0x401200, and a PT_GNU_STACK header the parser must ignore.  */
static void
build_valid (void)
{
  memset (img, 0, sizeof img);
  memcpy (img,
          "\x7f"
          "ELF",
          4);
  img[4] = 2;   /* ELFCLASS64 */
  img[5] = 1;   /* little-endian */
  img[6] = 1;   /* EV_CURRENT */
  w16 (16, 2);  /* ET_EXEC */
  w16 (18, 62); /* EM_X86_64 */
  w32 (20, 1);
  w64 (24, ENTRY);
  w64 (32, 64); /* phoff */
  w16 (52, 64);
  w16 (54, 56);
  w16 (56, 3);
  set_phdr (0, 1, ELF_SEG_R | ELF_SEG_X, 0, TEXT_VA, 0x200, 0x200);
  set_phdr (1, 1, ELF_SEG_R | ELF_SEG_W, 0x200, DATA_VA, 0x40, 0x2000);
  set_phdr (2, 0x6474e551, ELF_SEG_R | ELF_SEG_W, 0, 0, 0, 0);
  img_len = IMG_LEN;
}

static enum elf_error
parse (void)
{
  return elf_parse (img, img_len, &out);
}

START_TEST (elf_valid)
{
  build_valid ();
  ck_assert_int_eq (parse (), ELF_OK);
  ck_assert_uint_eq (out.entry, ENTRY);
  ck_assert_uint_eq (out.nsegments, 2);
  ck_assert_uint_eq (out.segments[0].vaddr, TEXT_VA);
  ck_assert_uint_eq (out.segments[0].flags, ELF_SEG_R | ELF_SEG_X);
  ck_assert_uint_eq (out.segments[1].offset, 0x200);
  ck_assert_uint_eq (out.segments[1].filesz, 0x40);
  ck_assert_uint_eq (out.segments[1].memsz, 0x2000);
  ck_assert_uint_eq (out.segments[1].flags, ELF_SEG_R | ELF_SEG_W);
  /* OS ABI GNU, section headers in range, and an empty PT_LOAD.  */
  img[7] = 3;
  w64 (40, 0x200);
  w16 (58, 64);
  w16 (60, 1);
  w16 (62, 0);
  set_phdr (2, 1, ELF_SEG_R, 0, 0x500000, 0, 0);
  ck_assert_int_eq (parse (), ELF_OK);
  ck_assert_uint_eq (out.nsegments, 2);
}
END_TEST

START_TEST (elf_header_fields)
{
  static const struct
  {
    size_t off, width;
    uint64_t value;
    enum elf_error err;
  } cases[] = {
    { 0, 1, 0x7e, ELF_E_MAGIC },
    { 3, 1, 'G', ELF_E_MAGIC },
    { 4, 1, 1, ELF_E_CLASS },
    { 5, 1, 2, ELF_E_DATA },
    { 6, 1, 0, ELF_E_VERSION },
    { 20, 4, 2, ELF_E_VERSION },
    { 7, 1, 9, ELF_E_OSABI },
    { 8, 1, 1, ELF_E_OSABI },
    { 16, 2, 3, ELF_E_TYPE },
    { 16, 2, 1, ELF_E_TYPE },
    { 18, 2, 3, ELF_E_MACHINE },
    { 48, 4, 1, ELF_E_FLAGS },
    { 52, 2, 52, ELF_E_EHSIZE },
    { 54, 2, 32, ELF_E_PHENTSIZE },
    { 56, 2, 0, ELF_E_PHNUM },
    { 56, 2, 65, ELF_E_PHNUM },
    { 56, 2, 0xffff, ELF_E_PHNUM },
    { 32, 8, IMG_LEN, ELF_E_PHTABLE },
    { 32, 8, -8ull, ELF_E_PHTABLE },
    { 56, 2, 10, ELF_E_PHTABLE },
    { 40, 8, 0x100, ELF_E_SHTABLE },
    { 62, 2, 1, ELF_E_SHTABLE },
    { 58, 2, 40, ELF_E_SHTABLE },
    { 24, 8, DATA_VA, ELF_E_ENTRY },
    { 24, 8, TEXT_VA + 0x200, ELF_E_ENTRY },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      build_valid ();
      uint64_t v = cases[i].value;
      memcpy (img + cases[i].off, &v, cases[i].width);
      ck_assert_msg (parse () == cases[i].err, "case %zu: got %d want %d", i,
                     out.error, cases[i].err);
      ck_assert_int_eq (out.nsegments, 0);
    }
  /* A section table that runs past the end, or wraps.  */
  build_valid ();
  w16 (58, 64);
  w16 (60, 2);
  w64 (40, IMG_LEN - 64);
  ck_assert_int_eq (parse (), ELF_E_SHTABLE);
  w64 (40, -64ull);
  ck_assert_int_eq (parse (), ELF_E_SHTABLE);
}
END_TEST

START_TEST (elf_truncated)
{
  build_valid ();
  for (size_t n = 0; n < 64; n++)
    ck_assert_int_eq (elf_parse (img, n, &out), ELF_E_TRUNCATED);
  for (size_t n = 64; n < ph (3); n++)
    ck_assert_int_eq (elf_parse (img, n, &out), ELF_E_PHTABLE);
  ck_assert_int_eq (elf_parse (img, 0x23f, &out), ELF_E_FILE_RANGE);
  ck_assert_int_eq (out.error_segment, 1);
}
END_TEST

START_TEST (elf_segments)
{
  build_valid ();
  w32 (ph (2), 3);
  ck_assert_int_eq (parse (), ELF_E_INTERP);
  ck_assert_int_eq (out.error_segment, 2);
  w32 (ph (2), 2);
  ck_assert_int_eq (parse (), ELF_E_DYNAMIC);

  build_valid ();
  w64 (ph (1) + 32, 0x2001);
  ck_assert_int_eq (parse (), ELF_E_FILESZ);
  build_valid ();
  w64 (ph (1) + 8, -0x10ull); /* offset + filesz wraps.  */
  ck_assert_int_eq (parse (), ELF_E_FILE_RANGE);
  build_valid ();
  w64 (ph (1) + 8, IMG_LEN + 0x1000);
  ck_assert_int_eq (parse (), ELF_E_FILE_RANGE);

  /* vaddr + memsz must stay below USER_SPACE_END: exactly at it is
     fine, one past is not, and wrapping is caught.  */
  build_valid ();
  set_phdr (1, 1, ELF_SEG_R, 0x200, USER_SPACE_END - 0x1e00, 0x40, 0x1e00);
  ck_assert_int_eq (parse (), ELF_OK);
  w64 (ph (1) + 40, 0x1e01);
  ck_assert_int_eq (parse (), ELF_E_VADDR_RANGE);
  set_phdr (1, 1, ELF_SEG_R, 0x200, 0xffffffff80000200ull, 0x40, 0x40);
  ck_assert_int_eq (parse (), ELF_E_VADDR_RANGE);
  set_phdr (1, 1, ELF_SEG_R, 0x200, 0x1200, 0x40, -0x1000ull);
  ck_assert_int_eq (parse (), ELF_E_VADDR_RANGE);
  ck_assert_int_eq (out.error_segment, 1);

  build_valid ();
  w64 (ph (1) + 16, DATA_VA + 8);
  ck_assert_int_eq (parse (), ELF_E_ALIGN);
  build_valid ();
  w64 (ph (1) + 48, 0x1800);
  ck_assert_int_eq (parse (), ELF_E_ALIGN);

  /* Sharing a page is rejected, even without a common byte.  */
  build_valid ();
  set_phdr (2, 1, ELF_SEG_R, 0, TEXT_VA + 0x2000, 0, 0x1000);
  ck_assert_int_eq (parse (), ELF_E_OVERLAP);
  set_phdr (2, 1, ELF_SEG_R, 0, TEXT_VA + 0x4000, 0, 0x1000);
  ck_assert_int_eq (parse (), ELF_OK);
  set_phdr (2, 1, ELF_SEG_R, 0x100, TEXT_VA - 0xf00, 0, 0xf01);
  ck_assert_int_eq (parse (), ELF_E_OVERLAP);

  /* No loadable segment; the entry in a non-executable one.  */
  build_valid ();
  w32 (ph (0), 4);
  w32 (ph (1), 4);
  ck_assert_int_eq (parse (), ELF_E_NO_LOAD);
  build_valid ();
  w32 (ph (0) + 4, ELF_SEG_R);
  ck_assert_int_eq (parse (), ELF_E_ENTRY);
}
END_TEST

START_TEST (elf_too_many)
{
  build_valid ();
  unsigned n = ELF_MAX_SEGMENTS + 1;
  w16 (56, n);
  for (unsigned i = 0; i < n; i++)
    set_phdr (i, 1, ELF_SEG_R | ELF_SEG_X, 0, TEXT_VA + 0x1000ull * i, 0,
              0x200);
  img_len = ph (n);
  ck_assert_int_eq (parse (), ELF_E_TOO_MANY);
  ck_assert_int_eq (out.error_segment, ELF_MAX_SEGMENTS);
  w16 (56, n - 1);
  ck_assert_int_eq (parse (), ELF_OK);
  ck_assert_uint_eq (out.nsegments, ELF_MAX_SEGMENTS);
}
END_TEST

START_TEST (elf_messages)
{
  char buf[96];
  build_valid ();
  img_len = 0x23f;
  ck_assert_int_ne (parse (), ELF_OK);
  elf_describe_error (&out, buf, sizeof buf);
  ck_assert_str_eq (buf, "elf: segment 1 extends past end of file");
  img[0] = 0;
  ck_assert_int_eq (parse (), ELF_E_MAGIC);
  elf_describe_error (&out, buf, sizeof buf);
  ck_assert_str_eq (buf, "elf: bad magic");
  for (int e = 0; e < ELF_E_COUNT; e++)
    ck_assert_ptr_nonnull (elf_strerror (e));
  ck_assert_str_eq (elf_strerror (ELF_E_COUNT), "unknown error");
}
END_TEST

/* The fuzz oracle: an accepted image must satisfy elf64.h's promises,
   checked here without the parser's code.  */
static void
check_accepted (const uint8_t *d, size_t len, const struct elf_image *im)
{
  ck_assert (im->nsegments >= 1 && im->nsegments <= ELF_MAX_SEGMENTS);
  bool entry_ok = false;
  for (unsigned i = 0; i < im->nsegments; i++)
    {
      const struct elf_segment *s = &im->segments[i];
      ck_assert (s->memsz > 0 && s->filesz <= s->memsz);
      ck_assert (s->offset <= len && s->offset + s->filesz <= len);
      ck_assert (s->vaddr < USER_SPACE_END);
      ck_assert (s->vaddr + s->memsz <= USER_SPACE_END);
      ck_assert (s->vaddr + s->memsz > s->vaddr);
      ck_assert ((s->vaddr ^ s->offset) % PAGE_SIZE == 0);
      if ((s->flags & ELF_SEG_X) && im->entry >= s->vaddr
          && im->entry < s->vaddr + s->memsz)
        entry_ok = true;
      for (unsigned j = 0; j < i; j++)
        {
          const struct elf_segment *t = &im->segments[j];
          ck_assert (
              s->vaddr / PAGE_SIZE > (t->vaddr + t->memsz - 1) / PAGE_SIZE
              || t->vaddr / PAGE_SIZE > (s->vaddr + s->memsz - 1) / PAGE_SIZE);
        }
    }
  ck_assert (entry_ok);
  ck_assert (d[0] == 0x7f && d[4] == 2 && d[5] == 1);
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static uint64_t
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

#define FUZZ_ITERATIONS 200000

START_TEST (elf_fuzz)
{
  static const uint64_t boundary[] = {
    0,      1,           2,          0x38,           0x40,
    0xfff,  0x1000,      IMG_LEN,    IMG_LEN + 1,    0x7fff,
    0xffff, 0x7fffffff,  0xffffffff, USER_SPACE_END, USER_SPACE_END - 1,
    -1ull,  -0x1000ull,  1ull << 63, TEXT_VA,        DATA_VA,
    ENTRY,  0x100000000,
  };
  unsigned accepted = 0;
  for (unsigned it = 0; it < FUZZ_ITERATIONS; it++)
    {
      build_valid ();
      unsigned nmut = 1 + next () % 4;
      for (unsigned m = 0; m < nmut; m++)
        {
          uint64_t r = next ();
          size_t pos = (r >> 8) % IMG_LEN;
          switch (r % 4)
            {
            case 0: /* Flip bits in a byte.  */
              img[pos] ^= (uint8_t)(1 + (r >> 40) % 255);
              break;
            case 1: /* A field of 2, 4 or 8 bytes set to a boundary.  */
            case 2:
              {
                size_t width = (size_t)2 << ((r >> 32) % 3);
                pos = ALIGN_DOWN (pos, width) % ph (3);
                uint64_t v = boundary[(r >> 48) % ARRAY_SIZE (boundary)];
                memcpy (img + pos, &v, width);
                break;
              }
            case 3: /* Truncate.  */
              img_len = (r >> 16) % (img_len + 1);
              break;
            }
        }
      /* An exact-size copy, so ASan sees any read past the end.  */
      uint8_t *copy = malloc (img_len ? img_len : 1);
      memcpy (copy, img, img_len);
      enum elf_error e = elf_parse (copy, img_len, &out);
      if (e == ELF_OK)
        {
          accepted++;
          check_accepted (copy, img_len, &out);
        }
      else
        {
          ck_assert (e > ELF_OK && e < ELF_E_COUNT);
          ck_assert_int_eq (out.error, e);
          ck_assert_int_eq (out.nsegments, 0);
          ck_assert (out.error_segment >= -1
                     && out.error_segment < ELF_MAX_PHDRS);
        }
      free (copy);
    }
  /* The mutations must leave a fair share valid, or the oracle is idle. */
  ck_assert_uint_gt (accepted, FUZZ_ITERATIONS / 50);
}
END_TEST

Suite *elf_suite (void);

Suite *
elf_suite (void)
{
  Suite *s = suite_create ("elf");
  TCase *tc = tcase_create ("parse");
  tcase_add_test (tc, elf_valid);
  tcase_add_test (tc, elf_header_fields);
  tcase_add_test (tc, elf_truncated);
  tcase_add_test (tc, elf_segments);
  tcase_add_test (tc, elf_too_many);
  tcase_add_test (tc, elf_messages);
  suite_add_tcase (s, tc);
  TCase *fz = tcase_create ("fuzz");
  tcase_set_timeout (fz, 120);
  tcase_add_test (fz, elf_fuzz);
  suite_add_tcase (s, fz);
  return s;
}
