/* System calls on messengers: send, receive, call, reply (see
   doc/ipc.md and messenger.h).

   Rights: sending and calling need any live messenger cap; receiving
   needs VG_RIGHT_WRITE (a server hands out read-only caps to clients).
   A reply cap needs no right.  Binding a thread (messenger_bind) needs
   WRITE on the messenger and on the thread; a bound thread gets
   VG_ACT_EV_MESSAGE for each sender that queues (notify_bound).  Caps travel
   as values: the sender's cap is copied as is, so rights never grow.

   Each handler decodes first (messenger cap, message bytes, cap slots,
   the receive buffer's writability) and changes nothing before all of
   it succeeded.  Blocking: the waiter record and staging area live on
   the blocked thread's kernel stack; the partner's state (TAKEN,
   REPLIED), not the wake-up code, says whether a hand-over happened, so
   a timeout that races with a hand-over cannot lose a message.

   Bounded delivery (messenger.h): storing a cap over a slot that holds
   a cappage cap first drains the caches translating through it, at most
   AS_STORE_CHUNK mappings per run.  A receive drains the slots a queued
   sender's message will fill before taking it (restarting while they
   are not ready); a delivery that runs out of budget after the message
   was taken keeps the rest in the thread (ipc_pending) and restarts,
   and the call run again finishes it (resume).  */
#include "exec/activation.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "kstring.h"
#include "mm/as.h"
#include "exec/messenger.h"
#include "obj/object.h"
#include "kern/panic.h"
#include "exec/sched.h"
#include "sys/restart.h"
#include "sys/sys.h"
#include "syscall-handlers.h"

static uint64_t
deadline_of (uint64_t timeout_ns)
{
  if (timeout_ns == 0 || timeout_ns == UINT64_MAX)
    return timeout_ns;
  uint64_t now = sched_now_ns ();
  return timeout_ns >= UINT64_MAX - now ? UINT64_MAX : now + timeout_ns;
}

/* The messenger ADDR designates, with at least RIGHTS; its oid in *OID
   if OID is not NULL.  */
static int
messenger_at (vg_addr_t addr, uint8_t rights, struct messenger **out,
              uint64_t *oid)
{
  struct vg_cap *c;
  int err = sys_cap (addr, &c);
  if (!err)
    err = messenger_from_cap (c, rights, out);
  if (err)
    return err;
  if (oid)
    *oid = c->oid;
  return VG_OK;
}

/* A sender is about to queue on M (no receiver waits): post
   VG_ACT_EV_MESSAGE to M's bound thread, if any.  The binding is a cap
   value checked here, so a destroyed thread is simply dropped.  A
   thread without an activation area is not told (it may still receive
   in normal mode).  VG_EBUSY: the thread's event queue is full (the
   event is counted in its OVERFLOW); the sender then does not queue,
   so no message waits without its event.  */
static int
notify_bound (struct messenger *m)
{
  struct thread *t;
  if (m->bound.type == VG_TYPE_VOID)
    return VG_OK;
  if (thread_from_cap (&m->bound, 0, &t) != VG_OK)
    {
      cap_void (&m->bound);
      return VG_OK;
    }
  const uint64_t arg[3] = { m->bound_addr, m->bound_oid, sys_thread ()->oid };
  return activation_post (t, VG_ACT_EV_MESSAGE, arg) == VG_EBUSY ? VG_EBUSY
                                                                 : VG_OK;
}

/* Copy the message at UMSG into ST, resolving its caps in the caller's
   space.  */
static int
stage_in (uaddr_t umsg, struct messenger_msg *st)
{
  struct vg_msg um;
  int err = sys_copyin (&um, umsg, sizeof um);
  if (err)
    return err;
  if (um.nwords > VG_MSG_WORDS || um.ncaps > VG_MSG_CAPS)
    return VG_EINVAL;
  memset (st, 0, sizeof *st);
  for (unsigned i = 0; i < um.ncaps; i++)
    {
      struct vg_cap *slot;
      err = sys_cap (um.caps[i], &slot);
      if (!err)
        err = sys_live (slot);
      if (err)
        return err;
      st->caps[i] = *slot;
    }
  st->nwords = um.nwords;
  st->ncaps = um.ncaps;
  st->label = um.label;
  memcpy (st->words, um.words, um.nwords * sizeof um.words[0]);
  return VG_OK;
}

/* Read the receive buffer at UMSG into UM and check it: writable, at
   most VG_MSG_CAPS offered slots, each void or a slot the caller may
   store into; the reply slot too if WANT_REPLY.  */
