/* libc-port's RAM file system and boot data modules (bootfiles.c).
   Expects the modules tests/system/modules.list gives root_newlib_fs
   and root_spawn_files: argv from a vg-args module ("a,b" and "two
   words" as single arguments), FS_TEST=on from vg-env, input.txt
   (tests/user/fs_input.txt) as a vg-file, stdin from
   tests/user/fs_stdin.txt, and out.txt named by vg-outfiles.  Checks
   files and directories (create, write, read, seek, stat, rename,
   unlink, mkdir, rmdir, readdir, chdir, dup, truncate, stdio), then
   writes out.txt, which the harness compares with
   tests/user/newlib_fs.out after tools/host-extract brought it back.
   Prints PASS and returns 0, or FAIL and the number of failed checks.  */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int failed;

#define CHECK(cond)                                                           \
  do                                                                          \
    {                                                                         \
      if (!(cond))                                                            \
        {                                                                     \
          printf ("newlib_fs: line %d: %s failed (errno %d)\n", __LINE__,     \
                  #cond, errno);                                              \
          failed++;                                                           \
        }                                                                     \
    }                                                                         \
  while (0)

static void
check_files (void)
{
  int fd = open ("a.txt", O_RDWR | O_CREAT | O_EXCL, 0644);
  CHECK (fd >= 3);
  CHECK (write (fd, "hello, world\n", 13) == 13);
  CHECK (lseek (fd, 7, SEEK_SET) == 7);
  char buf[64] = { 0 };
  CHECK (read (fd, buf, sizeof buf) == 6 && strcmp (buf, "world\n") == 0);
  CHECK (read (fd, buf, sizeof buf) == 0);
  /* A write past the end leaves a gap of zeros.  */
  CHECK (lseek (fd, 20, SEEK_SET) == 20 && write (fd, "!", 1) == 1);
  CHECK (pread (fd, buf, 8, 13) == 8 && buf[0] == 0 && buf[6] == 0
         && buf[7] == '!');
  struct stat st;
  CHECK (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size == 21);
  int fd2 = dup (fd);
  CHECK (fd2 > fd && lseek (fd2, 0, SEEK_CUR) == 21);
  CHECK (ftruncate (fd, 5) == 0 && stat ("a.txt", &st) == 0
         && st.st_size == 5);
  CHECK (close (fd) == 0 && close (fd2) == 0);
  errno = 0;
  CHECK (close (fd) == -1 && errno == EBADF);
  errno = 0;
  CHECK (open ("a.txt", O_WRONLY | O_CREAT | O_EXCL, 0644) == -1
         && errno == EEXIST);
  fd = open ("a.txt", O_WRONLY | O_APPEND);
  CHECK (fd >= 0 && write (fd, "XY", 2) == 2 && close (fd) == 0);
  CHECK (stat ("a.txt", &st) == 0 && st.st_size == 7);

  /* An unlinked file stays readable while open.  */
  fd = open ("a.txt", O_RDONLY);
  CHECK (unlink ("a.txt") == 0);
  errno = 0;
  CHECK (stat ("a.txt", &st) == -1 && errno == ENOENT);
  CHECK (read (fd, buf, 7) == 7 && memcmp (buf, "helloXY", 7) == 0);
  errno = 0;
  CHECK (write (fd, "z", 1) == -1 && errno == EBADF);
  CHECK (close (fd) == 0);
}

static int
count_entries (const char *path, const char *want, int *found)
{
  DIR *d = opendir (path);
  if (d == NULL)
    return -1;
  int n = 0;
  struct dirent *e;
  *found = 0;
  while ((e = readdir (d)) != NULL)
    {
      n++;
      if (strcmp (e->d_name, want) == 0)
        *found = 1;
    }
  closedir (d);
  return n;
}

static void
check_dirs (void)
{
  CHECK (mkdir ("d", 0755) == 0);
  errno = 0;
  CHECK (mkdir ("d", 0755) == -1 && errno == EEXIST);
  CHECK (mkdir ("d/e", 0755) == 0);
  FILE *f = fopen ("d/e/f.txt", "w");
  CHECK (f != NULL);
  if (f)
    {
      CHECK (fprintf (f, "line %d\n", 1) == 7);
      CHECK (fclose (f) == 0);
    }
  struct stat st;
  CHECK (stat ("d", &st) == 0 && S_ISDIR (st.st_mode) && st.st_nlink == 3);
  errno = 0;
  CHECK (rmdir ("d") == -1 && errno == ENOTEMPTY);
  errno = 0;
  CHECK (open ("d/e/f.txt/x", O_RDONLY) == -1 && errno == ENOTDIR);
  CHECK (chdir ("d/e") == 0);
  char cwd[64];
  CHECK (getcwd (cwd, sizeof cwd) && strcmp (cwd, "/d/e") == 0);
  CHECK (access ("f.txt", R_OK) == 0 && access ("../../d", F_OK) == 0);
  CHECK (rename ("f.txt", "../g.txt") == 0);
  CHECK (chdir ("/") == 0);
  int found;
  CHECK (count_entries ("d", "g.txt", &found) == 4 && found);
  CHECK (count_entries ("d/e", "f.txt", &found) == 2 && !found);
  /* rename replaces a file; a directory moves with its contents.  */
  CHECK (rename ("d", "dd") == 0 && stat ("dd/g.txt", &st) == 0
         && st.st_size == 7);
  errno = 0;
  CHECK (rename ("dd", "dd/e/x") == -1 && errno == EINVAL);
  CHECK (unlink ("dd/g.txt") == 0 && rmdir ("dd/e") == 0 && rmdir ("dd") == 0);
  errno = 0;
  CHECK (unlink ("/") == -1 && errno == EISDIR);
}

/* The boot data modules: argv, environ, input.txt, stdin.  Returns the
   number of stdin lines.  */
static int
check_boot_data (int argc, char **argv, char *first_line, size_t n)
{
  CHECK (argc == 3 && strcmp (argv[1], "a,b") == 0
         && strcmp (argv[2], "two words") == 0);
  const char *fs = getenv ("FS_TEST");
  CHECK (fs != NULL && strcmp (fs, "on") == 0);
  FILE *in = fopen ("input.txt", "r+");
  CHECK (in != NULL);
  first_line[0] = 0;
  if (in)
    {
      CHECK (fgets (first_line, (int)n, in) != NULL);
      /* The module's bytes are read-only; the file is a writable copy.  */
      CHECK (fseek (in, 0, SEEK_SET) == 0 && fputs ("INPUT", in) >= 0);
      CHECK (fclose (in) == 0);
    }
  char buf[8] = { 0 };
  int fd = open ("input.txt", O_RDONLY);
  CHECK (fd >= 0 && read (fd, buf, 5) == 5 && strcmp (buf, "INPUT") == 0);
  close (fd);
  int lines = 0;
  char line[128];
  while (fgets (line, sizeof line, stdin) != NULL)
    lines++;
  CHECK (lines == 3);
  return lines;
}

int
main (int argc, char **argv)
{
  char first[128];
  check_files ();
  check_dirs ();
  int lines = check_boot_data (argc, argv, first, sizeof first);
  FILE *out = fopen ("out.txt", "w");
  CHECK (out != NULL);
  if (out)
    {
      fprintf (out, "args: %s|%s\n", argc > 1 ? argv[1] : "",
               argc > 2 ? argv[2] : "");
      fprintf (out, "input: %s", first);
      fprintf (out, "stdin lines: %d\n", lines);
      for (int i = 0; i < 300; i++)
        fprintf (out, "%04d 0123456789abcdef0123456789abcdef\n", i);
      CHECK (fclose (out) == 0);
    }
  printf ("%s\n", failed ? "FAIL" : "PASS");
  return failed;
}
