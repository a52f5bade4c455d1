/* Internal to the kernel's x86-64 entry paths (user_glue.c).  */
#ifndef USER_GLUE_H
#define USER_GLUE_H

/* Install the system-call, exception, IRQ-exit and kernel-user-fault
   handlers that connect user threads to the scheduler and the system
   calls.  Call after sched_init.  */
void user_glue_init (void);

#endif