static int
check_buffer (uaddr_t umsg, struct vg_msg *um, bool want_reply)
{
  int err = sys_copyin (um, umsg, sizeof *um);
  if (!err)
    err = sys_copyout (umsg, um, sizeof *um); /* Same bytes: writable?  */
  if (err)
    return err;
  if (um->ncaps > VG_MSG_CAPS)
    return VG_EINVAL;
  if (!want_reply)
    um->reply = VG_ADDR_VOID;
  struct vg_cap *slot;
  for (unsigned i = 0; i < um->ncaps && !err; i++)
    if (um->caps[i] != VG_ADDR_VOID)
      err = sys_slot (um->caps[i], true, &slot);
  if (!err && um->reply != VG_ADDR_VOID)
    err = sys_slot (um->reply, true, &slot);
  return err;
}

/* Drain, and if STORE store, the slots that delivering ST into the
   buffer UM (read by check_buffer) fills: each offered slot that gets a
   cap, then the reply slot if ST carries a reply cap; those in *DONE
   are skipped, and each one stored is added to it.  A slot that can no
   longer be found is skipped silently (and counts as done).  At most
   *BUDGET mappings are unmapped in all (as_slot_drain).  True when
   every slot is ready (and, if STORE, stored); false when the budget
   ran out first.  */
static bool
store_caps (const struct vg_msg *um, const struct messenger_msg *st,
            uint8_t *done, unsigned *budget, bool store)
{
  for (unsigned i = 0; i <= VG_MSG_CAPS; i++)
    {
      uint8_t bit = (uint8_t)(1u << i);
      vg_addr_t addr;
      const struct vg_cap *cap;
      if (i < VG_MSG_CAPS)
        {
          if (i >= st->ncaps || i >= um->ncaps)
            continue;
          addr = um->caps[i];
          cap = &st->caps[i];
        }
      else
        {
          if (st->reply.type != VG_TYPE_REPLY)
            continue;
          addr = um->reply;
          cap = &st->reply;
        }
      struct vg_cap *slot;
      if ((*done & bit) || addr == VG_ADDR_VOID)
        continue;
      if (sys_slot (addr, true, &slot) == VG_OK)
        {
          if (!as_slot_drain (slot, budget))
            return false;
          if (store)
            as_slot_store (slot, cap);
        }
      if (store)
        *done |= bit;
    }
  return true;
}

/* Deliver ST into the caller's buffer UM (read by check_buffer) at
   UMSG, for a call of KIND (MESSENGER_WAIT_RECV or _CALL): caps into
   the offered slots not in DONE, the reply cap into UM->reply, then the
   data.  If the stores' drain runs out of *BUDGET, ST and what is done
   become the caller's pending delivery and SYS_RESTART is returned:
   the call run again finishes it (resume).  */
static int
deliver (uaddr_t umsg, struct vg_msg *um, const struct messenger_msg *st,
         uint8_t kind, uint8_t done, unsigned *budget)
{
  struct messenger_pending *p = &sys_thread ()->ipc_pending;
  int err = SYS_RESTART;
  if (store_caps (um, st, &done, budget, true))
    {
      um->nwords = st->nwords;
      um->ncaps = st->ncaps;
      um->label = st->label;
      memcpy (um->words, st->words, sizeof um->words);
      /* A buffer page on the swap disk: wait for it with the delivery
         pending (every cap stored), and finish in the next run.  */
      err = sys_copyout (umsg, um, sizeof *um);
    }
  if (err == SYS_RESTART || err == SYS_RESTART_WAIT)
    {
      if (st != &p->msg)
        p->msg = *st;
      p->kind = kind;
      p->done = done;
      return err;
    }
  p->kind = 0;
  if (st->reply.type == VG_TYPE_REPLY && um->reply == VG_ADDR_VOID)
    messenger_fail_call (&st->reply); /* Nobody could ever answer it.  */
  return err;
}

/* The caller has a pending delivery for a call of KIND (a run of this
   call took the message, then restarted), into its buffer at UMSG:
   finish it.  The buffer is read and checked again; if it is no longer
   valid, the message is dropped (as when the final copy-out fails) and
   the error returned.  The call's other arguments are not looked at:
   the message was taken already.  */
