/* The system-call instruction, for the user-side stubs in <vg/stubs.h>.

   Convention (x86-64, `syscall`): the call number in rax, up to six
   arguments in rdi, rsi, rdx, r10, r8, r9 (r10 instead of rcx, which
   `syscall` overwrites), the result, a vg_error_t, in rax.  Every argument
   is a 64-bit register: pointers and vg_addr_t as they are, unsigned
   values zero-extended, signed values sign-extended; the kernel rejects a
   32-bit argument whose upper half disagrees with VG_EINVAL.  rcx and r11
   are destroyed by `syscall`; the stubs also treat the argument registers
   as destroyed, so the kernel may leave anything in them (it never leaks
   kernel data there).  Unused argument registers are passed as zero.

   A test may define VG_SYSCALL_TRAP to its own function of the same
   signature before including <vg/stubs.h>, to run the stubs on the host
   without a kernel.  */
#ifndef VG_SYSCALL_TRAP_H
#define VG_SYSCALL_TRAP_H

#include <stdint.h>

#ifndef VG_SYSCALL_TRAP
static inline uint64_t
vg_syscall_trap (uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, uint64_t a5)
{
  register uint64_t r10 __asm__("r10") = a3;
  register uint64_t r8 __asm__("r8") = a4;
  register uint64_t r9 __asm__("r9") = a5;
  __asm__ volatile("syscall"
                   : "+a"(nr), "+D"(a0), "+S"(a1), "+d"(a2), "+r"(r10),
                     "+r"(r8), "+r"(r9)
                   :
                   : "rcx", "r11", "memory");
  return nr;
}
#define VG_SYSCALL_TRAP vg_syscall_trap
#endif

#endif
