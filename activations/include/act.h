/* The activation runtime (user side; see doc/activations.md).

   act_init registers the calling thread's activation area and handler
   stack with the kernel (<vg/activation.h>).  When the kernel delivers
   an event, the entry stub (act-entry.S) runs act_dispatch on the
   handler stack in activated mode.  It tries the handlers registered for
   the event's type, newest first:

   * ACT_HANDLED: resume the interrupted state exactly (FPU image, all
     general registers, rflags, rsp, rip; REGS may have been edited);
   * ACT_DECLINED: not mine, try the next one; when none is left the
     event is fatal: a report is printed and the thread exits with
     ACT_FATAL_STATUS (vector);
   * ACT_NORMAL: run this handler again in normal mode.  The runtime
     copies the saved state and the event into a frame on the
     interrupted stack, below its red zone (rsp - 128), or on the
     alternate stack when the fault is on the stack itself, leaves
     activated mode, calls the handler there, and then resumes from the
     frame.  A normal-mode handler may fault, block or take further
     activations.

   Activated-mode handlers run with further events queued by the kernel
   and must not fault: a fault there stops the thread.  */
#ifndef ACT_H
#define ACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vg/activation.h>
#include <vg/error.h>

#define ACT_DECLINED 0
#define ACT_HANDLED 1
#define ACT_NORMAL 2

#define ACT_HANDLERS_PER_TYPE 4
#define ACT_STACK_SIZE 16384
#define ACT_ALTSTACK_SIZE 16384

/* The exit status of a thread killed by an unhandled event: 128 + the
   CPU vector for faults and exceptions (so a page fault is 142), 127
   for other events.  */
#define ACT_FATAL_STATUS(vector) (128 + (int)(vector))

/* A handler: EV is the event, REGS the interrupted state (editable).
   NORMAL says whether it runs in normal mode.  */
typedef int (*act_handler_fn) (struct vg_act_event *ev,
                               struct vg_act_regs *regs, bool normal);

/* Register the calling thread's (the main thread's) static area and
   handler stack.  Called by the start code before main.  */
vg_error_t act_init (void);

/* Register AREA (page-aligned) and the handler stack [STACK, STACK +
   SIZE) for the calling thread, e.g. a thread the program started.  */
vg_error_t act_init_thread (struct vg_activation_area *area, void *stack,
                            size_t size);

/* Add FN for events of TYPE (VG_ACT_EV_*); tried before the handlers
   added earlier.  VG_EINVAL: bad type; VG_ENOMEM: full.  */
vg_error_t act_handler_add (unsigned type, act_handler_fn fn);
/* Remove FN for TYPE (VG_EVOID if it is not there).  */
vg_error_t act_handler_remove (unsigned type, act_handler_fn fn);

/* The area registered last, by act_init or act_init_thread (NULL before
   either): the runtime keeps one, not one per thread.  */
struct vg_activation_area *act_area (void);

/* Events handled in each mode, and fatal events, since start.  Changed
   by handlers behind the interrupted code's back, hence volatile (as is
   anything a program's own handlers change and its main code reads).  */
struct act_stats
{
  uint64_t activated, normal, fatal;
};
extern volatile struct act_stats act_stats;

/* Print the event and the interrupted state on the console.  */
void act_report (const char *why, const struct vg_act_event *ev,
                 const struct vg_act_regs *regs);

#endif