static int
resume (uint8_t kind, uaddr_t umsg, bool want_reply)
{
  struct thread *t = sys_thread ();
  struct messenger_pending *p = &t->ipc_pending;
  struct vg_msg um;
  int err = check_buffer (umsg, &um, want_reply);
  if (err == SYS_RESTART_WAIT)
    return err; /* The buffer is being paged in: still pending.  */
  if (err)
    {
      messenger_pending_drop (t);
      return err;
    }
  unsigned budget = AS_STORE_CHUNK;
  return deliver (umsg, &um, &p->msg, kind, p->done, &budget);
}

/* Receivers whose activity is gone that one send or call stops before
   it restarts (the bound on its work; sys/restart.h).  */
#define IPC_DEAD_RECEIVERS 8

/* The first receiver waiting on M that can take a message, in *OUT
   (NULL if none waits).  A receiver whose thread's activity is gone
   could never run to deliver it: it is stopped (VG_STOP_NO_ACTIVITY, as
   its next tick would) and never handed a message, so no sender is told
   VG_OK for a message nobody can have.  Stopping one is cleanup no user
   can tell from the tick doing it; after IPC_DEAD_RECEIVERS of them the
   caller restarts (SYS_RESTART).  */
static int
live_receiver (struct messenger *m, struct messenger_wait **out)
{
  for (unsigned n = 0; n < IPC_DEAD_RECEIVERS; n++)
    {
      struct messenger_wait *r = messenger_dequeue (&m->receivers);
      struct activity *a;
      if (!r || activity_from_cap (&r->t->activity, 0, &a) == VG_OK)
        {
          *out = r;
          return VG_OK;
        }
      sched_stop (r->t, VG_STOP_NO_ACTIVITY, 0);
    }
  return SYS_RESTART;
}

/* Hand the message of sender W to the waiting receiver R.  */
static void
give (struct messenger_wait *w, struct messenger_wait *r)
{
  *r->msg = *w->msg;
  r->taken = 1;
  w->taken = 1;
  sched_wake (r->t, VG_OK);
}

/* Take the message of the queued sender S into ST.  A plain sender is
   done and woken; a caller stays blocked for its reply.  */
static void
take (struct messenger_wait *s, struct messenger_msg *st)
{
  *st = *s->msg;
  s->taken = 1;
  if (s->kind == MESSENGER_WAIT_SEND)
    sched_wake (s->t, VG_OK);
}

/* Queue W on Q of M (unless Q is NULL) and block until TAKEN (or
   REPLIED for a call) or an error.  The partner's flags decide the
   outcome.  */
static int
wait_on (struct messenger *m, struct messenger_queue *q,
         struct messenger_wait *w, uint64_t deadline)
{
  if (q)
    messenger_enqueue (m, q, w);
  int err = VG_OK;
  while (!(w->kind == MESSENGER_WAIT_CALL ? w->replied : w->taken))
    if ((err = sched_block (deadline)) != VG_OK)
      break;
  messenger_unlink (w);
  return err;
}

vg_error_t
sys_messenger_send (vg_addr_t messenger, uaddr_t msg, uint64_t timeout_ns)
{
  struct messenger *m;
  struct messenger_msg st;
  int err = messenger_at (messenger, 0, &m, NULL);
  if (!err)
    err = stage_in (msg, &st);
  if (err)
    return err;
  struct thread *t = sys_thread ();
  struct messenger_wait w
      = { .t = t, .msg = &st, .kind = MESSENGER_WAIT_SEND };
  struct messenger_wait *r;
  if ((err = live_receiver (m, &r)) != VG_OK)
    return err;
  if (r)
    {
      give (&w, r);
      return VG_OK;
    }
  uint64_t deadline = deadline_of (timeout_ns);
  if (deadline == 0)
    return VG_ETIMEDOUT;
  if ((err = notify_bound (m)) != VG_OK)
    return err;
  t->ipc = &w;
  err = wait_on (m, &m->senders, &w, deadline);
  t->ipc = NULL;
  return w.taken ? VG_OK : err;
}

