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
   VG_RIGHT_WRITE if CHANGE.  Errors as sys_cap and thread_from_cap.  */
int sys_thread_target (vg_addr_t addr, bool change, struct thread **out);

/* Whether the cap C is live (VG_OK) or why not: the root activity and
   reply caps (messenger.h) included.  */
int sys_live (const struct vg_cap *c);

/* Copy between user and kernel memory: VG_OK or VG_EFAULT.  A user page
   on the swap disk is read back first: the fault leaves the thread on
   the page-in's wait queue and the copy returns SYS_RESTART_WAIT
   (sys/restart.h), so the call runs again once the page is in, and a
   buffer that was paged out is never VG_EFAULT (doc/backing-store.md).
   So copy only where running the call again is right: before any
   change, as the only effect of a call that reads, or where the call
   keeps what it did and finishes in the next run (IPC's pending
   delivery).  */
int sys_copyin (void *dst, uaddr_t src, size_t n);
int sys_copyout (uaddr_t dst, const void *src, size_t n);

/* Store CAP into the slot ADDR names, looking the slot up again (the
   call may have destroyed the cappage that held it).  Bounded only if
   sys_slot_ready said so for that slot in the same run.  */
void sys_store (vg_addr_t addr, const struct vg_cap *cap);

/* For a call that will store a result into SLOT after work of its own
   (bounded work, doc/architecture.md): unmap a chunk of what the cap in
   SLOT maps (a cappage's caches, a page's mappings: as_slot_drain,
   AS_STORE_CHUNK).  True only if there was nothing to unmap, so the
   store costs O(1) and the run keeps its whole budget for the rest;
   false: the caller returns SYS_RESTART (nothing visible changed).  */
bool sys_slot_ready (const struct vg_cap *slot);

/* Calls that would destroy or stop their own caller (doc/abi.md, "Calls
   that hit their caller").  sys_self_hits says which of the caller's own
   objects a change would destroy: replacing object SLOT of folio F
   (SLOT < VG_FOLIO_OBJECTS), freeing all of F (SLOT ==
   SYS_WHOLE_FOLIO), or destroying activity A (not the root), each with
   the teardown closure it takes along.  DST, unless VG_ADDR_VOID, is a
   slot the call must store a result into.  Changes nothing.  A call that
   must still deliver a result refuses any hit with VG_EBUSY; a call
   whose request is the destruction goes on, and sys_self_done then
   stops a caller that lost its activity but not its thread.  */
#define SYS_WHOLE_FOLIO 0xffffffffu
#define SYS_HIT_THREAD 1u   /* the calling thread's object */
#define SYS_HIT_ACTIVITY 2u /* the activity it runs on (or an ancestor) */
#define SYS_HIT_PATH 4u     /* a cappage on the path to DST */
struct folio;
unsigned sys_self_hits (struct activity *a, struct folio *f, unsigned slot,
                        vg_addr_t dst);
void sys_self_done (unsigned hits);

/* For the entry path: T's call committed a teardown (T->reap_batch,
   obj/reap.h).  With WORK, release a chunk of the reap queue
   (OBJ_DRAIN_CHUNK units) first.  Then SYS_RESTART while the batch is
   not released, else the call's result T->reap_res (and T waits for
   no batch any more).  */
uint64_t sys_reap_resume (struct thread *t, bool work);

#endif
