/* Host fake of the one trap hook generic code sets (see the real
   arch/trap.h): the kernel-mode user-fault hook.  */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdbool.h>
#include <stdint.h>

extern bool (*arch_kernel_user_fault) (uint64_t addr, uint64_t error);

#endif
