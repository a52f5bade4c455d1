/* What runs between crt0's _start and main: register the thread's
   activation area (act.h), set up libhurd-mm if the program links it
   (hurd_mm_start, a weak reference), call main, then end the thread
   with main's status.  */
#include <act.h>
#include <libvg.h>

int main (int argc, char **argv);
void vg_start (void) __attribute__ ((noreturn));
vg_error_t hurd_mm_start (void) __attribute__ ((weak));

void
vg_start (void)
{
  char *argv[] = { NULL };
  vg_error_t err = act_init ();
  if (err)
    vg_printf ("vg_start: activation_register failed: error %d\n", err);
  if (!err && hurd_mm_start)
    {
      err = hurd_mm_start ();
      if (err)
        vg_printf ("vg_start: hurd_mm_start failed: error %d\n", err);
    }
  int status = main (0, argv);
  err = vg_thread_exit (status);
  /* thread_exit failed (e.g. the kernel lacks it): say so, then spin;
     nothing else is safe in a thread that should be gone.  */
  vg_printf ("vg_start: thread_exit (%d) failed: error %d\n", status, err);
  for (;;)
    __asm__ volatile("pause");
}
