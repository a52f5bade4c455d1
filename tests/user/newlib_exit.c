/* newlib: exit status propagation.  main returns the status given as
   argv[1] (default 0) after atexit handlers and a destructor ran in the
   right order; the kernel reports it as the program's status.  Prints
   PASS if the handlers ran in order before the status leaves.  */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int order[3];
static int norder;

static void
first_registered (void)
{
  order[norder++] = 1;
  /* Runs last: the handlers ran newest first, then this one.  */
  int ok = norder == 2 && order[0] == 2 && order[1] == 1;
  printf ("newlib_exit: atexit order %s\n", ok ? "ok" : "wrong");
  printf ("%s\n", ok ? "PASS" : "FAIL");
  fflush (stdout);
  if (!ok)
    _exit (1); /* The status must say so, not only the output.  */
}

static void
second_registered (void)
{
  order[norder++] = 2;
}

int
main (int argc, char **argv)
{
  int status = argc > 1 ? atoi (argv[1]) : 0;
  if (atexit (first_registered) != 0 || atexit (second_registered) != 0)
    {
      printf ("FAIL\n");
      return 1;
    }
  printf ("newlib_exit: argc %d, argv[0] %s, exiting with %d\n", argc, argv[0],
          status);
  exit (status);
}
