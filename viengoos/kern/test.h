/* In-kernel system tests.

   A test is a function registered with VG_TEST (NAME) in a table (the
   .vg_tests section).  Booting with test=NAME runs it after the kernel is
   up; the kernel prints "TEST START NAME" and then "TEST PASS NAME" or
   "TEST FAIL NAME: why", and stops QEMU with VG_EXIT_PASS or
   VG_EXIT_FAIL.  tools/run-test reads both the markers and the exit
   status.  Tests named panic_* are expected to end in a kernel panic
   report; the harness checks the report instead.  */
#ifndef VG_TEST_H
#define VG_TEST_H

#include "types.h"

struct vg_test
{
  const char *name;
  int (*fn) (void); /* 0 = pass.  */
};

#define VG_TEST(NAME)                                                         \
  static int test_##NAME (void);                                              \
  static const struct vg_test vg_test_desc_##NAME                             \
      __attribute__ ((used, section (".vg_tests"), aligned (8)))              \
      = { #NAME, test_##NAME };                                               \
  static int test_##NAME (void)

/* Record a failure (first one wins) and make the test fail.  */
void test_fail (const char *file, int line, const char *what);

#define TEST_ASSERT(cond)                                                     \
  do                                                                          \
    {                                                                         \
      if (!(cond))                                                            \
        {                                                                     \
          test_fail (__FILE__, __LINE__, #cond);                              \
          return -1;                                                          \
        }                                                                     \
    }                                                                         \
  while (0)

/* User mode with no current thread: the in-kernel ring-3 harness
   (tests/system/user_harness.c) answers.  uentry.c calls these when
   sched_current () is NULL.  With no harness test running, a call gets
   VG_ENOSYS, an exception is logged and the CPU idles, and a kernel
   access to a user address is not retried.  */
struct user_regs;
struct trap_frame;
void test_bare_syscall (struct user_regs *r);
void test_bare_exception (struct trap_frame *tf);
bool test_bare_kernel_user_fault (uint64_t addr, bool write);

/* Run the test called NAME and stop the machine.  */
_Noreturn void test_run (const char *name);

#endif
