/* No message is reported delivered to a receiver that can never have
   it.  Receivers blocked in messenger_receive whose activity is then
   destroyed (their thread objects survive, in a folio of ours): a send
   must not be handed to one of them with VG_OK.  With no live receiver a
   send with timeout 0 times out; the dead receivers are stopped
   (VG_STOP_NO_ACTIVITY); a live receiver started afterwards gets the
   message.  More dead receivers than one send stops at once
   (IPC_DEAD_RECEIVERS, 8), so the send restarts.  */
#include <vg/error.h>
#include <vg/msg.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
#define HOME F (0) /* Folio holding the threads and the messenger.  */
#define AFOL F (1) /* Folio holding the doomed activity.  */
#define DOOMED F (2)
#define M F (3)
#define LIVE F (4)
#define TH(i) F (8 + (i))
#define NDEAD 20
#define MS 1000000ull

static uint8_t stacks[NDEAD + 1][2048] __attribute__ ((aligned (16)));
static volatile int got[NDEAD + 1], rerr[NDEAD + 1];
static volatile uint64_t word[NDEAD + 1];
static volatile int started;

/* Each receiver takes the next index: the dead ones 0..NDEAD-1 (all
   started before the live one), the live one NDEAD.  */
static volatile int next_id;

static void
receiver (void)
{
  int me = __atomic_fetch_add (&next_id, 1, __ATOMIC_SEQ_CST);
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  started++;
  rerr[me] = vg_messenger_receive (M, &m, UINT64_MAX);
  word[me] = m.words[0];
  got[me] = 1;
  vg_thread_exit (0);
}

static uint64_t
now (void)
{
  uint64_t t = 0;
  vg_time (&t);
  return t;
}

static void
pause_ms (uint64_t ms)
{
  uint64_t t0 = now ();
  while (now () < t0 + ms * MS)
    vg_yield ();
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  CHECK (vg_folio_alloc (ROOT_ACT, HOME), VG_OK);
  CHECK (vg_folio_alloc (ROOT_ACT, AFOL), VG_OK);
  CHECK (vg_activity_create (AFOL, 0, ROOT_ACT, DOOMED), VG_OK);
  CHECK (vg_object_alloc (HOME, 0, VG_TYPE_MESSENGER, POLICY_DEFAULT, M),
         VG_OK);
  for (unsigned i = 0; i < NDEAD; i++)
    {
      CHECK (vg_object_alloc (HOME, 1 + i, VG_TYPE_THREAD, POLICY_DEFAULT,
                              TH (i)),
             VG_OK);
      CHECK (
          vgtest_start (TH (i), receiver, stacks[i], sizeof stacks[i], DOOMED),
          VG_OK);
    }
  while (started < NDEAD)
    vg_yield ();
  pause_ms (30); /* Each is now blocked in receive.  */
  CHECK (vg_activity_destroy (DOOMED), VG_OK);

  /* Nobody alive receives: the send must not succeed.  */
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.nwords = 1;
  m.words[0] = 0x1234;
  CHECK (vg_messenger_send (M, &m, 0), VG_ETIMEDOUT);
  pause_ms (30);
  for (unsigned i = 0; i < NDEAD; i++)
    {
      CHECK (got[i], 0);
      uint64_t s = vgtest_status (TH (i));
      CHECK (VG_THREAD_STATUS_STATE (s), VG_THREAD_STOPPED);
      CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_NO_ACTIVITY);
    }

  /* A live receiver gets the next one.  */
  CHECK (
      vg_object_alloc (HOME, 1 + NDEAD, VG_TYPE_THREAD, POLICY_DEFAULT, LIVE),
      VG_OK);
  CHECK (vgtest_start (LIVE, receiver, stacks[NDEAD], sizeof stacks[NDEAD],
                       ROOT_ACT),
         VG_OK);
  m.words[0] = 0x5678;
  CHECK (vg_messenger_send (M, &m, 1000 * MS), VG_OK);
  pause_ms (10);
  CHECK (got[NDEAD], 1);
  CHECK (rerr[NDEAD], VG_OK);
  CHECK (word[NDEAD], 0x5678);
  CHECK (vg_folio_free (HOME), VG_OK);
  CHECK (vg_folio_free (AFOL), VG_OK);
  vg_printf ("ipc_lost: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
