/* Helpers shared by the system-call handlers (sys_*.c): the calling
   thread, its cap slots, and user memory.  Every handler decodes first
   (all lookups and checks, no state change), then invokes.  */
#ifndef VG_SYS_H
#define VG_SYS_H

#include <vg/addr.h>
#include <vg/cap.h>

#include "sys/dispatch.h"
#include "exec/thread.h"
#include "types.h"

struct activity;

/* The calling thread (never NULL inside a handler).  */
struct thread *sys_thread (void);

/* The activity the caller runs on (the object store's CALLER), or NULL
   if its activity cap is dead.  */
struct activity *sys_activity (void);

/* The slot ADDR names in the caller's tree (as_slot).  */
int sys_slot (vg_addr_t addr, bool write, struct vg_cap **slot);

/* Like sys_slot, but the slot must hold a cap (VG_EVOID otherwise).  */
int sys_cap (vg_addr_t addr, struct vg_cap **slot);

/* The thread ADDR names (VG_ADDR_VOID: the caller), through a cap with
   VG_RIGHT_WRITE if CHANGE.  Errors as sys_cap and cap_lookup.  */
int sys_thread_target (vg_addr_t addr, bool change, struct thread **out);

/* Whether the cap C is live (VG_OK) or why not: the root activity and
   reply caps (messenger.h) included.  */
int sys_live (const struct vg_cap *c);

/* Copy between user and kernel memory: VG_OK or VG_EFAULT.  */
int sys_copyin (void *dst, uaddr_t src, size_t n);
int sys_copyout (uaddr_t dst, const void *src, size_t n);

/* Store CAP into the slot ADDR names, looking the slot up again (the
   call may have destroyed the cappage that held it).  */
void sys_store (vg_addr_t addr, const struct vg_cap *cap);

#endif
