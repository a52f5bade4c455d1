/* A program run alone with most of the machine: malloc argv[1] MiB in
   1 MiB blocks and write every page.  argv[2] says what must happen:
   "ok" (all of it fits: the root task gave no quota of its own) or
   "fail" (malloc returns NULL first, after libc-port printed which
   limit was hit).  Exit 0 when that is what happened.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      printf ("usage: newlib_bigalloc MIB ok|fail\nFAIL\n");
      return 1;
    }
  long mib = strtol (argv[1], NULL, 0);
  int want_ok = strcmp (argv[2], "ok") == 0;
  long got = 0;
  for (; got < mib; got++)
    {
      char *p = malloc (1 << 20);
      if (p == NULL)
        break;
      for (size_t off = 0; off < (1 << 20); off += 4096)
        p[off] = (char)off;
    }
  printf ("newlib_bigalloc: %ld of %ld MiB allocated and written\n", got, mib);
  int ok = (got == mib) == want_ok;
  printf ("%s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
