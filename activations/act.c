/* The activation runtime: registration, dispatch by event type, the
   switch to normal mode and the fatal report (see act.h).  */
#include <act.h>
#include <libvg.h>

#include "act-frame.h"

volatile struct act_stats act_stats;

static act_handler_fn handlers[VG_ACT_EV_COUNT][ACT_HANDLERS_PER_TYPE];
static unsigned nhandlers[VG_ACT_EV_COUNT];

/* The main thread's area, handler stack and alternate stack.  (Single
   threaded for now: one area is registered per program by act_init.)  */
static struct vg_activation_area main_area __attribute__ ((aligned (4096)));
static uint8_t main_stack[ACT_STACK_SIZE] __attribute__ ((aligned (16)));
static uint8_t alt_stack[ACT_ALTSTACK_SIZE] __attribute__ ((aligned (64)));
static struct vg_activation_area *cur_area;

struct vg_activation_area *
act_area (void)
{
  return cur_area;
}

vg_error_t
act_init_thread (struct vg_activation_area *area, void *stack, size_t size)
{
  uint64_t top = ((uint64_t)stack + size) & ~15ull;
  vg_error_t err = vg_activation_register (VG_ADDR_VOID, (uint64_t)area,
                                           (uint64_t)act_entry, top);
  if (!err)
    cur_area = area;
  return err;
}

vg_error_t
act_init (void)
{
  return act_init_thread (&main_area, main_stack, sizeof main_stack);
}

vg_error_t
act_handler_add (unsigned type, act_handler_fn fn)
{
  if (type == VG_ACT_EV_NONE || type >= VG_ACT_EV_COUNT || !fn)
    return VG_EINVAL;
  if (nhandlers[type] == ACT_HANDLERS_PER_TYPE)
    return VG_ENOMEM;
  handlers[type][nhandlers[type]++] = fn;
  return VG_OK;
}

vg_error_t
act_handler_remove (unsigned type, act_handler_fn fn)
{
  if (type == VG_ACT_EV_NONE || type >= VG_ACT_EV_COUNT)
    return VG_EINVAL;
  for (unsigned i = 0; i < nhandlers[type]; i++)
    if (handlers[type][i] == fn)
      {
        for (; i + 1 < nhandlers[type]; i++)
          handlers[type][i] = handlers[type][i + 1];
        nhandlers[type]--;
        return VG_OK;
      }
  return VG_EVOID;
}

static const char *const type_names[VG_ACT_EV_COUNT]
    = { "none",   "fault",    "exception", "message",
        "notify", "pressure", "discarded" };

void
act_report (const char *why, const struct vg_act_event *ev,
            const struct vg_act_regs *r)
{
  const char *tn = ev->type < VG_ACT_EV_COUNT ? type_names[ev->type] : "?";
  vg_printf ("activation: %s: %s event #%lu: vector %u error %#x addr %#lx "
             "access %#x%s cause %d\n",
             why, tn, (unsigned long)ev->seq, ev->vector, ev->error,
             (unsigned long)ev->addr, ev->access,
             (ev->access & VG_ACT_DISCARDED) ? " (discarded)" : "", ev->cause);
  vg_printf ("  rip %#lx rsp %#lx rflags %#lx\n", (unsigned long)r->rip,
             (unsigned long)r->rsp, (unsigned long)r->rflags);
  vg_printf ("  rax %#lx rbx %#lx rcx %#lx rdx %#lx rsi %#lx rdi %#lx\n",
             (unsigned long)r->rax, (unsigned long)r->rbx,
             (unsigned long)r->rcx, (unsigned long)r->rdx,
             (unsigned long)r->rsi, (unsigned long)r->rdi);
}

static __attribute__ ((noreturn)) void
fatal (const struct vg_act_event *ev, const struct vg_act_regs *regs)
{
  act_stats.fatal++;
  act_report ("unhandled (fatal)", ev, regs);
  int status = ev->type == VG_ACT_EV_FAULT || ev->type == VG_ACT_EV_EXCEPTION
                   ? ACT_FATAL_STATUS (ev->vector)
                   : 127;
  vg_thread_exit (status);
  for (;;)
    __asm__ volatile("ud2");
}

/* Whether EV is a fault on the interrupted thread's own stack.  */
static bool
stack_fault (const struct vg_act_event *ev, const struct vg_act_regs *r)
{
  return ev->type == VG_ACT_EV_FAULT && ev->addr < r->rsp + 256
         && ev->addr + 65536 >= r->rsp;
}

/* Prepare AREA so that activation_return leaves activated mode into
   act_normal_entry with a frame for FN (see act.h).  */
static void
to_normal (struct vg_activation_area *area, const struct vg_act_event *ev,
           act_handler_fn fn)
{
  uint64_t top = stack_fault (ev, &area->regs)
                     ? (uint64_t)alt_stack + sizeof alt_stack
                     : area->regs.rsp - ACT_FRAME_GAP;
  uint64_t size = sizeof (struct act_frame) + area->fpu_size;
  struct act_frame *f = (struct act_frame *)((top - size) & ~63ull);
  f->event = *ev;
  f->regs = area->regs;
  f->fn = fn;
  f->fpu_format = area->fpu_format;
  f->fpu_size = area->fpu_size;
  memcpy (f->fpu, area->fpu, area->fpu_size);
  area->regs.rip = (uint64_t)act_normal_entry;
  area->regs.rsp = (uint64_t)f; /* 16-byte aligned for the call.  */
  area->regs.rdi = (uint64_t)f;
  area->regs.rflags = 0x202;
}

void
act_dispatch (struct vg_activation_area *area, struct vg_act_event *ev)
{
  act_stats.activated++;
  unsigned type = ev->type < VG_ACT_EV_COUNT ? ev->type : VG_ACT_EV_NONE;
  for (unsigned i = nhandlers[type]; i-- > 0;)
    switch (handlers[type][i](ev, &area->regs, false))
      {
      case ACT_HANDLED:
        return;
      case ACT_NORMAL:
        to_normal (area, ev, handlers[type][i]);
        return;
      default:
        break;
      }
  fatal (ev, &area->regs);
}

void
act_normal_run (struct act_frame *f)
{
  act_stats.normal++;
  if (f->fn (&f->event, &f->regs, true) != ACT_HANDLED)
    fatal (&f->event, &f->regs);
}

void
act_return_failed (struct vg_activation_area *area, int err)
{
  vg_printf ("activation: activation_return failed: error %d\n", err);
  fatal (&area->event, &area->regs);
}
