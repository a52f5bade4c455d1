/* What runs between crt0's _start and main for newlib programs: take
   argc/argv/envp from the start block if the starter passed a valid one
   (include/vgstart.h), run the constructors, call main, exit with its
   status (exit runs atexit handlers, destructors and flushes stdio).  */
#include <stdint.h>
#include <stdlib.h>

#include "glue.h"
#include <vgstart.h>

extern char **environ;
int main (int argc, char **argv, char **envp);
void __libc_init_array (void);
void __libc_fini_array (void);
void vg_libc_start (const struct vg_start_block *block, uint64_t magic)
    __attribute__ ((noreturn));

static char vg_libc_default_name[] = "prog";
static char *vg_libc_default_argv[] = { vg_libc_default_name, NULL };
static char *vg_libc_default_envp[] = { NULL };

void
vg_libc_start (const struct vg_start_block *block, uint64_t magic)
{
  int argc = 1;
  char **argv = vg_libc_default_argv;
  char **envp = vg_libc_default_envp;
  if (magic == VG_START_MAGIC && vg_start_block_check (block))
    {
      argc = (int)block->argc;
      argv = block->argv;
      envp = block->envp;
    }
  environ = envp;
  /* Destructors run at exit, after the atexit handlers registered
     later.  */
  atexit (__libc_fini_array);
  __libc_init_array ();
  exit (main (argc, argv, envp));
}
