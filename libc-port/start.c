/* What runs between crt0's _start and main for newlib programs:
   register the activation area (act.h), set up libhurd-mm with errno
   reporting (so malloc works and page faults on anonymous memory are
   resolved), take argc/argv/envp from the start block if the starter
   passed a valid one (include/vgstart.h), or, for a program the kernel
   started as the root task (rdi = VG_BOOT_INFO_VA, rsi = 0;
   <vg/boot.h>), build argv from the boot info's command line; read
   the boot modules for files, stdin, argv and environ (bootfiles.c); move
   to the real stack (stack.c); run the constructors, call main, exit
   with its status (exit runs atexit
   handlers, destructors and flushes stdio).  */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "bootfiles.h"
#include "glue.h"
#include "stack.h"
#include <act.h>
#include <hurd/mm.h>
#include <hurd/notice.h>
#include <reent.h>
#include <vg/boot.h>
#include <vgstart.h>

#undef errno
extern int errno;

/* newlib's malloc lock: no threads to lock out, but libhurd-mm's
   pressure callbacks must not run inside malloc (the default one trims
   malloc's memory): hold them off (hurd/notice.h).  */
void __malloc_lock (struct _reent *r);
void __malloc_unlock (struct _reent *r);

void
__malloc_lock (struct _reent *r)
{
  (void)r;
  hurd_notice_hold ();
}

void
__malloc_unlock (struct _reent *r)
{
  (void)r;
  hurd_notice_release ();
}

extern char **environ;
int main (int argc, char **argv, char **envp);
void __libc_init_array (void);
void __libc_fini_array (void);
void vg_libc_start (const struct vg_start_block *block, uint64_t magic)
    __attribute__ ((noreturn));

static char vg_libc_default_name[] = "prog";
static char *vg_libc_default_argv[] = { vg_libc_default_name, NULL };
static char *vg_libc_default_envp[] = { NULL };
static uint64_t vg_libc_root_block[512];

/* libhurd-mm's failures: the global errno for the underscore glue
   (_sbrk; newlib's _sbrk_r copies it) and the caller's own for the
   POSIX names that call libhurd-mm directly (mmap, mman.c).  */
static void
set_errno (int e)
{
  errno = e;
  *__errno () = e;
}

struct main_args
{
  int argc;
  char **argv, **envp;
};

/* On the real stack (stack.c): constructors, main, exit.  */
static void
run_main (void *arg)
{
  struct main_args *m = arg;
  /* Destructors run at exit, after the atexit handlers registered
     later.  */
  atexit (__libc_fini_array);
  __libc_init_array ();
  exit (main (m->argc, m->argv, m->envp));
}

void
vg_libc_start (const struct vg_start_block *block, uint64_t magic)
{
  /* The root task and every spawned program get a boot-info page.  */
  if (vg_boot_abi_check ((const void *)(uintptr_t)VG_BOOT_INFO_VA))
    {
      vg_puts ("vg_libc_start: built for another kernel ABI "
               "(VG_ABI_VERSION differs): not starting\n");
      _exit (127);
    }
  if (act_init () != VG_OK)
    vg_puts ("vg_libc_start: cannot register the activation area\n");
  else if (hurd_mm_start () != VG_OK)
    vg_puts ("vg_libc_start: hurd_mm_start failed: no heap\n");
  hurd_mm_errno_hook = set_errno;
  int argc = 1;
  char **argv = vg_libc_default_argv;
  char **envp = vg_libc_default_envp;
  block = vg_start_block_find (block, magic, vg_libc_root_block,
                               sizeof vg_libc_root_block);
  if (block != NULL)
    {
      argc = (int)block->argc;
      argv = block->argv;
      envp = block->envp;
    }
  /* Files, stdin, and argv/environ given as boot modules win.  */
  bootfiles_import (&argc, &argv, &envp);
  environ = envp;
  static struct main_args m;
  m = (struct main_args){ argc, argv, envp };
  stack_run (run_main, &m);
}
