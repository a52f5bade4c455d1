/* Threads: the control block lives in the thread object's frame.

   For now a thread is storage: room for the full register file and an
   XSAVE area, and the cap of the activity that pays for it.  Scheduling
   and the register save path come with a later issue.  The frame is
   claimed eagerly and zeroed at creation.  */
#ifndef VG_THREAD_H
#define VG_THREAD_H

#include <vg/cap.h>

#include "types.h"

#define THREAD_FPU_AREA 2048 /* XSAVE with AVX fits (832 bytes today).  */

struct thread
{
  uint64_t regs[24];      /* General registers, rip, rflags, segments.  */
  struct vg_cap activity; /* Who pays for this thread.  */
  uint32_t state;         /* THREAD_* state.  */
  uint32_t pad;
  uint8_t fpu[THREAD_FPU_AREA] __attribute__ ((aligned (64)));
};

_Static_assert(sizeof (struct thread) <= 4096, "thread fits its page");

#define THREAD_STOPPED 0

void thread_init (struct thread *t);

#endif
