/* Host checks on the built user programs (build/user/NAME.elf): each must be
   a static ELF64 the kernel's loader accepts — x86-64 executable,
   page-aligned PT_LOAD segments in the 44-bit user half, not writable
   and executable at once, not overlapping, entry in an executable
   segment, no interpreter or dynamic section.  */
#include <check.h>
#include <elf.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096ull
#define USER_TOP (1ull << 44)

static const char *const user_elfs[] = { USER_ELFS };
#define NELFS (sizeof user_elfs / sizeof user_elfs[0])

static unsigned char *
slurp (const char *path, size_t *size)
{
  FILE *f = fopen (path, "rb");
  ck_assert_msg (f != NULL, "cannot open %s", path);
  fseek (f, 0, SEEK_END);
  long n = ftell (f);
  fseek (f, 0, SEEK_SET);
  ck_assert (n > 0);
  unsigned char *buf = malloc ((size_t)n);
  ck_assert (buf != NULL);
  ck_assert_uint_eq (fread (buf, 1, (size_t)n, f), (size_t)n);
  fclose (f);
  *size = (size_t)n;
  return buf;
}

START_TEST (sane_static_elf64)
{
  const char *path = user_elfs[_i];
  size_t size;
  unsigned char *img = slurp (path, &size);
  ck_assert_uint_ge (size, sizeof (Elf64_Ehdr));
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
  ck_assert_msg (memcmp (eh->e_ident, ELFMAG, SELFMAG) == 0, "%s", path);
  ck_assert_uint_eq (eh->e_ident[EI_CLASS], ELFCLASS64);
  ck_assert_uint_eq (eh->e_ident[EI_DATA], ELFDATA2LSB);
  ck_assert_uint_eq (eh->e_type, ET_EXEC);
  ck_assert_uint_eq (eh->e_machine, EM_X86_64);
  ck_assert_uint_eq (eh->e_phentsize, sizeof (Elf64_Phdr));
  ck_assert_uint_le (eh->e_phoff + (uint64_t)eh->e_phnum * sizeof (Elf64_Phdr),
                     size);
  const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
  unsigned loads = 0;
  bool entry_ok = false;
  for (unsigned i = 0; i < eh->e_phnum; i++)
    {
      const Elf64_Phdr *p = &ph[i];
      ck_assert_msg (p->p_type != PT_INTERP && p->p_type != PT_DYNAMIC
                         && p->p_type != PT_TLS,
                     "%s: segment %u has type %u", path, i, p->p_type);
      if (p->p_type != PT_LOAD)
        continue;
      loads++;
      ck_assert_uint_ge (p->p_align, PAGE);
      ck_assert_uint_eq (p->p_vaddr % PAGE, p->p_offset % PAGE);
      ck_assert_uint_le (p->p_filesz, p->p_memsz);
      ck_assert_uint_le (p->p_offset + p->p_filesz, size);
      ck_assert_uint_ge (p->p_vaddr, PAGE);
      ck_assert_uint_le (p->p_vaddr + p->p_memsz, USER_TOP);
      ck_assert_msg ((p->p_flags & (PF_W | PF_X)) != (PF_W | PF_X),
                     "%s: segment %u is writable and executable", path, i);
      for (unsigned j = 0; j < i; j++)
        if (ph[j].p_type == PT_LOAD)
          {
            uint64_t a0 = p->p_vaddr & ~(PAGE - 1);
            uint64_t a1 = (p->p_vaddr + p->p_memsz + PAGE - 1) & ~(PAGE - 1);
            uint64_t b0 = ph[j].p_vaddr & ~(PAGE - 1);
            uint64_t b1
                = (ph[j].p_vaddr + ph[j].p_memsz + PAGE - 1) & ~(PAGE - 1);
            ck_assert_msg (a1 <= b0 || b1 <= a0,
                           "%s: segments %u and %u share a page", path, j, i);
          }
      if ((p->p_flags & PF_X) && eh->e_entry >= p->p_vaddr
          && eh->e_entry < p->p_vaddr + p->p_filesz)
        entry_ok = true;
    }
  ck_assert_uint_ge (loads, 1);
  ck_assert_msg (entry_ok, "%s: entry %#lx not in an executable segment", path,
                 (unsigned long)eh->e_entry);
  free (img);
}
END_TEST

Suite *user_elf_suite (void);

Suite *
user_elf_suite (void)
{
  Suite *s = suite_create ("user_elf");
  TCase *tc = tcase_create ("core");
  tcase_add_loop_test (tc, sane_static_elf64, 0, (int)NELFS);
  suite_add_tcase (s, tc);
  return s;
}
