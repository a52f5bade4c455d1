/* Messengers: waiter queues and reply caps (see messenger.h).  */
#include "exec/messenger.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "kstring.h"
#include "obj/object.h"
#include "exec/sched.h"
#include "exec/thread.h"

static uint32_t nonce_counter;

void
messenger_init (struct messenger *m)
{
  memset (m, 0, sizeof *m);
}

void
messenger_enqueue (struct messenger *m, struct messenger_queue *q,
                   struct messenger_wait *w)
{
  w->m = m;
  w->next = NULL;
  w->prev = q->tail;
  if (q->tail)
    q->tail->next = w;
  else
    q->head = w;
  q->tail = w;
}

static struct messenger_queue *
queue_of (struct messenger_wait *w)
{
  return w->kind == MESSENGER_WAIT_RECV ? &w->m->receivers : &w->m->senders;
}

void
messenger_unlink (struct messenger_wait *w)
{
  if (!w->m)
    return;
  struct messenger_queue *q = queue_of (w);
  if (w->prev)
    w->prev->next = w->next;
  else
    q->head = w->next;
  if (w->next)
    w->next->prev = w->prev;
  else
    q->tail = w->prev;
  w->next = w->prev = NULL;
  w->m = NULL;
}

struct messenger_wait *
messenger_dequeue (struct messenger_queue *q)
{
  struct messenger_wait *w = q->head;
  if (w)
    messenger_unlink (w);
  return w;
}

void
messenger_destroy (struct messenger *m)
{
  struct messenger_queue *qs[2] = { &m->senders, &m->receivers };
  for (unsigned i = 0; i < 2; i++)
    for (struct messenger_wait *w; (w = messenger_dequeue (qs[i]));)
      sched_wake (w->t, VG_EDEADCAP);
}

void
messenger_fail_call (const struct vg_cap *rc)
{
  struct messenger_wait *w = messenger_reply_waiter (rc);
  if (w)
    {
      w->nonce = 0;
      sched_wake (w->t, VG_EDEADCAP);
    }
}

void
messenger_thread_gone (struct thread *t)
{
  struct messenger_wait *w = t->ipc;
  if (!w)
    return;
  messenger_unlink (w);
  if (w->kind == MESSENGER_WAIT_RECV && w->taken)
    messenger_fail_call (&w->msg->reply);
  w->nonce = 0;
  t->ipc = NULL;
}

void
messenger_pending_drop (struct thread *t)
{
  struct messenger_pending *p = &t->ipc_pending;
  if (!p->kind)
    return;
  if (!(p->done & MESSENGER_DONE_REPLY))
    messenger_fail_call (&p->msg.reply);
  p->kind = 0;
}

void
messenger_reply_cap (const struct thread *t, uint32_t nonce,
                     struct vg_cap *out)
{
  cap_make (out, VG_TYPE_REPLY, t->oid, nonce, 0, 0);
}

struct messenger_wait *
messenger_reply_waiter (const struct vg_cap *c)
{
  struct folio *f;
  unsigned i;
  if (c->type != VG_TYPE_REPLY || c->version == 0
      || oid_lookup (c->oid, &f, &i) != OID_OBJECT)
    return NULL;
  const struct folio_slot *s = &f->slots[i];
  if (s->type != VG_TYPE_THREAD || s->frame == FRAME_NONE)
    return NULL;
  struct thread *t = object_slot_data (f, i);
  struct messenger_wait *w = t->ipc;
  if (!w || w->kind != MESSENGER_WAIT_CALL || w->nonce != c->version
      || !w->taken || w->replied)
    return NULL;
  return w;
}

uint32_t
messenger_nonce (void)
{
  if (++nonce_counter == 0)
    nonce_counter = 1;
  return nonce_counter;
}

int
messenger_from_cap (const struct vg_cap *c, uint8_t rights,
                    struct messenger **out)
{
  struct folio *f;
  unsigned s;
  int err = cap_object (c, VG_TYPE_MESSENGER, rights, &f, &s);
  if (err)
    return err;
  *out = object_slot_data (f, s);
  return VG_OK;
}
