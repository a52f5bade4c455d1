/* IPC through messengers: data and caps through send/receive and
   call/reply, rights, reply caps used once, every error path, timeouts
   (0 and finite), and threads or messengers destroyed while threads
   wait on them.  All threads share one address space here; see
   ipc_pingpong.c for two.  */
#include <vg/cap-info.h>
#include <vg/error.h>
#include <vg/msg.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define KADDR 0xffffffff80000000ull
#define UNMAPPED 0x7000000000ull
#define F(i) FREE_CAP (i)
#define FOLIO F (0)
#define M F (3)
#define FOREVER UINT64_MAX
#define MS 1000000ull

enum
{
  L_RECORD = 1, /* Record the message.  */
  L_ECHO,       /* Reply with doubled words and the first cap.  */
  L_HOLD,       /* Keep the reply cap in F(14), do not reply.  */
  L_LATE,       /* Reply through F(14) now.  */
  L_STALE,      /* Reply through F(15) (kept at L_HOLD), then F(14).  */
};

static uint8_t stacks[4][8192] __attribute__ ((aligned (16)));
static volatile int srv_count, flag;
static struct vg_msg srv_last;
static volatile int srv_err, srv_bad_reply, srv_second_reply, srv_late;
static volatile int srv_hold_type, helper_err, srv_stale;

static void
server (void)
{
  for (;;)
    {
      struct vg_msg m;
      memset (&m, 0, sizeof m);
      m.ncaps = 2;
      m.caps[0] = F (10);
      m.caps[1] = F (11);
      m.reply = F (14);
      srv_err = vg_messenger_receive (M, &m, FOREVER);
      srv_last = m;
      struct vg_cap_info ci;
      if (m.label == L_ECHO)
        {
          struct vg_msg r;
          memset (&r, 0, sizeof r);
          r.label = m.label + 1;
          r.nwords = m.nwords;
          for (unsigned i = 0; i < m.nwords; i++)
            r.words[i] = m.words[i] * 2;
          r.ncaps = 1;
          r.caps[0] = F (10);
          srv_bad_reply = vg_messenger_reply (F (14), (void *)KADDR);
          vg_messenger_reply (F (14), &r);
          srv_second_reply = vg_messenger_reply (F (14), &r);
        }
      else if (m.label == L_HOLD)
        {
          srv_hold_type = vg_cap_info (F (14), &ci) ? -1 : (int)ci.type;
          vg_cap_copy (F (14), F (15), VG_RIGHTS_ALL);
        }
      else if (m.label == L_STALE)
        {
          /* The caller of L_HOLD timed out and now waits in another
             call: its old reply cap must not answer the new call.  */
          struct vg_msg r;
          memset (&r, 0, sizeof r);
          r.nwords = 1;
          r.words[0] = 1;
          srv_stale = vg_messenger_reply (F (15), &r);
          r.words[0] = 2;
          vg_messenger_reply (F (14), &r);
        }
      else if (m.label == L_LATE)
        {
          struct vg_msg r;
          memset (&r, 0, sizeof r);
          srv_late = vg_messenger_reply (F (14), &r);
        }
      srv_count++;
    }
}

static void
wait_count (int n)
{
  for (int i = 0; i < 10000 && srv_count < n; i++)
    vg_yield ();
  CHECK (srv_count, n);
}

static uint64_t
now (void)
{
  uint64_t t = 0;
  vg_time (&t);
  return t;
}