vg_error_t
sys_messenger_receive (vg_addr_t messenger, uaddr_t msg, uint64_t timeout_ns)
{
  struct thread *t = sys_thread ();
  if (t->ipc_pending.kind == MESSENGER_WAIT_RECV)
    return resume (MESSENGER_WAIT_RECV, msg, true);
  /* A reply pending for a messenger_call is another call's (a fault
     handler run between its runs, messenger.h): dropped.  */
  messenger_pending_drop (t);
  struct messenger *m;
  struct vg_msg um;
  int err = messenger_at (messenger, VG_RIGHT_WRITE, &m, NULL);
  if (!err)
    err = check_buffer (msg, &um, true);
  if (err)
    return err;
  struct messenger_msg st;
  struct messenger_wait w
      = { .t = t, .msg = &st, .kind = MESSENGER_WAIT_RECV };
  unsigned budget = AS_STORE_CHUNK;
  struct messenger_wait *s = m->senders.head;
  if (s)
    {
      /* Make its slots ready first, so that the message stays queued
         while we drain.  */
      uint8_t none = 0;
      if (!store_caps (&um, s->msg, &none, &budget, false))
        return SYS_RESTART;
      messenger_unlink (s);
      take (s, &st);
    }
  else
    {
      uint64_t deadline = deadline_of (timeout_ns);
      if (deadline == 0)
        return VG_ETIMEDOUT;
      t->ipc = &w;
      err = wait_on (m, &m->receivers, &w, deadline);
      t->ipc = NULL;
      if (!w.taken)
        return err;
    }
  return deliver (msg, &um, &st, MESSENGER_WAIT_RECV, 0, &budget);
}

vg_error_t
sys_messenger_call (vg_addr_t messenger, uaddr_t req, uaddr_t reply,
                    uint64_t timeout_ns)
{
  struct thread *t = sys_thread ();
  if (t->ipc_pending.kind == MESSENGER_WAIT_CALL)
    return resume (MESSENGER_WAIT_CALL, reply, false); /* Not sent again.  */
  messenger_pending_drop (t); /* Another call's, as in receive.  */
  struct messenger *m;
  struct messenger_msg st;
  struct vg_msg um;
  int err = messenger_at (messenger, 0, &m, NULL);
  if (!err)
    err = stage_in (req, &st);
  if (!err)
    err = check_buffer (reply, &um, false);
  if (err)
    return err;
  uint64_t deadline = deadline_of (timeout_ns);
  struct messenger_wait w = { .t = t,
                              .msg = &st,
                              .nonce = messenger_nonce (),
                              .kind = MESSENGER_WAIT_CALL };
  messenger_reply_cap (t, w.nonce, &st.reply);
  struct messenger_wait *r;
  if ((err = live_receiver (m, &r)) != VG_OK)
    return err;
  if (!r && deadline == 0)
    return VG_ETIMEDOUT;
  if (!r && (err = notify_bound (m)) != VG_OK)
    return err;
  t->ipc = &w;
  if (r)
    give (&w, r);
  /* Once taken, W is on no queue and ST awaits the reply.  */
  err = wait_on (m, r ? NULL : &m->senders, &w, deadline);
  t->ipc = NULL;
  if (!w.replied)
    return err;
  unsigned budget = AS_STORE_CHUNK;
  return deliver (reply, &um, &st, MESSENGER_WAIT_CALL, 0, &budget);
}

vg_error_t
sys_messenger_reply (vg_addr_t reply_cap, uaddr_t msg)
{
  struct vg_cap *rc;
  struct messenger_msg st;
  int err = sys_cap (reply_cap, &rc);
  if (!err && rc->type != VG_TYPE_REPLY)
    err = VG_ETYPE;
  if (!err)
    err = stage_in (msg, &st);
  if (err)
    return err;
  struct messenger_wait *w = messenger_reply_waiter (rc);
  if (!w)
    return VG_EDEADCAP;
  *w->msg = st;
  w->replied = 1;
  sched_wake (w->t, VG_OK);
  return VG_OK;
}

vg_error_t
sys_messenger_bind (vg_addr_t messenger, vg_addr_t thread, unsigned flags)
{
  bool unbind = (flags & VG_MESSENGER_UNBIND) != 0;
  if (flags & ~VG_MESSENGER_UNBIND)
    return VG_EINVAL;
  if (unbind && thread != VG_ADDR_VOID)
    return VG_EINVAL;
  struct messenger *m;
  uint64_t oid;
  int err = messenger_at (messenger, VG_RIGHT_WRITE, &m, &oid);
  if (err)
    return err;
  struct vg_cap b;
  cap_void (&b);
  if (!unbind)
    {
      struct thread *t;
      err = sys_thread_target (thread, true, &t);
      if (err)
        return err;
      /* The binding is a cap value, checked at each post (see above).  */
      struct folio *f;
      unsigned i;
      bool live = oid_lookup (t->oid, &f, &i) == OID_OBJECT;
      assert (live); /* We just found T through a live cap, or it runs.  */
      cap_make (&b, VG_TYPE_THREAD, t->oid, f->slots[i].version, 0, 0);
    }
  m->bound = b;
  m->bound_addr = unbind ? 0 : messenger;
  m->bound_oid = unbind ? 0 : oid;
  return VG_OK;
}
