/* Messengers: IPC endpoints (see doc/ipc.md).

   A messenger object's frame holds two FIFO queues of waiters: threads
   blocked sending (or calling) through it and threads blocked receiving
   from it.  A waiter record (struct messenger_wait) lives on the
   blocked thread's kernel stack for the duration of its system call;
   the thread's IPC pointer (struct thread's ipc) points at it, so the
   record can be unlinked when the thread is destroyed.

   Messages travel in kernel staging areas (struct messenger_msg), also
   on the kernel stacks: the sender copies its message in from its own
   user memory, the partner copies the staging area kernel to kernel,
   and the receiver copies it out in its own context.

   Reply caps.  A messenger_call hands the receiver a one-shot reply
   cap: type VG_TYPE_REPLY, oid = the caller thread's oid, version = a
   nonce drawn for that call.  It is live while that thread exists and
   is waiting for the reply of the call with that nonce; the first reply
   consumes it, and it dies when the caller stops waiting.  The nonce is
   a global 32-bit counter (0 skipped): a stale reply cap could only
   match again after 2^32 further calls, to the same thread slot, while
   that thread waits on exactly that call.

   Bounded delivery.  The receiver stores the message's caps into its
   slots; a store over a cappage cap first unmaps what the caches
   translate through it, at most AS_STORE_CHUNK mappings per run
   (doc/architecture.md, "Bounded work and restart").  A receive that
   finds a queued sender drains its slots before it takes the message,
   restarting while they are not ready (the message stays queued).
   When the message was handed over already (to a waiting receiver, or
   a call's reply), or a slot is found not ready after all, the rest of
   the delivery is kept in the receiving thread (struct
   messenger_pending, struct thread's ipc_pending) and the call
   restarts: run again, it finishes the delivery before anything else
   (sys_ipc.c).  So no message is lost to a restart, and none is
   reported delivered to a thread that could not have it.  The thread
   gets no activation while it has a delivery to finish
   (activation_boundary).  A pending delivery is dropped (a reply cap in
   it fails its call) only when the thread is destroyed or its
   registers are set by thread_exregs (which abandons the call).

   Binding.  A thread bound with messenger_bind gets a
   VG_ACT_EV_MESSAGE activation for each sender that has to queue
   because no receiver waits (sys_ipc.c; doc/ipc.md "Message events").

   This file is host-compiled too: waking threads is left to a hook the
   IPC layer (sys_ipc.c) installs.  Single CPU, interrupts off in the
   kernel: no locks.  */
#ifndef VG_MESSENGER_H
#define VG_MESSENGER_H

#include <vg/cap.h>
#include <vg/msg.h>

#include "types.h"

struct thread;

/* A message in the kernel: data and cap values (not addresses).  */
struct messenger_msg
{
  uint32_t nwords, ncaps;
  uint64_t label;
  uint64_t words[VG_MSG_WORDS];
  struct vg_cap caps[VG_MSG_CAPS];
  struct vg_cap reply; /* A call's reply cap; void otherwise.  */
};

/* What a waiter is doing.  */
#define MESSENGER_WAIT_SEND 1 /* Blocked in messenger_send.  */
#define MESSENGER_WAIT_CALL                                                   \
  2                           /* In messenger_call: sending, then             \
                                 waiting for the reply.  */
#define MESSENGER_WAIT_RECV 3 /* Blocked in messenger_receive.  */

struct messenger_wait
{
  struct messenger_wait *next, *prev; /* On M's queue.  */
  struct messenger *m;                /* The queue it is on, or NULL.  */
  struct thread *t;                   /* The waiting thread.  */
  struct messenger_msg *msg;          /* Its staging area.  */
  uint32_t nonce;                     /* CALL: the reply cap's nonce.  */
  uint8_t kind;                       /* MESSENGER_WAIT_*.  */
  uint8_t taken;   /* A partner took (SEND, CALL) or filled (RECV) MSG.  */
  uint8_t replied; /* CALL: the reply is in MSG.  */
};

struct messenger_queue
{
  struct messenger_wait *head, *tail;
};

struct messenger
{
  struct messenger_queue senders;   /* SEND and CALL waiters.  */
  struct messenger_queue receivers; /* RECV waiters.  */
  /* messenger_bind: the bound thread as a cap value (void: none),
     checked with thread_from_cap at each post, so a destroyed thread is
     never dereferenced; the messenger's address as the binder named it
     and its oid, both reported in the event.  */
  struct vg_cap bound;
  uint64_t bound_addr, bound_oid;
};

_Static_assert(sizeof (struct messenger) <= 4096, "messenger fits");

/* A message taken but not yet fully delivered (see "Bounded delivery"
   above), kept in the receiving thread.  */
struct messenger_pending
{
  struct messenger_msg msg;
  uint8_t kind; /* 0: none; MESSENGER_WAIT_RECV: a received message,
                   for messenger_receive; MESSENGER_WAIT_CALL: a
                   reply, for messenger_call.  */
  uint8_t done; /* What is stored already: bit I for cap I,
                   MESSENGER_DONE_REPLY for the reply cap.  */
};

#define MESSENGER_DONE_REPLY (1u << VG_MSG_CAPS)

/* Drop thread T's pending delivery, if any (T is destroyed, or the call
   it was in abandoned): a reply cap in it not delivered yet fails its
   call, whose caller wakes with VG_EDEADCAP.  */
void messenger_pending_drop (struct thread *t);

void messenger_init (struct messenger *m);

/* Append W to Q of M (W->m = M).  */
void messenger_enqueue (struct messenger *m, struct messenger_queue *q,
                        struct messenger_wait *w);
/* Take the first waiter off Q (NULL if empty).  */
struct messenger_wait *messenger_dequeue (struct messenger_queue *q);
/* Unlink W from the queue it is on, if any.  */
void messenger_unlink (struct messenger_wait *w);

/* M is being destroyed: unlink every waiter and wake it with
   VG_EDEADCAP.  */
void messenger_destroy (struct messenger *m);

/* Kill the call whose reply cap is RC, if it is still waiting: its
   caller wakes with VG_EDEADCAP.  */
void messenger_fail_call (const struct vg_cap *rc);

/* Thread T's kernel context is discarded without unwinding (destroyed,
   or stopped while blocked): unlink its waiter record; a message it was
   handed but never delivered fails its call.  */
void messenger_thread_gone (struct thread *t);

/* Make the reply cap for thread T's call with NONCE.  */
void messenger_reply_cap (const struct thread *t, uint32_t nonce,
                          struct vg_cap *out);
/* The waiter a reply cap designates, or NULL if the cap is dead (its
   thread is gone, not waiting for that call, or already answered).  */
struct messenger_wait *messenger_reply_waiter (const struct vg_cap *c);
/* A fresh nonce (never 0).  */
uint32_t messenger_nonce (void);

/* The messenger C names (cap_object's errors; C must hold RIGHTS).  */
int messenger_from_cap (const struct vg_cap *c, uint8_t rights,
                        struct messenger **out);

#endif
