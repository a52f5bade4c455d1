/* System calls: debug output, the host channel, time, yield,
   thread_exit and the entry statistics.  */
#include <vg/exregs.h>
#include <vg/hostchan.h>

#include "escape.h"
#include "kern/entrystat.h"
#include "kern/hostchan.h"
#include "kern/log.h"
#include "exec/sched.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "syscall-handlers.h"

/* One CPU, interrupts off in the kernel: one buffer each suffices.  */
static char buf[VG_DEBUG_WRITE_MAX];
static char shown[ESCAPE_MAX (VG_DEBUG_WRITE_MAX)];

/* Lines one run of debug_write prints (bounded work,
   doc/architecture.md): a prefixed line costs about 1,000 instructions
   and its bytes up to 80 each (escaped), so a run is at most 64 x 1,000
   + VG_DEBUG_WRITE_MAX x 80, about 400 k.  */
#define DEBUG_WRITE_RUN_LINES 64

vg_error_t
sys_debug_write (uaddr_t ubuf, size_t len)
{
  if (len > VG_DEBUG_WRITE_MAX)
    return VG_EINVAL;
  int err = sys_copyin (buf, ubuf, len);
  if (err)
    return err;
  const struct thread *t = sys_thread ();
  /* Each line is prefixed with who printed it, and shown escaped: no
     control byte or escape sequence reaches the console.  */
  size_t i = 0;
  for (unsigned lines = 0; i < len; lines++)
    {
      if (lines == DEBUG_WRITE_RUN_LINES)
        {
          /* Go on from line I in a new run, as `rep' does.  */
          const uint64_t rest[2] = { ubuf + i, len - i };
          sys_restart_args (2, rest);
          return SYS_RESTART;
        }
      size_t j = i;
      while (j < len && buf[j] != '\n')
        j++;
      size_t n = escape_bytes (shown, buf + i, j - i);
      kprintf ("[t%lx a%lx] %.*s\n", t->oid, t->activity.oid, (int)n, shown);
      i = j + 1;
    }
  return VG_OK;
}

static char host_name[VG_HOST_NAME_MAX];
static char host_data[VG_HOST_DATA_MAX];

vg_error_t
sys_host_write (unsigned type, uaddr_t uname, size_t name_len, uaddr_t ubuf,
                size_t len)
{
  if (type == 0 || type >= VG_HOST_KERNEL_TYPES || name_len > VG_HOST_NAME_MAX
      || len > VG_HOST_DATA_MAX)
    return VG_EINVAL;
  int err = sys_copyin (host_name, uname, name_len);
  if (!err)
    err = sys_copyin (host_data, ubuf, len);
  if (err)
    return err;
  if (!hostchan_send (type, host_name, name_len, host_data, len))
    return VG_ENOSYS;
  return VG_OK;
}

vg_error_t
sys_time (uaddr_t ns_out)
{
  uint64_t now = sched_now_ns ();
  return sys_copyout (ns_out, &now, sizeof now);
}

vg_error_t
sys_yield (void)
{
  sched_yield ();
  return VG_OK;
}

vg_error_t
sys_thread_exit (int status)
{
  struct thread *t = sys_thread ();
  log_info ("thread", "thread %#lx (activity %#lx) exited with status %d",
            t->oid, t->activity.oid, status);
  sched_stop (t, VG_STOP_EXIT, status); /* At the way out.  */
  return VG_OK;
}

vg_error_t
sys_entry_stats (uaddr_t out, unsigned flags)
{
  if (flags & ~VG_ENTRY_STATS_RESET)
    return VG_EINVAL;
  if (!entrystat_on)
    return VG_ENOSYS;
  int err
      = sys_copyout (out, entrystat_table (), sizeof (struct vg_entry_stats));
  if (err)
    return err;
  if (flags & VG_ENTRY_STATS_RESET)
    entrystat_reset ();
  return VG_OK;
}
