/* newlib: atexit handlers and destructors run when main *returns* (not
   only through exit ()).  main returns 7; its atexit handler records
   that it ran, and the destructor (which runs after it) turns the
   record into the status: 42 if both ran in that order, 43 if the
   handler did not run.  Skipping both leaves 7.  */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile int handler_ran;

static void
handler (void)
{
  handler_ran = 1;
}

static void __attribute__ ((destructor)) destructor (void)
{
  printf ("newlib_return: destructor ran, atexit handler %s\n",
          handler_ran ? "ran first" : "did not run");
  fflush (stdout);
  _exit (handler_ran ? 42 : 43);
}

int
main (void)
{
  if (atexit (handler) != 0)
    return 1;
  printf ("newlib_return: returning 7 from main\n");
  return 7;
}
