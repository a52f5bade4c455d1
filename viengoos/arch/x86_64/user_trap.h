/* Internal to trap.c and user_trap.c.  */
#ifndef USER_TRAP_H
#define USER_TRAP_H

#include <stdbool.h>

#include <arch/trap.h>

/* If TF is a fault of an iretq returning to user mode, report it as the
   user's fault and return true.  */
bool user_iret_fault (struct trap_frame *tf);

#endif
