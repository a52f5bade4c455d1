/* What runs between crt0's _start and main: call main, then end the
   thread with main's status.  (newlib's init arrays and activation
   set-up arrive here later.)  */
#include <libvg.h>

int main (int argc, char **argv);
void vg_start (void) __attribute__ ((noreturn));

void
vg_start (void)
{
  char *argv[] = { NULL };
  int status = main (0, argv);
  vg_error_t err = vg_thread_exit (status);
  /* thread_exit failed (e.g. the kernel lacks it): say so, then spin;
     nothing else is safe in a thread that should be gone.  */
  vg_printf ("vg_start: thread_exit (%d) failed: error %d\n", status, err);
  for (;;)
    __asm__ volatile("pause");
}
