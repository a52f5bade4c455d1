/* Linked into a program by `make trace APP=...` (doc/eviction-lab.md,
   "Recording a trace"): before main, ask the kernel to record the
   memory events of the program's own activity (mm_trace) into a buffer
   of VG_TRACE_AUTO_FRAMES frames, which the program's activity pays
   for; at exit, stop, which sends the rest to the host channel.  */
#include <stdio.h>
#include <stdlib.h>
#include <vg/boot.h>
#include <vg/stubs.h>
#include <vg/syscall.h>

static void
trace_auto_stop (void)
{
  vg_error_t err
      = vg_mm_trace (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY), VG_TRACE_STOP, 0);
  if (err)
    fprintf (stderr, "trace-auto: mm_trace stop: error %d\n", (int)err);
}

__attribute__ ((constructor)) static void
trace_auto_start (void)
{
  vg_error_t err = vg_mm_trace (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY),
                                VG_TRACE_START, VG_TRACE_AUTO_FRAMES);
  if (err)
    {
      fprintf (stderr, "trace-auto: mm_trace start: error %d\n", (int)err);
      return;
    }
  atexit (trace_auto_stop);
}
