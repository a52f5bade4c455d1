/* Threads: the control block lives in the thread object's frame.

   A thread object owns two frames, both charged to the owner of the
   folio that holds it, exactly like any object's data frame: the object
   frame (struct thread, below) and its kernel stack (KSTACK_FRAME),
   claimed together at creation (object_alloc_cap) and freed together
   when the object dies (object_slot_clear).  The stack's lowest word is
   a canary the scheduler checks on every switch.

   State.  STOPPED (new, stopped by exregs, faulted, or exited: WHY says
   which), RUNNABLE (on a run queue), RUNNING (the current thread),
   BLOCKED (in sched_block).  User registers live in REGS whenever the
   thread is outside user mode at a point where it could be switched
   away (system call, preemption, fault); the path back to user mode
   loads them from there, so exregs may change them.  A thread stops
   only at that boundary: stopping a thread that is inside the kernel
   (blocked or runnable in a system call) sets STOP_PENDING and, if it is
   blocked, wakes it; it stops when it reaches the boundary.  A stopped
   thread's kernel context is discarded: starting it builds a fresh one
   that enters user mode with REGS.

   Legend: [S] scheduler (sched.c); [T] thread.c / exregs; [K] kernel
   stack owner; [W] waitq.c; [P] the IPC calls (sys/sys_ipc.c).  Single CPU,
   interrupts off in the kernel: no locks.  */
#ifndef VG_THREAD_H
#define VG_THREAD_H

#include <arch/context.h>
#include <vg/cap.h>

#include "exec/activation.h"
#include "exec/messenger.h"
#include "mm/as.h"
#include "types.h"

struct folio;
struct messenger_wait;
struct waitq;

/* Run states.  */
#define THREAD_STOPPED 0
#define THREAD_RUNNABLE 1
#define THREAD_RUNNING 2
#define THREAD_BLOCKED 3

/* Why a thread is stopped (ABI values of VG_STOP_* in <vg/exregs.h>).  */
#define THREAD_WHY_NEW 0

#define THREAD_STACK_CANARY 0x5354414b43414e59ull /* "YNACKATS" */

struct thread
{
  struct user_regs regs;      /* [T] User registers (see above).  */
  uint64_t fs_base, gs_base;  /* [T] Loaded on switch-in.  */
  struct arch_context ctx;    /* [S] Kernel context.  */
  struct vg_cap aspace;       /* [T] AS root (a cappage cap) or void.  */
  struct vg_cap activity;     /* [T] Who pays for CPU time and tables.  */
  struct as_cache as;         /* [T] Hardware page-table cache.  */
  uint32_t kstack_frame;      /* [T] Kernel stack frame.  */
  uint8_t state;              /* [S] THREAD_*.  */
  uint8_t why;                /* [S] VG_STOP_* while stopped.  */
  uint8_t stop_pending;       /* [S] Stop at the user boundary.  */
  uint8_t ctx_live;           /* [S] CTX holds a resumable context.  */
  uint8_t fpu_live;           /* [S] FPU holds a saved state.  */
  uint8_t as_live;            /* [T] AS has been initialised.  */
  int8_t priority;            /* [S] Scheduling priority.  */
  uint8_t in_call;            /* [S] Inside a system call (uentry.c).  */
  uint8_t call_abandoned;     /* [S] thread_exregs set its registers
                                 during that call: the call ends without
                                 touching them, and is not run again.  */
  int32_t code;               /* [S] Exit status or exception vector.  */
  int32_t wake_code;          /* [S] What sched_wake passed.  */
  uint64_t deadline;          /* [S] BLOCKED: wake by then (ns).  */
  uint64_t fault_addr;        /* [S] Last fault's address.  */
  struct thread *next;        /* [S] Run queue or blocked list.  */
  struct thread *prev;        /* [S] */
  uint32_t slice;             /* [S] Ticks left in the time slice.  */
  uint32_t reap_batch;        /* [S] Its call committed this reap batch and
                                 runs again until it is released, then returns
                                 REAP_RES (obj/reap.h); 0 if none.  */
  uint64_t reap_res;          /* [S] */
  uint64_t reap_rsp;          /* [S] The call's user rsp and number: an
                                 activation handler's calls meanwhile are not
                                 it.  */
  uint64_t reap_nr;           /* [S] */
  uint64_t cpu_ticks;         /* [S] Ticks this thread ran.  */
  struct waitq *waitq;        /* [W] Wait queue (exec/waitq.h) or NULL.  */
  struct thread *wq_next;     /* [W] */
  struct thread *wq_prev;     /* [W] */
  uint64_t restart_deadline;  /* [S] SYS_RESTART_WAIT: wake by then.  */
  struct messenger_wait *ipc; /* [P] IPC waiter record on the kernel
                                 stack while in an IPC call, or NULL
                                 (messenger.h).  */
  struct messenger_pending ipc_pending; /* [P] A message delivery to
                                          finish (messenger.h).  */
  struct act_state act;                 /* Activations (activation.h).  */
  uint64_t oid; /* [T] The thread object's id (logs, sys_self_hits).  */
  uint8_t fpu[] __attribute__ ((aligned (64)));
};

