/* Activations: how the kernel tells a thread about an event (a fault it
   could not resolve, another exception, a message, a notification, and
   memory pressure and availability).  See doc/activations.md.

   A thread registers an activation area (one page of its own memory,
   struct vg_activation_area), a handler entry and a handler stack with
   activation_register.  The kernel keeps its own copy of these and of
   the activated-mode flag; the area is only ever written by the kernel
   through copy_to_user, and read back (activation_return) with every
   value checked.

   Delivery.  When an event is for a thread in normal mode, the kernel
   saves the interrupted user state in the area (REGS, and FPU with the
   image format in FPU_FORMAT), writes the event into EVENT, sets
   activated mode (ACTIVATED = 1) and enters the handler: rip = the
   entry, rsp = the handler stack, rdi = the area, rsi = &area->event,
   rflags = IF only.  The FPU registers still hold the interrupted state.

   Activated mode.  Asynchronous events (messages, notifications,
   pressure) arriving then are queued in QUEUE, in order; if the ring is
   full they are counted in OVERFLOW, never dropped silently.  A
   synchronous event (a fault) in activated mode is a nested fault: the
   thread is stopped (VG_STOP_ACT_FAULT) and the fault logged.

   Leaving.  The runtime restores the FPU image itself (fxrstor/xrstor
   from FPU), then calls activation_return: if an event is queued the
   kernel dequeues it into EVENT and re-enters the handler (the saved
   state stays as it is), otherwise it clears activated mode and resumes
   REGS (rflags masked to the user bits, rip and rsp checked).  The
   handler may edit REGS to resume elsewhere.  */
#ifndef VG_ACTIVATION_H
#define VG_ACTIVATION_H

#include <stddef.h>
#include <stdint.h>

#define VG_ACT_AREA_SIZE 4096
#define VG_ACT_QUEUE_LEN 8 /* Queued events (a power of two).  */
#define VG_ACT_FPU_OFFSET 1024
#define VG_ACT_FPU_ROOM (VG_ACT_AREA_SIZE - VG_ACT_FPU_OFFSET)

/* Event types.  */
#define VG_ACT_EV_NONE 0
#define VG_ACT_EV_FAULT 1     /* Page fault as_fault could not resolve.  */
#define VG_ACT_EV_EXCEPTION 2 /* Any other CPU exception.  */
#define VG_ACT_EV_MESSAGE                                                     \
  3 /* A sender queued on a messenger bound                                   \
       with messenger_bind (arg[0]: its                                       \
       address as bound, arg[1]: its oid,                                     \
       arg[2]: the sender thread's oid).  */
#define VG_ACT_EV_NOTIFY                                                      \
  4 /* activation_notify (arg[0]: the word,                                   \
       arg[1]: the sender thread's oid).  */
#define VG_ACT_EV_PRESSURE                                                    \
  5 /* Memory pressure or availability of an                                  \
       activity the thread subscribed to                                      \
       (activity_notices; arg[0]:                                             \
       VG_ACT_PRESSURE_*, arg[1..2] payload).  */
#define VG_ACT_EV_DISCARDED                                                   \
  6 /* Objects of an activity the reclaimer                                   \
       discarded (activity_notices; arg[0]: the                               \
       first oid of a run of consecutive oids,                                \
       arg[1]: how many, arg[2]: on the last                                  \
       event of a pass, how many discarded                                    \
       objects were not listed).  */
#define VG_ACT_EV_COUNT 7

/* VG_ACT_EV_PRESSURE's arg[0].  RECLAIM: free arg[1] frames (of the
   activity's own) by arg[2], in ns of guest time (the time call's
   clock); nothing is taken from it before then.  AVAIL: arg[1] frames
   are available to it now (doc/reclamation.md "Availability"); arg[2]
   is how many it holds (frames_total).  */
#define VG_ACT_PRESSURE_RECLAIM 1
#define VG_ACT_PRESSURE_AVAIL 2

/* Fault access bits (vg_act_event.access).  */
#define VG_ACT_READ 0x1
#define VG_ACT_WRITE 0x2
#define VG_ACT_EXEC 0x4
#define VG_ACT_DISCARDED 0x8 /* The page's contents were discarded.  */
#define VG_ACT_PRESENT 0x10  /* A protection fault, not "not mapped".  */

/* FPU image formats (vg_activation_area.fpu_format).  */
#define VG_ACT_FPU_FXSAVE 1 /* fxsave64 image, 512 bytes.  */
#define VG_ACT_FPU_XSAVE                                                      \
  2 /* xsave64 standard-format image; restore with                            \
       xrstor64 and edx:eax = all ones.  */

struct vg_act_regs
{
  uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
  uint64_t rip, rflags, rsp;
};

struct vg_act_event
{
  uint32_t type;   /* VG_ACT_EV_*.  */
  uint32_t access; /* Faults: VG_ACT_* bits.  */
  uint64_t seq;    /* Per-thread event number, from 1, in order.  */
  uint64_t addr;   /* Faults: the address.  */
  uint32_t vector; /* Faults and exceptions: the CPU vector.  */
  uint32_t error;  /* Faults and exceptions: the hardware error code.  */
  int32_t cause;   /* Faults: why the kernel could not resolve it (a
                      vg_error_t: VG_EVOID, VG_EPERM, VG_ENOMEM...).  */
  uint32_t reserved;
  uint64_t arg[3]; /* Messages, notifications, pressure (see above).  */
};

struct vg_activation_area
{
  /* Written by the kernel: mirrors of its own state.  */
  uint32_t activated;  /* 1 while in activated mode.  */
  uint32_t fpu_format; /* VG_ACT_FPU_*: the image in FPU.  */
  uint32_t fpu_size;   /* Bytes of the image.  */
  uint32_t queued;     /* Events in QUEUE now.  */
  uint32_t head;       /* Index of the oldest queued event.  */
  uint32_t overflow;   /* Asynchronous events that did not fit.  */
  uint64_t delivered;  /* Events delivered so far.  */
  uint64_t entry;      /* The registered handler entry.  */
  uint64_t stack;      /* The registered handler stack (top).  */
  uint64_t reserved0[2];
  struct vg_act_regs regs; /* The interrupted state (at 64).  */
  uint64_t reserved1[6];
  struct vg_act_event event;                   /* The event (at 256).  */
  struct vg_act_event queue[VG_ACT_QUEUE_LEN]; /* The ring (at 320).  */
  uint64_t runtime[24]; /* The user runtime's own words (at 832); the
                           kernel never touches them.  */
  uint8_t fpu[VG_ACT_FPU_ROOM] __attribute__ ((aligned (64)));
};

_Static_assert(sizeof (struct vg_act_regs) == 144, "act regs");
_Static_assert(sizeof (struct vg_act_event) == 64, "act event");
_Static_assert(offsetof (struct vg_act_event, addr) == 16, "layout");
_Static_assert(offsetof (struct vg_act_event, arg) == 40, "layout");
_Static_assert(offsetof (struct vg_activation_area, regs) == 64, "layout");
_Static_assert(offsetof (struct vg_activation_area, event) == 256, "layout");
_Static_assert(offsetof (struct vg_activation_area, queue) == 320, "layout");
_Static_assert(offsetof (struct vg_activation_area, runtime) == 832, "layout");
_Static_assert(offsetof (struct vg_activation_area, fpu) == VG_ACT_FPU_OFFSET,
               "layout");
_Static_assert(sizeof (struct vg_activation_area) == VG_ACT_AREA_SIZE,
               "one page");
_Static_assert((VG_ACT_QUEUE_LEN & (VG_ACT_QUEUE_LEN - 1)) == 0, "ring");

#endif
