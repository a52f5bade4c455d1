/* Message events (messenger_bind; doc/ipc.md "Message events"): the
   main thread binds a messenger and handles VG_ACT_EV_MESSAGE by
   receiving with timeout 0 while it computes; a second thread sends
   three messages, which must arrive in order with their data.  Then a
   full event queue refuses a sender (VG_EBUSY, nothing queued),
   unbinding stops the events, a destroyed bound thread is dropped, and
   every bind error.  Exit status: failed checks.  */
#include <act.h>
#include <vg/msg.h>

#include "vgtest.h"

int vgtest_failures;

#define F(i) FREE_CAP (i)
#define FOLIO F (0)
#define M F (1)
#define SENDER F (2)
#define FILLER F (3)
#define NMSG 3
#define MS 1000000ull

static uint8_t stacks[2][8192] __attribute__ ((aligned (16)));
static volatile unsigned nev, nrecv, nempty;
static volatile int recv_err[NMSG], send_err[NMSG];
static volatile uint64_t labels[NMSG], words[NMSG][3], nwords[NMSG];
static volatile uint64_t ev_arg[NMSG][3];
static volatile int ev_normal;
static volatile int go, filler_err = 1, filler_done;

static uint64_t
now (void)
{
  uint64_t t = 0;
  vg_time (&t);
  return t;
}

/* Take the message the event announces.  */
static int
on_message (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)regs;
  ev_normal |= normal;
  unsigned k = nev++;
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.reply = VG_ADDR_VOID;
  int err = vg_messenger_receive (M, &m, 0);
  if (err == VG_ETIMEDOUT)
    {
      nempty++;
      return ACT_HANDLED;
    }
  if (k < NMSG)
    {
      for (int i = 0; i < 3; i++)
        ev_arg[k][i] = ev->arg[i];
      recv_err[k] = err;
      labels[k] = m.label;
      nwords[k] = m.nwords;
      for (int i = 0; i < 3; i++)
        words[k][i] = m.words[i];
    }
  nrecv++;
  return ACT_HANDLED;
}

/* Notification 42: fill our own queue, then let the filler send.  */
static int
on_notify (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)regs;
  (void)normal;
  if (ev->arg[0] != 42)
    return ACT_HANDLED;
  for (int i = 0; i < VG_ACT_QUEUE_LEN; i++)
    vg_activation_notify (VG_ADDR_VOID, i);
  go = 1;
  for (int i = 0; i < 10000 && !filler_done; i++)
    vg_yield ();
  return ACT_HANDLED;
}

static void
sender (void)
{
  for (int i = 0; i < NMSG; i++)
    {
      struct vg_msg m;
      memset (&m, 0, sizeof m);
      m.label = 100 + i;
      m.nwords = 3;
      for (int j = 0; j < 3; j++)
        m.words[j] = 1000 * i + j;
      send_err[i] = vg_messenger_send (M, &m, UINT64_MAX);
    }
  vg_thread_exit (0);
}

static void
filler (void)
{
  while (!go)
    vg_yield ();
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  filler_err = vg_messenger_send (M, &m, UINT64_MAX);
  filler_done = 1;
  vg_thread_exit (0);
}

static void
start (vg_addr_t slot, unsigned index, void (*fn) (void), int s)
{
  CHECK (vg_object_alloc (FOLIO, index, VG_TYPE_THREAD, POLICY_DEFAULT, slot),
         VG_OK);
  CHECK (vgtest_start (slot, fn, stacks[s], sizeof stacks[s], ROOT_ACT),
         VG_OK);
}

/* Compute until all messages arrived (events come on timer returns).  */
static void
busy (void)
{
  uint64_t x = 1, y = 1, t0 = now ();
  unsigned long rounds = 0;
  while (nrecv < NMSG && now () - t0 < 5000 * MS)
    {
      for (int i = 0; i < 100000; i++)
        x = x * 6364136223846793005ull + 1442695040888963407ull;
      rounds++;
    }
  for (unsigned long r = 0; r < rounds * 100000; r++)
    y = y * 6364136223846793005ull + 1442695040888963407ull;
  CHECK (x == y, 1); /* The interrupted computation was resumed intact.  */
}

