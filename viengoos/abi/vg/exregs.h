/* Thread state exchanged by thread_exregs ("exchange registers").

   thread_exregs (thread, flags, in, out) first writes the thread's
   current state to OUT (if OUT is not NULL), then applies what FLAGS
   select from IN.  THREAD = VG_ADDR_VOID names the calling thread, which
   is why there is no thread_self call.  FPU/SSE state is not exchanged:
   a new thread starts with the default FPU state.  */
#ifndef VG_EXREGS_H
#define VG_EXREGS_H

#include <stddef.h>
#include <stdint.h>

#include "activation.h"
#include "addr.h"

/* FLAGS bits.  Any other bit, or START with STOP, gives VG_EINVAL.  */
#define VG_EXREGS_SET_REGS 0x1 /* Load rip .. gs_base from IN.  */
#define VG_EXREGS_SET_ASPACE                                                  \
  0x2 /* Root the address space at the cap                                    \
         IN->aspace (a cappage).  */
#define VG_EXREGS_SET_ACTIVITY                                                \
  0x4                       /* Charge the thread to the activity              \
                               cap IN->activity.  */
#define VG_EXREGS_START 0x8 /* Make the thread runnable.  */
#define VG_EXREGS_STOP 0x10 /* Stop the thread.  */
#define VG_EXREGS_ALL 0x1f

/* vg_thread_state.status: bits 7..0 the run state, bits 15..8 why a
   stopped thread stopped (VG_STOP_*), bits 63..32 a code: the exit
   status for VG_STOP_EXIT, the exception vector for VG_STOP_FAULT.
   RUNNING means not stopped (running, runnable or blocked).  */
#define VG_THREAD_STOPPED 0
#define VG_THREAD_RUNNING 1
#define VG_THREAD_STATUS_STATE(s) ((unsigned)((s)&0xff))
#define VG_THREAD_STATUS_WHY(s) ((unsigned)(((s) >> 8) & 0xff))
#define VG_THREAD_STATUS_CODE(s) ((int32_t)((s) >> 32))

/* Why a thread is stopped.  */
#define VG_STOP_NEW 0         /* Never started.  */
#define VG_STOP_EXREGS 1      /* Stopped by thread_exregs.  */
#define VG_STOP_EXIT 2        /* Called thread_exit (code: status).  */
#define VG_STOP_FAULT 3       /* Took an exception (code: vector).  */
#define VG_STOP_NO_ACTIVITY 4 /* Its activity cap died.  */
#define VG_STOP_NO_MEMORY 5   /* No frame for its page tables.  */
#define VG_STOP_ACT_FAULT                                                     \
  6 /* Faulted in activated mode, or its activation                           \
       area could not be written (code: vector). */

struct vg_thread_state
{
  struct vg_act_regs regs; /* rax .. r15, rip, rflags, rsp: the same
                              layout as an activation area's REGS.  */
  uint64_t fs_base, gs_base;
  vg_addr_t aspace;   /* In only: see VG_EXREGS_SET_ASPACE.  Out: VOID.  */
  vg_addr_t activity; /* In only: see VG_EXREGS_SET_ACTIVITY.  Out: VOID. */
  uint64_t status;    /* Out only: VG_THREAD_STOPPED or _RUNNING.  */
};

_Static_assert(sizeof (struct vg_thread_state) == 184, "thread state");
_Static_assert(offsetof (struct vg_thread_state, regs) == 0, "layout");
_Static_assert(offsetof (struct vg_thread_state, fs_base) == 144, "layout");
_Static_assert(offsetof (struct vg_thread_state, aspace) == 160, "layout");
_Static_assert(offsetof (struct vg_thread_state, status) == 176, "layout");

#endif
