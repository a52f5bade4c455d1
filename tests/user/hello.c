/* The first user program: print through debug_write and exit.  */
#include <libvg.h>

int main (int argc, char **argv);

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  static const char msg[] = "hello from ring 3\n";
  vg_error_t err = vg_debug_write (msg, sizeof msg - 1);
  uint64_t now = 0;
  vg_error_t terr = vg_time (&now);
  vg_printf ("hello: debug_write %d, time %d (%llu ns)\n", err, terr,
             (unsigned long long)now);
  /* Exit status: the first failure (the time itself may be 0: the
     clock has tick resolution and the program runs before the first
     tick).  */
  return err ? err : terr;
}