static void
test_errors (void)
{
  CHECK (vg_messenger_bind (0x123, VG_ADDR_VOID, 0), VG_EINVAL);
  CHECK (vg_messenger_bind (F (20), VG_ADDR_VOID, 0), VG_EVOID);
  CHECK (vg_messenger_bind (FOLIO, VG_ADDR_VOID, 0), VG_ETYPE);
  CHECK (vg_messenger_bind (M, FOLIO, 0), VG_ETYPE);
  CHECK (vg_messenger_bind (M, F (20), 0), VG_EVOID);
  CHECK (vg_messenger_bind (M, VG_ADDR_VOID, 2), VG_EINVAL);
  CHECK (vg_messenger_bind (M, SENDER, VG_MESSENGER_UNBIND), VG_EINVAL);
  /* Read-only caps: no receive right, no right to bind the thread.  */
  CHECK (vg_cap_copy (M, F (4), 0), VG_OK);
  CHECK (vg_messenger_bind (F (4), VG_ADDR_VOID, 0), VG_EPERM);
  CHECK (vg_cap_copy (SENDER, F (7), 0), VG_OK);
  CHECK (vg_messenger_bind (M, F (7), 0), VG_EPERM);
  /* Dead caps.  */
  CHECK (vg_object_alloc (FOLIO, 5, VG_TYPE_MESSENGER, POLICY_DEFAULT, F (5)),
         VG_OK);
  CHECK (vg_object_alloc (FOLIO, 6, VG_TYPE_THREAD, POLICY_DEFAULT, F (6)),
         VG_OK);
  CHECK (vg_messenger_bind (M, F (6), 0), VG_OK);
  for (unsigned s = 5; s <= 6; s++)
    CHECK (
        vg_object_alloc (FOLIO, s, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
        VG_OK);
  CHECK (vg_messenger_bind (F (5), VG_ADDR_VOID, 0), VG_EDEADCAP);
  CHECK (vg_messenger_bind (M, F (6), 0), VG_EDEADCAP);
  /* M is still bound to the destroyed thread: a queued sender drops the
     binding and simply times out, even with the slot reused.  */
  CHECK (vg_object_alloc (FOLIO, 6, VG_TYPE_THREAD, POLICY_DEFAULT, F (6)),
         VG_OK);
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  CHECK (vg_messenger_send (M, &m, 5 * MS), VG_ETIMEDOUT);
  CHECK (nev, NMSG + 1);
}

int
main (void)
{
  CHECK (act_area () != NULL, 1);
  CHECK (act_handler_add (VG_ACT_EV_MESSAGE, on_message), VG_OK);
  CHECK (act_handler_add (VG_ACT_EV_NOTIFY, on_notify), VG_OK);
  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  CHECK (vg_object_alloc (FOLIO, 0, VG_TYPE_MESSENGER, POLICY_DEFAULT, M),
         VG_OK);
  CHECK (vg_messenger_bind (M, VG_ADDR_VOID, 0), VG_OK);

  /* Three messages while we compute: one event each, in order.  */
  start (SENDER, 1, sender, 0);
  busy ();
  CHECK (nrecv, NMSG);
  CHECK (nev, NMSG);
  CHECK (nempty, 0);
  CHECK (ev_normal, 0);
  for (int i = 0; i < NMSG; i++)
    {
      CHECK (send_err[i], VG_OK);
      CHECK (recv_err[i], VG_OK);
      CHECK (labels[i], 100 + i);
      CHECK (nwords[i], 3);
      for (int j = 0; j < 3; j++)
        CHECK (words[i][j], 1000 * i + j);
      CHECK (ev_arg[i][0], M);
      CHECK (ev_arg[i][1] != 0 && ev_arg[i][1] == ev_arg[0][1], 1);
      CHECK (ev_arg[i][2] != 0 && ev_arg[i][2] == ev_arg[0][2], 1);
    }

  /* A full queue: the sender is refused and the refusal counted;
     nothing was queued.  */
  uint32_t overflow0 = act_area ()->overflow;
  start (FILLER, 2, filler, 1);
  CHECK (vg_activation_notify (VG_ADDR_VOID, 42), VG_OK);
  CHECK (filler_done, 1);
  CHECK (filler_err, VG_EBUSY);
  CHECK (act_area ()->overflow - overflow0, 1);
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  CHECK (vg_messenger_receive (M, &m, 0), VG_ETIMEDOUT);
  CHECK (nev, NMSG);

  /* Our own timed-out send posts an event the handler finds empty.  */
  CHECK (vg_messenger_send (M, &m, 5 * MS), VG_ETIMEDOUT);
  CHECK (nempty, 1);

  /* Unbound: no more events.  */
  CHECK (vg_messenger_bind (M, VG_ADDR_VOID, VG_MESSENGER_UNBIND), VG_OK);
  CHECK (vg_messenger_send (M, &m, 5 * MS), VG_ETIMEDOUT);
  CHECK (nev, NMSG + 1);

  test_errors ();
  return vgtest_failures;
}
