/* The start block (activations/vgstart.c): what the root task builds from a
   module command line and crt0 checks before trusting it.  */
#include <check.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include <vg/boot.h>
#include <vgstart.h>

static uint64_t buf[1024];

START_TEST (build_and_check)
{
  const char *env[] = { "HOME=/", "TERM=vt100", NULL };
  size_t n = vg_start_block_build (buf, sizeof buf, (uintptr_t)buf,
                                   "  prog.elf  -v\tx  ", env);
  ck_assert_uint_gt (n, sizeof (struct vg_start_block));
  ck_assert_uint_eq (n % 8, 0);
  const struct vg_start_block *b = (const void *)buf;
  ck_assert_int_eq (vg_start_block_check (b), 1);
  ck_assert_uint_eq (b->size, n);
  ck_assert_uint_eq (b->argc, 3);
  ck_assert_str_eq (b->argv[0], "prog.elf");
  ck_assert_str_eq (b->argv[1], "-v");
  ck_assert_str_eq (b->argv[2], "x");
  ck_assert_ptr_null (b->argv[3]);
  ck_assert_uint_eq (b->envc, 2);
  ck_assert_str_eq (b->envp[1], "TERM=vt100");
  ck_assert_ptr_null (b->envp[2]);
}
END_TEST

START_TEST (empty_command_line)
{
  size_t n = vg_start_block_build (buf, sizeof buf, (uintptr_t)buf, "", NULL);
  ck_assert_uint_gt (n, 0);
  const struct vg_start_block *b = (const void *)buf;
  ck_assert_int_eq (vg_start_block_check (b), 1);
  ck_assert_uint_eq (b->argc, 0);
  ck_assert_ptr_null (b->argv[0]);
  ck_assert_ptr_null (b->envp[0]);
}
END_TEST

/* Built for another address: the pointers are relative to VA, so the
   check at BUF's address must refuse them (they point outside).  */
START_TEST (relocated_for_va)
{
  uint64_t va = 0x7ff000000000ull;
  size_t n = vg_start_block_build (buf, sizeof buf, va, "a b", NULL);
  ck_assert_uint_gt (n, 0);
  const struct vg_start_block *b = (const void *)buf;
  ck_assert_uint_eq ((uintptr_t)b->argv, va + sizeof *b);
  ck_assert_uint_ge (buf[6], va + sizeof *b);
  ck_assert_uint_lt (buf[6], va + n);
  ck_assert_int_eq (vg_start_block_check (b), 0);
}
END_TEST

START_TEST (refusals)
{
  ck_assert_uint_eq (vg_start_block_build (buf, 40, (uintptr_t)buf, "a", NULL),
                     0);
  ck_assert_uint_eq (
      vg_start_block_build (buf, sizeof buf, (uintptr_t)buf + 4, "a", NULL),
      0);
  static char many[2 * (VG_START_MAX_ARGS + 1) + 1];
  for (size_t i = 0; i + 1 < sizeof many; i += 2)
    many[i] = 'x', many[i + 1] = ' ';
  ck_assert_uint_eq (
      vg_start_block_build (buf, sizeof buf, (uintptr_t)buf, many, NULL), 0);
  ck_assert_int_eq (vg_start_block_check (NULL), 0);
}
END_TEST

/* Each way a block can be damaged is refused.  */
START_TEST (damaged)
{
  size_t n
      = vg_start_block_build (buf, sizeof buf, (uintptr_t)buf, "p q", NULL);
  ck_assert_uint_gt (n, 0);
  struct vg_start_block *b = (void *)buf;
  struct vg_start_block good = *b;
  b->magic ^= 1;
  ck_assert_int_eq (vg_start_block_check (b), 0);
  *b = good;
  b->size = VG_START_MAX_SIZE + 8;
  ck_assert_int_eq (vg_start_block_check (b), 0);
  *b = good;
  b->argc = 3; /* argv[3] is past the NULL: argv[2] is not NULL.  */
  ck_assert_int_eq (vg_start_block_check (b), 0);
  *b = good;
  b->argv[1] = (char *)buf + n; /* Just past the block.  */
  ck_assert_int_eq (vg_start_block_check (b), 0);
  vg_start_block_build (buf, sizeof buf, (uintptr_t)buf, "p q", NULL);
  /* The last string loses its terminator (and the padding too).  */
  memset ((char *)buf + strlen ("p q") + (size_t)(b->argv[0] - (char *)buf),
          'z', n - (size_t)(b->argv[1] - (char *)buf));
  ck_assert_int_eq (vg_start_block_check (b), 0);
  vg_start_block_build (buf, sizeof buf, (uintptr_t)buf, "p q", NULL);
  ck_assert_int_eq (vg_start_block_check (b), 1);
}
END_TEST

/* The root task's argv comes from its boot-info page, which must be at
   VG_BOOT_INFO_VA with the right magic.  */
START_TEST (from_boot_info)
{
  void *page = mmap ((void *)VG_BOOT_INFO_VA, 4096, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  ck_assert_msg (page != MAP_FAILED, "cannot map VG_BOOT_INFO_VA on the host");
  ck_assert_ptr_eq (page, (void *)VG_BOOT_INFO_VA);
  struct vg_boot_info *bi = page;
  const struct vg_start_block *b;
  strcpy (bi->cmdline, "roottask.elf quota=8 messenger");
  /* No magic: not a boot-info page.  */
  ck_assert_ptr_null (vg_start_block_from_boot (bi, buf, sizeof buf));
  bi->magic = VG_BOOT_MAGIC;
  b = vg_start_block_from_boot (bi, buf, sizeof buf);
  ck_assert_ptr_nonnull (b);
  ck_assert_int_eq (vg_start_block_check (b), 1);
  ck_assert_uint_eq (b->argc, 3);
  ck_assert_str_eq (b->argv[0], "roottask.elf");
  ck_assert_str_eq (b->argv[2], "messenger");
  /* Elsewhere than VG_BOOT_INFO_VA, even with the magic: refused.  */
  static struct vg_boot_info copy;
  memcpy (&copy, bi, sizeof copy);
  ck_assert_ptr_null (vg_start_block_from_boot (&copy, buf, sizeof buf));
  /* Too small a buffer.  */
  ck_assert_ptr_null (vg_start_block_from_boot (bi, buf, 16));
  munmap (page, 4096);
}
END_TEST

/* crt0 refuses a boot-info page of another ABI revision, and ignores a
   page without the magic.  */
START_TEST (abi_version)
{
  static struct vg_boot_info bi;
  memset (&bi, 0, sizeof bi);
  ck_assert_int_eq (vg_boot_abi_check (&bi), 0);
  bi.magic = VG_BOOT_MAGIC;
  bi.abi_version = VG_ABI_VERSION;
  ck_assert_int_eq (vg_boot_abi_check (&bi), 0);
  bi.abi_version = VG_ABI_VERSION - 1;
  ck_assert_int_eq (vg_boot_abi_check (&bi), -1);
  bi.abi_version = 0;
  ck_assert_int_eq (vg_boot_abi_check (&bi), -1);
}
END_TEST

Suite *vgstart_suite (void);

Suite *
vgstart_suite (void)
{
  Suite *s = suite_create ("vgstart");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, build_and_check);
  tcase_add_test (tc, empty_command_line);
  tcase_add_test (tc, relocated_for_va);
  tcase_add_test (tc, refusals);
  tcase_add_test (tc, damaged);
  tcase_add_test (tc, from_boot_info);
  tcase_add_test (tc, abi_version);
  suite_add_tcase (s, tc);
  return s;
}
