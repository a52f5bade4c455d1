/* Process glue: one program per activity, no processes to create or
   wait for.  _exit ends the thread with vg_thread_exit; _kill of the
   program itself with a signal ends it as the default action would
   (status 128 + SIG); _getpid returns GLUE_PID (1); _fork, _execve and
   _wait fail (ENOSYS, ENOSYS, ECHILD).  The heap grows through
   libhurd-mm's hurd_mm_sbrk.  _exit sends the output files to the host
   first (bootfiles.c).  */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

#include "bootfiles.h"
#include "glue.h"
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

#undef errno
extern int errno;

void _exit (int status) __attribute__ ((noreturn));
int _getpid (void);
int _kill (int pid, int sig);
int _wait (int *status);
int _fork (void);
int _execve (const char *path, char *const argv[], char *const envp[]);
void *_sbrk (ptrdiff_t increment);

void
_exit (int status)
{
  /* Output files go to the host before the program is gone (exit has
     flushed stdio by now).  */
  bootfiles_export ();
  vg_thread_exit (status);
  /* thread_exit failed (the kernel lacks it): say so and spin; nothing
     else is safe in a program that should be gone.  */
  vg_puts ("libc-port: _exit: vg_thread_exit failed\n");
  for (;;)
    __asm__ volatile("pause");
}

int
_getpid (void)
{
  return GLUE_PID;
}

int
_kill (int pid, int sig)
{
  if (pid != GLUE_PID)
    {
      errno = ESRCH;
      return -1;
    }
  if (sig < 0 || sig >= NSIG)
    {
      errno = EINVAL;
      return -1;
    }
  if (sig == 0)
    return 0;
  /* newlib's raise () gets here for signals without a handler: the
     default action, termination.  */
  _exit (128 + sig);
}

int
_wait (int *status)
{
  (void)status;
  errno = ECHILD;
  return -1;
}

int
_fork (void)
{
  errno = ENOSYS;
  return -1;
}

int
_execve (const char *path, char *const argv[], char *const envp[])
{
  (void)path, (void)argv, (void)envp;
  errno = ENOSYS;
  return -1;
}

/* Why important pages could not go to the swap disk, if the swap
   quota is why.  */
static const char *
swap_note (const struct vg_activity_stats *st)
{
  if (st->swap_quota != 0 && st->swap_used >= st->swap_quota)
    return " (its swap quota is full too)";
  return "";
}

/* Say once which limit stopped the heap from growing by INCREMENT: the
   activity's folio quota, an ancestor's (the root task gives a program
   run alone no quota of its own), its frame limit or an ancestor's
   (with the swap quota if that is full), or the machine's free
   memory.  */
static void
oom_report (ptrdiff_t increment)
{
  static int said;
  if (said++)
    return;
  struct vg_activity_stats st;
  vg_error_t why = hurd_mm_last_error;
  char msg[320];
  if (vg_activity_stats (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY), &st) != VG_OK)
    st = (struct vg_activity_stats){ 0 };
  unsigned long mib = (unsigned long)(st.folios_total / 2);
  if (why == VG_EQUOTA && st.folio_quota != 0)
    snprintf (msg, sizeof msg,
              "libc-port: out of memory: the heap cannot grow by %ld bytes: "
              "the program's activity holds %lu of its quota of %lu folios "
              "(%lu MiB; a folio is 512 KiB); raise it with QUOTA= "
              "(make run) or quota= (doc/porting.md)\n",
              (long)increment, (unsigned long)st.folios_total,
              (unsigned long)st.folio_quota,
              (unsigned long)st.folio_quota / 2);
  else if (why == VG_EQUOTA)
    snprintf (msg, sizeof msg,
              "libc-port: out of memory: the heap cannot grow by %ld bytes: "
              "the program holds %lu folios (%lu MiB) and its starter's "
              "quota (the root activity's: the machine's memory) is "
              "reached; give QEMU more with VG_QEMU_MEM (doc/porting.md)\n",
              (long)increment, (unsigned long)st.folios_total, mib);
  else if (why == VG_EFRAMES && st.frame_limit != 0)
    snprintf (msg, sizeof msg,
              "libc-port: out of memory: the heap cannot grow by %ld bytes: "
              "the program's activity holds %lu frames, its frame limit is "
              "%lu frames (%lu MiB) and nothing of its own could be "
              "reclaimed%s; raise it with FRAMES= (make run) or frames= "
              "(doc/porting.md)\n",
              (long)increment, (unsigned long)st.frames_total,
              (unsigned long)st.frame_limit,
              (unsigned long)st.frame_limit / 256, swap_note (&st));
  else if (why == VG_EFRAMES)
    snprintf (msg, sizeof msg,
              "libc-port: out of memory: the heap cannot grow by %ld bytes: "
              "the program holds %lu frames (%lu MiB) and its starter's "
              "frame limit is reached, with nothing of its own to "
              "reclaim%s (doc/reclamation.md)\n",
              (long)increment, (unsigned long)st.frames_total,
              (unsigned long)st.frames_total / 256, swap_note (&st));
  else
    snprintf (msg, sizeof msg,
              "libc-port: out of memory: the heap cannot grow by %ld bytes: "
              "no free memory in the machine (kernel error %d) with %lu "
              "folios (%lu MiB) held; give QEMU more with VG_QEMU_MEM "
              "(doc/porting.md)\n",
              (long)increment, (int)why, (unsigned long)st.folios_total, mib);
  vg_puts (msg);
}

void *
_sbrk (ptrdiff_t increment)
{
  void *old = hurd_mm_sbrk ((intptr_t)increment);
  if (old == (void *)-1 && errno == 0)
    errno = ENOMEM;
  if (old == (void *)-1 && increment > 0)
    oom_report (increment);
  return old;
}
