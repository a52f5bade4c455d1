/* libhurd-mm in a running program (user flavour only): set-up from the
   boot caps and the page-fault handler for the activation runtime (see
   hurd/mm.h and doc/activations.md).  */
#include <act.h>
#include <hurd/anon.h>
#include <hurd/mm.h>
#include <hurd/notice.h>
#include <libvg.h>
#include <vg/boot.h>

/* The runtime builds the normal-mode frame (the event, the registers
   and the FPU image: less than a whole activation area) below the
   interrupted rsp and its red zone, in activated mode, where a fault
   stops the thread.  Make sure the pages it will use are there: the
   interrupted stack is demand-paged anonymous memory too.  Read-only
   regions (the stack's guard) and addresses that are not ours are left
   alone; the runtime reports what still faults.  */
#define NORMAL_FRAME_ROOM (VG_ACT_AREA_SIZE + 1024)
static void
prefault_frame (uint64_t rsp)
{
  for (uint64_t va = (rsp - NORMAL_FRAME_ROOM) & ~4095ull; va < rsp;
       va += 4096)
    if (anon_find (va))
      (void)hurd_mm_fault (va, true, false);
}

/* Faults: resolve anonymous memory through hurd_mm_fault; a page the
   kernel could not give a frame within the frame limit is reported,
   not retried.  A fault on a
   discarded page of a region with a fill callback goes to normal mode
   first, so the callback runs with activations enabled.  Addresses that
   are not ours, and protection faults, are declined: another handler
   may take them, or the runtime reports them as fatal.  */
static int
mm_fault (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  bool discarded = (ev->access & VG_ACT_DISCARDED) != 0;
  bool write = (ev->access & VG_ACT_WRITE) != 0;
  if (discarded && !normal)
    {
      struct anon_region *r = anon_find (ev->addr);
      if (r && r->fill)
        {
          prefault_frame (regs->rsp);
          return ACT_NORMAL;
        }
    }
  vg_error_t err;
  if (ev->cause == VG_EFRAMES && anon_find (ev->addr))
    /* Our page, but the kernel had no frame for it within our frame
       limit and could reclaim nothing of ours: resuming would fault the
       same way, forever.  */
    err = VG_EFRAMES;
  else
    {
      hurd_notice_hold ();
      err = hurd_mm_fault (ev->addr, write, discarded);
      hurd_notice_release ();
    }
  if (err == VG_OK)
    return ACT_HANDLED;
  if (err != VG_EVOID && err != HURD_MM_PROT)
    vg_printf ("hurd_mm: cannot resolve the fault at %#lx: error %d%s\n",
               (unsigned long)ev->addr, err,
               err == VG_EQUOTA    ? " (the folio quota is reached)"
               : err == VG_EFRAMES ? " (the frame limit is reached and "
                                     "nothing of ours could be reclaimed)"
               : err == VG_ENOMEM  ? " (no free frame in the machine)"
                                   : "");
  return ACT_DECLINED;
}

vg_error_t
hurd_mm_start (void)
{
  vg_addr_t act = VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY);
  struct hurd_mm_config c = { .activity = act,
                              .meta_activity = act,
                              .va_lo = HURD_MM_PROG_VA_LO,
                              .va_hi = HURD_MM_VA_HI };
  vg_error_t err = hurd_mm_init (&c);
  if (!err)
    err = act_handler_add (VG_ACT_EV_FAULT, mm_fault);
  if (!err)
    err = hurd_notice_start ();
  return err;
}
