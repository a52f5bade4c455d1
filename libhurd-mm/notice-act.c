/* The activation handler for notices (user flavour only; see
   hurd/notice.h): activated-mode handlers first, then, if any asked
   for it, normal mode.  */
#include <act.h>
#include <hurd/notice.h>

static int
notice_event (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)regs;
  bool other = hurd_notice_dispatch (ev, normal ? HURD_NOTICE_NORMAL : 0);
  return !normal && other ? ACT_NORMAL : ACT_HANDLED;
}

vg_error_t
hurd_notice_start (void)
{
  vg_error_t err = act_handler_add (VG_ACT_EV_DISCARDED, notice_event);
  if (!err)
    err = act_handler_add (VG_ACT_EV_PRESSURE, notice_event);
  return err;
}
