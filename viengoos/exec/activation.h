/* Activations, kernel side: delivering events to a thread's handler
   (see <vg/activation.h> and doc/activations.md).

   Model.  A thread with an activation area registered gets its
   unresolved faults, other exceptions and posted events (notifications,
   messages on a bound messenger; later memory pressure) as
   activations: the kernel saves the interrupted user state (REGS and
   FPU) into the area, writes the event, sets activated mode and enters
   the handler.  The kernel's copy
   of the registration and of the activated-mode flag (struct act_state,
   in struct thread) is authoritative; the area is user memory, written
   only through copy_to_user and read back with every value checked.

   Queueing.  Posted (asynchronous) events go into a kernel-side FIFO of
   VG_ACT_QUEUE_LEN entries: the poster is usually another thread, whose
   address space is not the target's.  They are delivered at the
   target's next return to user mode in normal mode, or by
   activation_return when it leaves activated mode.  A full queue counts
   the event in OVERFLOW and refuses it (VG_EBUSY): nothing is lost
   silently.  A synchronous event (exception) in activated mode is a
   nested fault: the thread is stopped (VG_STOP_ACT_FAULT).

   Legend: [T] changed by the thread's own system calls and exceptions
   (it is current); [P] also by activation_post from any thread.  Single
   CPU, interrupts off in the kernel: no locks.  */
#ifndef VG_ACTIVATION_KERNEL_H
#define VG_ACTIVATION_KERNEL_H

#include <vg/activation.h>

#include "types.h"

struct thread;
struct user_regs;

struct act_qent
{
  uint32_t type; /* VG_ACT_EV_*.  */
  uint32_t pad;
  uint64_t seq;    /* Its sequence number, taken when posted.  */
  uint64_t arg[3]; /* The event's arguments.  */
};

struct act_state
{
  uint64_t area;         /* [T] User address of the area; 0: none.  */
  uint64_t entry, stack; /* [T] Handler entry and stack top.  */
  uint64_t seq;          /* [P] Last event number handed out.  */
  uint64_t delivered;    /* [T] Events delivered.  */
  uint32_t overflow;     /* [P] Posted events refused (queue full).  */
  uint64_t ready_gen;    /* [T] pt_unmap_gen + 1 when the area was last
                            seen mapped writable; 0: not known.  */
  uint8_t activated;     /* [T] In activated mode.  */
  uint8_t head, count;   /* [P] The queue.  */
  struct act_qent queue[VG_ACT_QUEUE_LEN]; /* [P] */
};

/* What the exception path passes for a fault or exception.  */
struct act_fault
{
  uint32_t vector, error; /* CPU vector and error code.  */
  uint64_t addr;          /* Page faults: cr2.  */
  int32_t cause;          /* Page faults: as_fault's error.  */
  uint32_t access;        /* VG_ACT_* bits.  */
  bool page_fault;        /* A page fault (arch_fault_decode).  */
};

/* T (the current thread) took an exception with user state T->regs.
   If it has an activation area and is in normal mode, deliver it: on
   VG_OK, T->regs enter the handler.  VG_EINVAL: no area (the caller
   stops the thread as before).  Otherwise (nested fault, area not
   writable) the thread has been stopped with VG_STOP_ACT_FAULT and the
   reason logged.  SWAPOBJ_WAIT and OBJ_NOFRAME as for as_fault: nothing
   was delivered yet.  */
int activation_fault (struct thread *t, const struct act_fault *f);

/* Post an asynchronous event of TYPE with ARG to T (any thread; the
   caller may be another thread or none).  VG_EINVAL: T has no area.
   VG_EBUSY: queue full (counted in overflow).  A blocked T is woken with
   VG_EINTR so it reaches its boundary.  */
int activation_post (struct thread *t, uint32_t type, const uint64_t arg[3]);

/* T (current) is about to return to user mode with T->regs: deliver the
   oldest queued event if it is in normal mode.  Called by the
   system-call, interrupt and exception return paths.  VG_OK, or
   OBJ_NOFRAME (obj/room.h): the area's page needs room first; nothing
   was delivered, and the entry path makes room and calls it again.  */
int activation_boundary (struct thread *t);

/* The system calls' invoke halves (sys_activation.c decodes).  */
int activation_register (struct thread *t, uint64_t area, uint64_t entry,
                         uint64_t stack);
int activation_return (struct thread *t);

#endif
