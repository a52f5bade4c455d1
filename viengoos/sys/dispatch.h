/* The system-call decoder.  The calls themselves are defined once, in
   abi/vg/syscalls.def; tools/gen-syscalls derives from it the table of
   decoders (gen/syscall-table.c) and the handler prototypes
   (gen/syscall-handlers.h), one sys_NAME per call, implemented in the
   file of the object type it concerns (STYLE rule 2).

   The architecture's syscall entry saves the user registers and calls
   syscall_invoke with the number (rax) and the six argument registers
   (rdi, rsi, rdx, r10, r8, r9); the result goes back to user rax.  */
#ifndef VG_SYSCALL_KERN_H
#define VG_SYSCALL_KERN_H

#include "types.h"
#include <vg/syscall.h>

/* A user virtual address passed as a system-call argument.  It is an
   integer on purpose: the kernel must never dereference it, only copy
   through it with the usercopy routines, which check it.  */
typedef uint64_t uaddr_t;

/* One entry per call number; a NULL DECODE means no such call.  The
   table is generated from syscalls.def and constant.  */
struct syscall_desc
{
  const char *name; /* the call's name, as in syscalls.def */
  unsigned nargs;   /* how many argument registers it uses */
  bool implemented; /* false: sys_NAME is the VG_ENOSYS default */
  bool noreturn;    /* on success the call replaced the caller's
                       registers (or stopped it): rax is not written */
  uint64_t (*decode) (const uint64_t args[6]); /* see syscall-table.c */
};

extern const struct syscall_desc syscall_table[];
extern const unsigned syscall_table_size;

/* Run call NR with the argument registers ARGS and return its result:
   a vg_error_t, VG_ENOSYS for an unknown number.  *SET_RAX says whether
   the result goes back in rax: false when a noreturn call succeeded
   (its registers are already the caller's new state).  */
uint64_t syscall_invoke (uint64_t nr, const uint64_t args[6], bool *set_rax);

/* The table entry for NR, or NULL if there is no such call.  */
const struct syscall_desc *syscall_lookup (uint64_t nr);

#endif