static void
test_errors (void)
{
  struct vg_msg msg, buf;
  memset (&msg, 0, sizeof msg);
  memset (&buf, 0, sizeof buf);
  /* Nobody waits: timeout 0 polls, a finite timeout waits that long.  */
  CHECK (vg_messenger_send (M, &msg, 0), VG_ETIMEDOUT);
  CHECK (vg_messenger_receive (M, &buf, 0), VG_ETIMEDOUT);
  CHECK (vg_messenger_call (M, &msg, &buf, 0), VG_ETIMEDOUT);
  uint64_t t0 = now ();
  CHECK (vg_messenger_receive (M, &buf, 30 * MS), VG_ETIMEDOUT);
  CHECK (now () - t0 >= 30 * MS, 1);
  t0 = now ();
  CHECK (vg_messenger_send (M, &msg, 20 * MS), VG_ETIMEDOUT);
  CHECK (vg_messenger_call (M, &msg, &buf, 20 * MS), VG_ETIMEDOUT);
  CHECK (now () - t0 >= 40 * MS, 1);
  /* The timed-out senders are gone from the queue.  */
  CHECK (vg_messenger_receive (M, &buf, 0), VG_ETIMEDOUT);
  /* Bad messages.  */
  CHECK (vg_messenger_send (M, (void *)KADDR, 0), VG_EFAULT);
  CHECK (vg_messenger_send (M, (void *)UNMAPPED, 0), VG_EFAULT);
  CHECK (vg_messenger_call (M, (void *)KADDR, &buf, 0), VG_EFAULT);
  msg.nwords = VG_MSG_WORDS + 1;
  CHECK (vg_messenger_send (M, &msg, 0), VG_EINVAL);
  msg.nwords = 0;
  msg.ncaps = VG_MSG_CAPS + 1;
  CHECK (vg_messenger_send (M, &msg, 0), VG_EINVAL);
  msg.ncaps = 1;
  msg.caps[0] = F (20);
  CHECK (vg_messenger_send (M, &msg, 0), VG_EVOID);
  msg.caps[0] = 0x123;
  CHECK (vg_messenger_call (M, &msg, &buf, 0), VG_EINVAL);
  /* A dead cap in the message, and a dead messenger.  */
  CHECK (vg_object_alloc (FOLIO, 5, VG_TYPE_MESSENGER, POLICY_DEFAULT, F (5)),
         VG_OK);
  CHECK (
      vg_object_alloc (FOLIO, 5, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
      VG_OK);
  msg.caps[0] = F (5);
  CHECK (vg_messenger_send (M, &msg, 0), VG_EDEADCAP);
  msg.ncaps = 0;
  CHECK (vg_messenger_send (F (5), &msg, 0), VG_EDEADCAP);
  CHECK (vg_messenger_receive (F (5), &buf, 0), VG_EDEADCAP);
  CHECK (vg_messenger_call (F (5), &msg, &buf, 0), VG_EDEADCAP);
  /* Bad messenger addresses and types.  */
  CHECK (vg_messenger_send (0x123, &msg, 0), VG_EINVAL);
  CHECK (vg_messenger_send (F (20), &msg, 0), VG_EVOID);
  CHECK (vg_messenger_send (ROOT_ACT, &msg, 0), VG_ETYPE);
  CHECK (vg_messenger_receive (FOLIO, &buf, 0), VG_ETYPE);
  /* Rights: a read-only cap sends but does not receive.  */
  CHECK (vg_cap_copy (M, F (6), 0), VG_OK);
  CHECK (vg_messenger_send (F (6), &msg, 0), VG_ETIMEDOUT);
  CHECK (vg_messenger_receive (F (6), &buf, 0), VG_EPERM);
  /* Receive buffers: kernel, unmapped, read-only, bad slots.  */
  CHECK (vg_messenger_receive (M, (void *)KADDR, 0), VG_EFAULT);
  CHECK (vg_messenger_receive (M, (void *)UNMAPPED, 0), VG_EFAULT);
  CHECK (vg_messenger_receive (M, (void *)0x400000, 0), VG_EFAULT);
  CHECK (vg_messenger_call (M, &msg, (void *)0x400000, 0), VG_EFAULT);
  CHECK (vg_messenger_call (M, &msg, (void *)KADDR, 0), VG_EFAULT);
  buf.ncaps = VG_MSG_CAPS + 1;
  CHECK (vg_messenger_receive (M, &buf, 0), VG_EINVAL);
  buf.ncaps = 1;
  buf.caps[0] = 0x123;
  CHECK (vg_messenger_receive (M, &buf, 0), VG_EINVAL);
  buf.caps[0] = VG_ADDR_VOID;
  buf.reply = 0x123;
  CHECK (vg_messenger_receive (M, &buf, 0), VG_EINVAL);
  /* Replies through things that are not reply caps.  */
  CHECK (vg_messenger_reply (F (20), &msg), VG_EVOID);
  CHECK (vg_messenger_reply (M, &msg), VG_ETYPE);
  CHECK (vg_messenger_reply (0x123, &msg), VG_EINVAL);
}

static void
test_transfer (void)
{
  struct vg_cap_info ci;
  CHECK (vg_object_alloc (FOLIO, 1, VG_TYPE_THREAD, POLICY_DEFAULT, F (1)),
         VG_OK);
  CHECK (vg_object_alloc (FOLIO, 6, VG_TYPE_PAGE, POLICY_DEFAULT, F (7)),
         VG_OK);
  CHECK (vg_cap_copy (F (7), F (8), 0), VG_OK); /* Read-only.  */
  CHECK (vgtest_start (F (1), server, stacks[0], sizeof stacks[0], ROOT_ACT),
         VG_OK);
  /* send/receive: data and two caps; rights do not grow.  */
  struct vg_msg msg, rep;
  memset (&msg, 0, sizeof msg);
  msg.label = L_RECORD;
  msg.nwords = 3;
  msg.words[0] = 11;
  msg.words[1] = 22;
  msg.words[2] = 0xdeadbeefcafe;
  msg.ncaps = 2;
  msg.caps[0] = F (8);
  msg.caps[1] = ROOT_ACT;
  CHECK (vg_messenger_send (M, &msg, FOREVER), VG_OK);
  wait_count (1);
  CHECK (srv_err, VG_OK);
  CHECK (srv_last.label, L_RECORD);
  CHECK (srv_last.nwords, 3);
  CHECK (srv_last.ncaps, 2);
  CHECK (srv_last.words[2], 0xdeadbeefcafe);
  CHECK (srv_last.words[0] + srv_last.words[1], 33);
  CHECK (vg_cap_info (F (10), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_PAGE);
  CHECK (ci.rights, 0);
  CHECK (vg_cap_info (F (11), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_ACTIVITY);
  CHECK (ci.rights, VG_RIGHTS_ALL);
  /* call/reply: the reply carries data and a cap; one use only.  */
  msg.label = L_ECHO;
  msg.ncaps = 1;
  msg.caps[0] = F (7);
  memset (&rep, 0, sizeof rep);
  rep.ncaps = 1;
  rep.caps[0] = F (12);
  CHECK (vg_messenger_call (M, &msg, &rep, FOREVER), VG_OK);
  CHECK (rep.label, L_ECHO + 1);
  CHECK (rep.nwords, 3);
  CHECK (rep.words[1], 44);
  CHECK (rep.words[2], 0xdeadbeefcafe * 2);
  CHECK (rep.ncaps, 1);
  CHECK (vg_cap_info (F (12), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_PAGE);
  CHECK (ci.rights, VG_RIGHTS_ALL);
  wait_count (2);
  CHECK (srv_bad_reply, VG_EFAULT);
  CHECK (srv_second_reply, VG_EDEADCAP);
  CHECK (vg_cap_info (F (14), &ci), VG_EDEADCAP); /* Used.  */
  /* A caller that times out kills its reply cap.  */
  msg.label = L_HOLD;
  msg.ncaps = 0;
  uint64_t t0 = now ();
  CHECK (vg_messenger_call (M, &msg, &rep, 20 * MS), VG_ETIMEDOUT);
  CHECK (now () - t0 >= 20 * MS, 1);
  wait_count (3);
  CHECK (srv_hold_type, VG_TYPE_REPLY);
  CHECK (vg_cap_info (F (14), &ci), VG_EDEADCAP);
  msg.label = L_LATE;
  CHECK (vg_messenger_send (M, &msg, FOREVER), VG_OK);
  wait_count (4);
  CHECK (srv_late, VG_EDEADCAP);
  /* Nor does it answer the caller's next call (the reply cap's nonce).  */
  msg.label = L_STALE;
  memset (&rep, 0, sizeof rep);
  CHECK (vg_messenger_call (M, &msg, &rep, FOREVER), VG_OK);
  CHECK (rep.nwords, 1);
  CHECK (rep.words[0], 2);
  wait_count (5);
  CHECK (srv_stale, VG_EDEADCAP);
  /* A server stopped while blocked in receive leaves the queue.  */
  CHECK (vg_thread_exregs (F (1), VG_EXREGS_STOP, NULL, NULL), VG_OK);
  vg_yield ();
  CHECK (VG_THREAD_STATUS_WHY (vgtest_status (F (1))), VG_STOP_EXREGS);
  CHECK (vg_messenger_send (M, &msg, 0), VG_ETIMEDOUT);
}

static void
blocked_sender (void)
{
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  flag = 1;
  helper_err = vg_messenger_send (M, &m, FOREVER);
  flag = 2;
  vg_thread_exit (0);
}

static void
blocked_receiver (void)
{
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  flag = 1;
  helper_err = vg_messenger_receive (F (4), &m, FOREVER);
  flag = 2;
  vg_thread_exit (0);
}

static void
blocked_caller (void)
{
  struct vg_msg m, r;
  memset (&m, 0, sizeof m);
  memset (&r, 0, sizeof r);
  flag = 1;
  helper_err = vg_messenger_call (M, &m, &r, FOREVER);
  flag = 2;
  vg_thread_exit (0);
}

/* Start FN in thread slot 2 and let it block.  */
static void
start_helper (void (*fn) (void))
{
  flag = 0;
  helper_err = -1;
  CHECK (vg_object_alloc (FOLIO, 2, VG_TYPE_THREAD, POLICY_DEFAULT, F (2)),
         VG_OK);
  CHECK (vgtest_start (F (2), fn, stacks[1], sizeof stacks[1], ROOT_ACT),
         VG_OK);
  for (int i = 0; i < 1000 && !flag; i++)
    vg_yield ();
  vg_yield ();
  CHECK (flag, 1);
}

static void
kill_helper (void)
{
  CHECK (
      vg_object_alloc (FOLIO, 2, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
      VG_OK);
}

/* Where a thread blocked in receive goes when another thread sets its
   registers: the new code, with the registers as set.  */
static volatile uint64_t moved_arg;

static void
moved (uint64_t arg)
{
  moved_arg = arg;
  flag = 3;
  vg_thread_exit (0);
}

/* Setting the registers of a thread blocked in a call abandons the
   call: it runs the new code at once, with the registers as set (the
   call's result does not overwrite them, and it is not run again), and
   no message is taken for it.  */
static void
test_exregs_blocked (void)
{
  struct vg_msg buf;
  memset (&buf, 0, sizeof buf);
  CHECK (vg_object_alloc (FOLIO, 4, VG_TYPE_MESSENGER, POLICY_DEFAULT, F (4)),
         VG_OK);
  start_helper (blocked_receiver);
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.regs.rip = (uint64_t)moved;
  s.regs.rsp = (((uint64_t)stacks[2] + sizeof stacks[2]) & ~15ull) - 8;
  s.regs.rflags = 0x202;
  s.regs.rdi = 0x1234;
  s.regs.rax = 77;
  moved_arg = 0;
  CHECK (vg_thread_exregs (F (2), VG_EXREGS_SET_REGS, &s, NULL), VG_OK);
  for (int i = 0; i < 1000 && flag != 3; i++)
    vg_yield ();
  CHECK (flag, 3);
  CHECK (moved_arg, 0x1234);
  CHECK (helper_err, -1); /* The receive never returned to its caller.  */
  /* It left the receivers' queue: a send finds nobody.  */
  CHECK (vg_messenger_send (F (4), &buf, 0), VG_ETIMEDOUT);
  kill_helper ();
  CHECK (
      vg_object_alloc (FOLIO, 4, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
      VG_OK);
}

static void
test_teardown (void)
{
  struct vg_msg buf;
  memset (&buf, 0, sizeof buf);
  /* A sender destroyed while blocked leaves no trace in the queue.  */
  start_helper (blocked_sender);
  kill_helper ();
  CHECK (vg_messenger_receive (M, &buf, 0), VG_ETIMEDOUT);
  /* A messenger destroyed under a receiver wakes it with an error.  */
  CHECK (vg_object_alloc (FOLIO, 4, VG_TYPE_MESSENGER, POLICY_DEFAULT, F (4)),
         VG_OK);
  start_helper (blocked_receiver);
  CHECK (
      vg_object_alloc (FOLIO, 4, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
      VG_OK);
  for (int i = 0; i < 1000 && flag != 2; i++)
    vg_yield ();
  CHECK (helper_err, VG_EDEADCAP);
  /* A caller destroyed, or stopped, while waiting for its reply: the
     reply cap dies.  */
  buf.reply = F (15);
  start_helper (blocked_caller);
  CHECK (vg_messenger_receive (M, &buf, 0), VG_OK);
  kill_helper ();
  CHECK (vg_messenger_reply (F (15), &buf), VG_EDEADCAP);
  start_helper (blocked_caller);
  CHECK (vg_messenger_receive (M, &buf, 0), VG_OK);
  CHECK (vg_thread_exregs (F (2), VG_EXREGS_STOP, NULL, NULL), VG_OK);
  vg_yield ();
  CHECK (helper_err, -1); /* It stopped inside the call.  */
  CHECK (vg_messenger_reply (F (15), &buf), VG_EDEADCAP);
  /* A receiver that wants no reply cap fails the call at once.  */
  buf.reply = VG_ADDR_VOID;
  start_helper (blocked_caller);
  CHECK (vg_messenger_receive (M, &buf, 0), VG_OK);
  for (int i = 0; i < 1000 && flag != 2; i++)
    vg_yield ();
  CHECK (helper_err, VG_EDEADCAP);
  kill_helper ();
  test_exregs_blocked ();
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  CHECK (vg_object_alloc (FOLIO, 3, VG_TYPE_MESSENGER, POLICY_DEFAULT, M),
         VG_OK);
  test_errors ();
  test_transfer ();
  test_teardown ();
  CHECK (vg_folio_free (FOLIO), VG_OK);
  vg_printf ("ipc: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
