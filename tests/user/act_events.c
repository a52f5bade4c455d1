/* Activations without libhurd-mm: event fields, exact resume (every
   register class and the red zone) from activated and normal mode,
   queued notifications in order with the overflow counted, a nested
   fault that stops only its thread, and an unhandled fault that ends
   its thread with ACT_FATAL_STATUS.  Exit status: failed checks.  */
#include <act.h>

#include "act_probe.h"
#include "vgtest.h"

int vgtest_failures;

static volatile struct vg_act_event last;
static volatile unsigned exceptions, faults, normal_runs;
static volatile int want_normal, post_in_handler;
static volatile uint64_t notes[16], note_seq[16];
static volatile unsigned nnotes;
static volatile int post_errs[12];
static volatile int probe_return, return_errs[2];

static int
on_exception (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  if (ev->vector == 0)
    {
      /* Thread "nested": fault inside the handler.  */
      *(volatile int *)0x6000000000ull = 1;
      return ACT_HANDLED;
    }
  if (ev->vector != 6)
    return ACT_DECLINED;
  if (want_normal && !normal)
    return ACT_NORMAL;
  normal_runs += normal;
  exceptions++;
  memcpy ((void *)&last, ev, sizeof *ev);
  /* Clobber registers the interrupted code holds (the runtime must put
     them back).  */
  __asm__ volatile("pxor %%xmm0, %%xmm0; pxor %%xmm7, %%xmm7; std; cld"
                   :
                   :
                   : "xmm0", "xmm7", "cc");
  for (int i = 0; i < post_in_handler; i++)
    post_errs[i] = vg_activation_notify (VG_ADDR_VOID, 100 + i);
  regs->rip += 2; /* Skip ud2.  */
  return ACT_HANDLED;
}

static int
on_fault (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)normal;
  if (ev->addr != PROBE_ADDR)
    return ACT_DECLINED;
  faults++;
  memcpy ((void *)&last, ev, sizeof *ev);
  regs->rip += 9; /* Skip the movabs (a2 + 8-byte address).  */
  return ACT_HANDLED;
}

static int
on_notify (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)regs;
  (void)normal;
  if (probe_return)
    {
      /* activation_return must refuse to resume at a kernel or
         non-canonical rip, and leave us activated.  */
      struct vg_activation_area *a = act_area ();
      uint64_t rip = a->regs.rip;
      a->regs.rip = 0xffffffff80100000ull;
      return_errs[0] = vg_activation_return ();
      a->regs.rip = 0x0000800000000000ull;
      return_errs[1] = vg_activation_return ();
      a->regs.rip = rip;
      probe_return = 0;
      return ACT_HANDLED;
    }
  if (nnotes < 16)
    {
      notes[nnotes] = ev->arg[0];
      note_seq[nnotes++] = ev->seq;
    }
  return ACT_HANDLED;
}

static uint8_t stacks[2][8192] __attribute__ ((aligned (16)));
static struct vg_activation_area areas[2] __attribute__ ((aligned (4096)));
static uint8_t hstacks[2][8192] __attribute__ ((aligned (16)));

static void
nested_thread (void)
{
  if (act_init_thread (&areas[0], hstacks[0], sizeof hstacks[0]) == VG_OK)
    {
      int zero = 0;
      __asm__ volatile("xorl %%edx, %%edx; divl %0"
                       :
                       : "r"(zero)
                       : "eax", "edx");
    }
  vg_thread_exit (99); /* Not reached: the nested fault stops us.  */
}

static void
fatal_thread (void)
{
  if (act_init_thread (&areas[1], hstacks[1], sizeof hstacks[1]) == VG_OK)
    *(volatile int *)0x7000000000ull = 1; /* Nobody handles this.  */
  vg_thread_exit (99);
}

static void
wait_stopped (vg_addr_t t)
{
  for (int i = 0; i < 1000; i++)
    {
      if (VG_THREAD_STATUS_STATE (vgtest_status (t)) == VG_THREAD_STOPPED)
        return;
      vg_yield ();
    }
}

