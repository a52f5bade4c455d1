/* Internal to the activation runtime: the frame a normal-mode handler
   runs with (act.c builds it, act-entry.S resumes from it; its offsets
   reach the assembly through act-offsets.c).  */
#ifndef ACT_FRAME_H
#define ACT_FRAME_H

#include <act.h>

struct act_frame
{
  struct vg_act_event event; /* A copy of the event.  */
  struct vg_act_regs regs;   /* The state to resume.  */
  act_handler_fn fn;         /* The handler to run.  */
  uint32_t fpu_format;       /* VG_ACT_FPU_*.  */
  uint32_t fpu_size;
  uint8_t fpu[] __attribute__ ((aligned (64))); /* The FPU image.  */
};

/* Below the interrupted rsp: the red zone (128 bytes), then the slots
   for rip (rsp - 144) and rflags (rsp - 152) the final resume pops; the
   frame lies below ACT_FRAME_GAP.  */
#define ACT_RED_ZONE 128
#define ACT_RESUME_SLOTS 24
#define ACT_FRAME_GAP (ACT_RED_ZONE + ACT_RESUME_SLOTS)

void act_dispatch (struct vg_activation_area *area, struct vg_act_event *ev);
void act_normal_run (struct act_frame *f);
void act_return_failed (struct vg_activation_area *area, int err)
    __attribute__ ((noreturn));

/* act-entry.S.  */
void act_entry (void);
void act_normal_entry (void);

#endif
