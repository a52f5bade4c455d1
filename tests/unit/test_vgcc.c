/* tools/vg-cc's promises about the target (doc/porting.md, "Building a
   program"): libraries come only from newlib or -L directories (the
   host's -lpthread or -lz must not sneak in), and the target is not
   Linux (__linux__ undefined, __viengoos__ defined).  Runs the real
   script on the real build tree (VG_CC_PATH, VG_BUILD_DIR from
   tests/Makefrag.mk).  */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/vgcc-test-XXXXXX";
static char out[1 << 18];

/* Run vg-cc with ARGS (shell words) in DIR; its status, its output
   (stdout and stderr) in OUT.  */
static int
vgcc (const char *args)
{
  char cmd[1024];
  snprintf (cmd, sizeof cmd, "cd %s && VG_BUILD=%s %s %s 2>&1", dir,
            VG_BUILD_DIR, VG_CC_PATH, args);
  FILE *p = popen (cmd, "r");
  ck_assert_ptr_nonnull (p);
  size_t n = fread (out, 1, sizeof out - 1, p);
  out[n] = 0;
  /* Drain the rest, so the command never dies of a closed pipe.  */
  char sink[4096];
  while (fread (sink, 1, sizeof sink, p) > 0)
    ;
  int st = pclose (p);
  return WIFEXITED (st) ? WEXITSTATUS (st) : -1;
}

static void
setup (void)
{
  ck_assert_ptr_nonnull (mkdtemp (dir));
  char path[64];
  snprintf (path, sizeof path, "%s/prog.c", dir);
  FILE *f = fopen (path, "w");
  ck_assert_ptr_nonnull (f);
  fputs ("#include <math.h>\nint main (void) { return (int) sqrt (4.0); }\n",
         f);
  fclose (f);
}

static void
teardown (void)
{
  char cmd[128];
  snprintf (cmd, sizeof cmd, "rm -rf %s", dir);
  ck_assert_int_eq (system (cmd), 0);
  strcpy (dir, "/tmp/vgcc-test-XXXXXX");
}

START_TEST (host_libraries_refused)
{
  ck_assert_int_ne (vgcc ("-o prog.elf prog.c -lpthread"), 0);
  ck_assert_ptr_nonnull (strstr (out, "-lpthread: newlib has no pthread"));
  ck_assert_int_ne (vgcc ("-o prog.elf prog.c -l z"), 0);
  ck_assert_ptr_nonnull (strstr (out, "-lz: no libz.a for the target"));
  char path[64];
  snprintf (path, sizeof path, "%s/prog.elf", dir);
  ck_assert_int_ne (access (path, F_OK), 0);
}
END_TEST

START_TEST (newlib_libraries_link)
{
  ck_assert_int_eq (vgcc ("-o prog.elf prog.c -lm"), 0);
  char path[64];
  snprintf (path, sizeof path, "%s/prog.elf", dir);
  ck_assert_int_eq (access (path, R_OK), 0);
}
END_TEST

START_TEST (not_linux)
{
  ck_assert_int_eq (vgcc ("-E -dM -x c /dev/null"), 0);
  ck_assert_ptr_null (strstr (out, "#define __linux__ "));
  ck_assert_ptr_null (strstr (out, "#define linux "));
  ck_assert_ptr_nonnull (strstr (out, "#define __viengoos__ 1"));
  ck_assert_ptr_nonnull (strstr (out, "#define __unix__ 1"));
}
END_TEST

Suite *vgcc_suite (void);

Suite *
vgcc_suite (void)
{
  Suite *s = suite_create ("vgcc");
  TCase *tc = tcase_create ("target");
  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, host_libraries_refused);
  tcase_add_test (tc, newlib_libraries_link);
  tcase_add_test (tc, not_linux);
  suite_add_tcase (s, tc);
  return s;
}
