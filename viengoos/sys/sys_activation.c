/* System calls for activations: register an area and handler, leave
   activated mode, post a notification (see activation.h).  Each decodes
   every argument, then calls activation.c.  */
#include <arch/layout.h>

#include "exec/activation.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "sys/sys.h"
#include "syscall-handlers.h"

vg_error_t
sys_activation_register (vg_addr_t thread, uint64_t area, uint64_t entry,
                         uint64_t stack)
{
  if (area
      && ((area & (VG_ACT_AREA_SIZE - 1))
          || area > USER_SPACE_END - VG_ACT_AREA_SIZE || entry == 0
          || entry >= USER_SPACE_END || stack == 0 || (stack & 15)
          || stack > USER_SPACE_END))
    return VG_EINVAL;
  struct thread *t;
  int err = sys_thread_target (thread, true, &t);
  if (err)
    return err;
  return activation_register (t, area, entry, stack);
}

vg_error_t
sys_activation_return (void)
{
  return activation_return (sys_thread ());
}

vg_error_t
sys_activation_notify (vg_addr_t thread, uint64_t word)
{
  struct thread *t;
  int err = sys_thread_target (thread, true, &t);
  if (err)
    return err;
  const uint64_t arg[3] = { word, sys_thread ()->oid, 0 };
  return activation_post (t, VG_ACT_EV_NOTIFY, arg);
}