/* Bytes left for the FPU save area in the object frame.  */
#define THREAD_FPU_ROOM (4096 - sizeof (struct thread))

_Static_assert(sizeof (struct thread) + 512 <= 4096,
               "thread fits its page with at least an FXSAVE area");

/* struct user_regs is the kernel's copy of the ABI's struct vg_act_regs
   (an activation area's REGS and vg_thread_state's REGS): same fields,
   same order, so one copy serves every exchange with user space.  */
_Static_assert(sizeof (struct user_regs) == sizeof (struct vg_act_regs),
               "regs");
_Static_assert(offsetof (struct user_regs, rip)
                   == offsetof (struct vg_act_regs, rip),
               "regs");
_Static_assert(offsetof (struct user_regs, rsp)
                   == offsetof (struct vg_act_regs, rsp),
               "regs");
_Static_assert(offsetof (struct user_regs, r15)
                   == offsetof (struct vg_act_regs, r15),
               "regs");

/* The one copy of T's registers to and from their ABI form; the import
   sanitises rflags (arch_regs_sanitize).  */
static inline void
thread_regs_export (const struct thread *t, struct vg_act_regs *out)
{
  __builtin_memcpy (out, &t->regs, sizeof *out);
}

static inline void
thread_regs_import (struct thread *t, const struct vg_act_regs *in)
{
  __builtin_memcpy (&t->regs, in, sizeof t->regs);
  arch_regs_sanitize (&t->regs);
}

/* Initialise a new thread in its zeroed object frame: stopped, no AS,
   no activity, kernel stack frame KSTACK (already charged).  */
void thread_init (struct thread *t, uint32_t kstack);

/* Before T's destruction commits: unmap up to *BUDGET mappings of its
   address-space cache (as_cache_drain); true once it has none.  */
bool thread_drain (struct thread *t, unsigned *budget);

/* The thread C names (cap_object's errors; C must hold RIGHTS).  */
int thread_from_cap (const struct vg_cap *c, uint8_t rights,
                     struct thread **out);

/* Take a zeroed frame for a new thread's kernel stack (FRAME_NONE if
   none), and attach it to slot S of F, charged like the object frame.  */
uint32_t thread_kstack_alloc (void);
void thread_kstack_attach (struct folio *f, unsigned s, uint32_t frame);

/* The thread in slot S of F is being destroyed (its object frame is
   about to be freed): take it off the scheduler, drop its page tables,
   and free its kernel stack (uncharging F's owner when OWNER_LIVE).  If
   it is the running thread, the stack is freed only after the switch
   away (see sched_exit_dead).  */
void thread_destroy (struct folio *f, unsigned s, bool owner_live);

/* Whether the kernel stack is intact.  */
bool thread_kstack_ok (const struct thread *t);

#endif
