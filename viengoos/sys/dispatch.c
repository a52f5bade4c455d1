/* The system-call decoder: look the number up in the generated table
   and let the call's decoder convert the registers and invoke the
   handler (see syscall.h).  */
#include "sys/dispatch.h"

const struct syscall_desc *
syscall_lookup (uint64_t nr)
{
  if (nr >= syscall_table_size || syscall_table[nr].decode == NULL)
    return NULL;
  return &syscall_table[nr];
}

uint64_t
syscall_invoke (uint64_t nr, const uint64_t args[6], bool *set_rax)
{
  const struct syscall_desc *d = syscall_lookup (nr);
  *set_rax = true;
  if (d == NULL)
    return VG_ENOSYS;
  uint64_t res = d->decode (args);
  if (d->noreturn && res == VG_OK)
    *set_rax = false;
  return res;
}
