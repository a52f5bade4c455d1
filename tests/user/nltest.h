/* Shared by the newlib test programs (tests/user/newlib_*.c): a check
   macro that prints each failure through stdio and counts it in the
   program's own `failures` (each program decides what its exit status
   says).  The libvg programs use vgtest.h instead.  */
#ifndef NLTEST_H
#define NLTEST_H

#include <stdio.h>

static int failures;

#define CHECK(expr, want)                                                     \
  do                                                                          \
    {                                                                         \
      long long got_ = (long long)(expr), want_ = (long long)(want);          \
      if (got_ != want_)                                                      \
        {                                                                     \
          printf ("FAIL %d: %s = %lld, want %lld\n", __LINE__, #expr, got_,   \
                  want_);                                                     \
          failures++;                                                         \
        }                                                                     \
    }                                                                         \
  while (0)

#endif
