/* The main thread's stack (libc-port/stack.c): recurse through
   argv[1] KiB of stack, in 1 KiB frames, and exit 0; "forever" recurses
   until the guard stops it.  root_newlib_stack uses 6000 KiB of the
   default 8 MiB (the old stack was 256 KiB in .bss); root_newlib_stack_
   overflow and root_newlib_stack_size (2000 KiB with VG_STACK_SIZE=1M)
   must end with status 139 from the guard's "stack overflow" report:
   any other ending means the overflow went unnoticed or ran over
   something.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile unsigned long sink;

static unsigned long
recurse (unsigned long depth)
{
  volatile char frame[1000];
  frame[0] = (char)depth;
  frame[sizeof frame - 1] = (char)(depth >> 8);
  if (depth == 0)
    return frame[0];
  unsigned long r = recurse (depth - 1) + (unsigned char)frame[999];
  sink = r;
  return r;
}

int
main (int argc, char **argv)
{
  if (argc < 2)
    {
      printf ("usage: newlib_stack KIB|forever\nFAIL\n");
      return 1;
    }
  unsigned long kib
      = strcmp (argv[1], "forever") == 0 ? ~0ul : strtoul (argv[1], NULL, 0);
  printf ("newlib_stack: recursing through %s KiB of stack\n", argv[1]);
  fflush (stdout);
  recurse (kib);
  printf ("newlib_stack: %s KiB of stack used and given back\nPASS\n",
          argv[1]);
  return 0;
}
