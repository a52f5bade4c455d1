/* Host: weak stand-ins for the kernel's implemented system-call
   handlers, whose real versions need the running kernel (a scheduler,
   user memory).  The decoder tests override the ones they use.  */
#include "syscall-handlers.h"

#define WEAK __attribute__ ((weak))

WEAK vg_error_t
sys_debug_write (uaddr_t buf, size_t len)
{
  (void)buf;
  (void)len;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_time (uaddr_t ns_out)
{
  (void)ns_out;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_host_write (unsigned type, uaddr_t name, size_t name_len, uaddr_t buf,
                size_t len)
{
  (void)type, (void)name, (void)name_len, (void)buf, (void)len;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_yield (void)
{
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_cap_copy (vg_addr_t src, vg_addr_t dst, unsigned rights_mask)
{
  (void)src;
  (void)dst;
  (void)rights_mask;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_cap_info (vg_addr_t cap, uaddr_t out)
{
  (void)cap;
  (void)out;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_cap_clear (vg_addr_t slot)
{
  (void)slot;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_folio_alloc (vg_addr_t activity, vg_addr_t dst_slot)
{
  (void)activity;
  (void)dst_slot;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_folio_free (vg_addr_t folio)
{
  (void)folio;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_object_alloc (vg_addr_t folio, unsigned slot, unsigned type,
                  unsigned policy, vg_addr_t dst_slot)
{
  (void)folio;
  (void)slot;
  (void)type;
  (void)policy;
  (void)dst_slot;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activity_create (vg_addr_t folio, unsigned slot, vg_addr_t parent,
                     vg_addr_t dst_slot)
{
  (void)folio;
  (void)slot;
  (void)parent;
  (void)dst_slot;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activity_policy_set (vg_addr_t activity, uaddr_t p)
{
  (void)activity;
  (void)p;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activity_stats (vg_addr_t activity, uaddr_t out)
{
  (void)activity;
  (void)out;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activity_destroy (vg_addr_t activity)
{
  (void)activity;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_thread_exit (int status)
{
  (void)status;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_thread_exregs (vg_addr_t thread, unsigned flags, uaddr_t in, uaddr_t out)
{
  (void)thread;
  (void)flags;
  (void)in;
  (void)out;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_messenger_send (vg_addr_t messenger, uaddr_t msg, uint64_t timeout_ns)
{
  (void)messenger;
  (void)msg;
  (void)timeout_ns;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_messenger_receive (vg_addr_t messenger, uaddr_t msg, uint64_t timeout_ns)
{
  (void)messenger;
  (void)msg;
  (void)timeout_ns;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_messenger_call (vg_addr_t messenger, uaddr_t req, uaddr_t reply,
                    uint64_t timeout_ns)
{
  (void)messenger;
  (void)req;
  (void)reply;
  (void)timeout_ns;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_messenger_reply (vg_addr_t reply_cap, uaddr_t msg)
{
  (void)reply_cap;
  (void)msg;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_messenger_bind (vg_addr_t messenger, vg_addr_t thread, unsigned flags)
{
  (void)messenger;
  (void)thread;
  (void)flags;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_object_discard (vg_addr_t page)
{
  (void)page;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activation_register (vg_addr_t thread, uint64_t area, uint64_t entry,
                         uint64_t stack)
{
  (void)thread;
  (void)area;
  (void)entry;
  (void)stack;
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activation_return (void)
{
  return VG_ENOSYS;
}

WEAK vg_error_t
sys_activation_notify (vg_addr_t thread, uint64_t word)
{
  (void)thread;
  (void)word;
  return VG_ENOSYS;
}
