/* System calls for activations: register an area and handler, leave
   activated mode, post a notification (see activation.h).  Each decodes
   every argument, then calls activation.c.  */
#include <arch/layout.h>

#include "activation.h"
#include "cap.h"
#include "folio.h"
#include "object.h"
#include "sys.h"
#include "syscall-handlers.h"

/* The thread ADDR names (VOID: the caller); changing it needs WRITE.  */
static int
act_target (vg_addr_t addr, struct thread **out)
{
  if (addr == VG_ADDR_VOID)
    {
      *out = sys_thread ();
      return VG_OK;
    }
  struct vg_cap *c;
  int err = sys_cap (addr, &c);
  if (err)
    return err;
  struct folio *f;
  unsigned index;
  err = cap_lookup (c, VG_TYPE_THREAD, VG_RIGHT_WRITE, &f, &index);
  if (err)
    return err;
  *out = object_slot_data (f, index - 1);
  return VG_OK;
}

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
  int err = act_target (thread, &t);
  if (err)
    return err;
  return activation_register (t, area, entry, stack);
}

vg_error_t
sys_activation_return (void)
{
  return activation_leave (sys_thread ());
}

vg_error_t
sys_activation_notify (vg_addr_t thread, uint64_t word)
{
  struct thread *t;
  int err = act_target (thread, &t);
  if (err)
    return err;
  const uint64_t arg[3] = { word, sys_thread ()->oid, 0 };
  return activation_post (t, VG_ACT_EV_NOTIFY, arg);
}
