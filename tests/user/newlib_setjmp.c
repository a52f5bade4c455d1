/* newlib: setjmp and longjmp: the first return is 0, longjmp's value
   comes back (0 becomes 1), volatile locals keep their last value, and a
   jump unwinds several frames.  Final line PASS or FAIL.  */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int failures;
static int depth_reached;

static void
dive (int depth, int value)
{
  depth_reached = depth;
  if (value == 0)
    return; /* Not used: keeps the recursion finite for the compiler.  */
  if (depth == 0)
    longjmp (env, value);
  dive (depth - 1, value);
  failures++; /* Never reached.  */
}

int
main (void)
{
  volatile int count = 0;
  volatile double f = 1.0;
  int r = setjmp (env);
  if (r == 0)
    {
      count = 10;
      f = 2.5;
      dive (50, 7);
      printf ("newlib_setjmp: longjmp returned\n");
      failures++;
    }
  else if (r == 7)
    {
      if (count != 10 || f != 2.5 || depth_reached != 0)
        {
          printf ("newlib_setjmp: locals %d %f depth %d\n", count, f,
                  depth_reached);
          failures++;
        }
      count = 20;
      int r2 = setjmp (env);
      if (r2 == 0)
        longjmp (env, 0);
      else if (r2 != 1 || count != 20)
        {
          printf ("newlib_setjmp: longjmp (env, 0) gave %d\n", r2);
          failures++;
        }
    }
  else
    {
      printf ("newlib_setjmp: setjmp returned %d\n", r);
      failures++;
    }
  printf ("newlib_setjmp: %d failure(s)\n", failures);
  printf ("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
