/* newlib without the heap: started by the root task, main gets argv
   from the start block (activations/include/vgstart.h), checks it with
   newlib's string functions, writes a line with the glue's _write and exits
   with the sum of its numeric arguments through exit () (no malloc: stdio's
   buffers need the heap, which needs libhurd-mm's fault handling).  */
#include <stdlib.h>
#include <string.h>

/* libc-port's glue (io.c); newlib as configured has no write ().  */
int _write (int fd, const void *buf, size_t len);

int
main (int argc, char **argv)
{
  if (argc < 1 || strstr (argv[0], "newlib_args") == NULL)
    return 62;
  int sum = 0;
  for (int i = 1; i < argc; i++)
    sum += atoi (argv[i]);
  static const char msg[] = "newlib_args: argv arrived\n";
  if (_write (1, msg, sizeof msg - 1) != (int)(sizeof msg - 1))
    return 61;
  exit (sum);
}
