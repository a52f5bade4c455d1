/* The POSIX names (libc-port/posix.c, mman.c, time.c, sysconf.c): each
   is called under its plain name and its result checked.  Built with
   -fstack-protector-all (tests/Makefrag.mk), so every function here
   also checks its canary through newlib's __stack_chk_guard.  Prints
   PASS and returns 0, or FAIL and the number of failed checks.  */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int failed;

#define CHECK(cond)                                                           \
  do                                                                          \
    {                                                                         \
      if (!(cond))                                                            \
        {                                                                     \
          printf ("newlib_posix: line %d: %s failed (errno %d)\n", __LINE__,  \
                  #cond, errno);                                              \
          failed++;                                                           \
        }                                                                     \
    }                                                                         \
  while (0)

static void
check_console (void)
{
  static const char msg[] = "newlib_posix: write (1) works\n";
  CHECK (write (1, msg, sizeof msg - 1) == (ssize_t)(sizeof msg - 1));
  CHECK (isatty (1) == 1);
  struct stat st;
  CHECK (fstat (2, &st) == 0 && S_ISCHR (st.st_mode));
  errno = 0;
  CHECK (lseek (1, 0, SEEK_SET) == -1 && errno == ESPIPE);
  errno = 0;
  CHECK (write (7, msg, 1) == -1 && errno == EBADF);
  CHECK (getpid () > 0);
}

static void
check_time (void)
{
  struct timespec a, b, res;
  CHECK (clock_gettime (CLOCK_MONOTONIC, &a) == 0);
  CHECK (clock_getres (CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0
         && res.tv_nsec > 0);
  errno = 0;
  CHECK (clock_gettime ((clockid_t)99, &b) == -1 && errno == EINVAL);
  struct timespec nap = { .tv_sec = 0, .tv_nsec = 3000000 };
  CHECK (nanosleep (&nap, NULL) == 0);
  CHECK (clock_gettime (CLOCK_MONOTONIC, &b) == 0);
  long long slept = (long long)(b.tv_sec - a.tv_sec) * 1000000000ll
                    + (b.tv_nsec - a.tv_nsec);
  CHECK (slept >= 3000000);
  CHECK (usleep (1000) == 0);
  struct timespec bad = { .tv_sec = 0, .tv_nsec = 1000000000 };
  errno = 0;
  CHECK (nanosleep (&bad, NULL) == -1 && errno == EINVAL);
  struct timeval tv;
  CHECK (gettimeofday (&tv, NULL) == 0 && tv.tv_usec >= 0
         && tv.tv_usec < 1000000);
}

static void
check_sysconf (void)
{
  CHECK (sysconf (_SC_PAGESIZE) == 4096);
  CHECK (getpagesize () == 4096);
  CHECK (sysconf (_SC_NPROCESSORS_ONLN) == 1);
  errno = 0;
  CHECK (sysconf (-5) == -1 && errno == EINVAL);
  char cwd[64];
  CHECK (getcwd (cwd, sizeof cwd) == cwd && cwd[0] == '/');
  errno = 0;
  CHECK (getcwd (cwd, 1) == NULL && errno == ERANGE);
}

static void
check_mman (void)
{
  size_t len = 3 * 4096;
  char *p = mmap (NULL, len, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  CHECK (p != MAP_FAILED);
  if (p == MAP_FAILED)
    return;
  CHECK (p[0] == 0 && p[len - 1] == 0);
  memset (p, 0x5a, len);
  CHECK (madvise (p, len, MADV_NORMAL) == 0);
  CHECK (mprotect (p, 4096, PROT_READ) == 0);
  CHECK (p[4095] == 0x5a);
  CHECK (posix_madvise (p, len, 12345) == EINVAL);
  CHECK (munmap (p, len) == 0);
  errno = 0;
  CHECK (mmap (NULL, len, PROT_READ, MAP_PRIVATE, 3, 0) == MAP_FAILED
         && errno == EINVAL);
}

int
main (void)
{
  check_console ();
  check_time ();
  check_sysconf ();
  check_mman ();
  /* Declared by libc-port's <sys/stat.h>; no file system yet.  */
  struct stat st;
  CHECK (lstat ("/nonexistent", &st) == -1);
  printf ("%s\n", failed ? "FAIL" : "PASS");
  return failed;
}