int
main (void)
{
  struct probe p;
  CHECK (act_area () != NULL, 1);
  CHECK (act_handler_add (VG_ACT_EV_EXCEPTION, on_exception), VG_OK);
  CHECK (act_handler_add (VG_ACT_EV_FAULT, on_fault), VG_OK);
  CHECK (act_handler_add (VG_ACT_EV_NOTIFY, on_notify), VG_OK);
  CHECK (act_handler_add (0, on_notify), VG_EINVAL);

  /* ud2, handled in activated mode.  */
  memset (&p, 0, sizeof p);
  act_probe (&p, PROBE_UD2);
  CHECK (exceptions, 1);
  CHECK (last.type, VG_ACT_EV_EXCEPTION);
  CHECK (last.vector, 6);
  CHECK (probe_check (&p, vg_printf), 0);
  CHECK (act_area ()->activated, 0);

  /* A write to an unmapped address: a fault event.  */
  memset (&p, 0, sizeof p);
  act_probe (&p, PROBE_WRITE);
  CHECK (faults, 1);
  CHECK (last.type, VG_ACT_EV_FAULT);
  CHECK (last.vector, 14);
  CHECK (last.addr, PROBE_ADDR);
  CHECK (last.access & (VG_ACT_WRITE | VG_ACT_DISCARDED), VG_ACT_WRITE);
  CHECK (last.cause, VG_EVOID);
  CHECK (probe_check (&p, vg_printf), 0);

  /* The same in normal mode: the frame goes below the red zone.  */
  want_normal = 1;
  memset (&p, 0, sizeof p);
  act_probe (&p, PROBE_UD2);
  want_normal = 0;
  CHECK (normal_runs, 1);
  CHECK (act_stats.normal, 1);
  CHECK (probe_check (&p, vg_printf), 0);

  /* A notification to ourselves arrives before the call returns.  */
  CHECK (vg_activation_notify (VG_ADDR_VOID, 7), VG_OK);
  CHECK (nnotes, 1);
  CHECK (notes[0], 7);

  /* Ten posted while activated: eight queued, two refused and counted;
     the eight arrive in order once the handler is done.  */
  nnotes = 0;
  post_in_handler = 10;
  uint32_t overflow0 = act_area ()->overflow;
  act_probe (&p, PROBE_UD2);
  post_in_handler = 0;
  for (int i = 0; i < 8; i++)
    CHECK (post_errs[i], VG_OK);
  CHECK (post_errs[8], VG_EBUSY);
  CHECK (post_errs[9], VG_EBUSY);
  CHECK (nnotes, 8);
  for (unsigned i = 0; i < nnotes; i++)
    {
      CHECK (notes[i], 100 + i);
      if (i)
        CHECK (note_seq[i] == note_seq[i - 1] + 1, 1);
    }
  CHECK (act_area ()->overflow - overflow0, 2);
  CHECK (probe_check (&p, vg_printf), 0);

  /* Registration errors.  */
  CHECK (vg_activation_register (VG_ADDR_VOID, 0x1234, 0x400000, 0x1000),
         VG_EINVAL);
  CHECK (
      vg_activation_register (VG_ADDR_VOID, 0x3000000000ull, 0x400000, 0x1000),
      VG_EFAULT);
  CHECK (vg_activation_return (), VG_EINVAL); /* Not activated.  */
  probe_return = 1;
  return_errs[0] = return_errs[1] = -1;
  CHECK (vg_activation_notify (VG_ADDR_VOID, 500), VG_OK);
  CHECK (probe_return, 0); /* The handler ran.  */
  CHECK (return_errs[0], VG_EINVAL);
  CHECK (return_errs[1], VG_EINVAL);

  /* Two threads: a nested fault stops only its thread; an unhandled
     fault ends its thread with status 128 + 14.  */
  CHECK (vg_folio_alloc (ROOT_ACT, FREE_CAP (0)), VG_OK);
  void (*fns[2]) (void) = { nested_thread, fatal_thread };
  for (int i = 0; i < 2; i++)
    {
      CHECK (vg_object_alloc (FREE_CAP (0), i, VG_TYPE_THREAD, POLICY_DEFAULT,
                              FREE_CAP (1 + i)),
             VG_OK);
      CHECK (vgtest_start (FREE_CAP (1 + i), fns[i], stacks[i],
                           sizeof stacks[i], ROOT_ACT),
             VG_OK);
      wait_stopped (FREE_CAP (1 + i));
    }
  uint64_t s = vgtest_status (FREE_CAP (1));
  CHECK (VG_THREAD_STATUS_STATE (s), VG_THREAD_STOPPED);
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_ACT_FAULT);
  CHECK (VG_THREAD_STATUS_CODE (s), 14);
  s = vgtest_status (FREE_CAP (2));
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_EXIT);
  CHECK (VG_THREAD_STATUS_CODE (s), ACT_FATAL_STATUS (14));
  /* And we still run.  */
  act_probe (&p, PROBE_UD2);
  CHECK (probe_check (&p, vg_printf), 0);

  vg_printf ("act_events: %d failure(s)\n", vgtest_failures);
  return vgtest_failures;
}
