/* What runs between crt0's _start and main: register the thread's
   activation area (act.h), set up libhurd-mm if the program links it
   (hurd_mm_start, a weak reference), find argc/argv, call main, then
   end the thread with main's status.

   Two ways in (<vg/boot.h>, doc/roottask.md): a program started by
   spawn gets rdi = its start block, rsi = VG_START_MAGIC; the root task,
   started by the kernel, gets rdi = VG_BOOT_INFO_VA, rsi = 0, and its
   argv is built here from the boot info's command line.  Anything else
   gives argc 0.  */
#include <act.h>
#include <libvg.h>
#include <vg/boot.h>
#include <vgstart.h>

int main (int argc, char **argv);
void vg_start (const void *rdi, uint64_t rsi) __attribute__ ((noreturn));

/* Room for the root task's start block, built from its boot info.  */
static uint64_t vg_start_root_block[512];

vg_error_t hurd_mm_start (void) __attribute__ ((weak));

void
vg_start (const void *rdi, uint64_t rsi)
{
  static char *no_args[] = { NULL };
  vg_error_t err = act_init ();
  if (err)
    vg_printf ("vg_start: activation_register failed: %s\n",
               vg_strerror (err));
  if (!err && hurd_mm_start)
    {
      err = hurd_mm_start ();
      if (err)
        vg_printf ("vg_start: hurd_mm_start failed: %s\n", vg_strerror (err));
    }
  const struct vg_start_block *b = vg_start_block_find (
      rdi, rsi, vg_start_root_block, sizeof vg_start_root_block);
  int status = b ? main ((int)b->argc, b->argv) : main (0, no_args);
  err = vg_thread_exit (status);
  /* thread_exit failed (e.g. the kernel lacks it): say so, then spin;
     nothing else is safe in a thread that should be gone.  */
  vg_printf ("vg_start: thread_exit (%d) failed: error %d\n", status, err);
  for (;;)
    __asm__ volatile("pause");
}
