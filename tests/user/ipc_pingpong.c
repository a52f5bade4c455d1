/* IPC between two address spaces: the root task (client) and a server
   thread in a second address space ping-pong 10,000 call/reply round
   trips with checked data; the client passes a cap to one of its
   activities and the server allocates a folio charged to it.  Prints
   the cost of one round trip in guest instructions (the TSC counts
   instructions under QEMU's -icount shift=0).

   The second space: a new root cappage R2 (kept at the root task's
   VG_BOOT_FREE_REGION) whose slot 0 copies our level-1 slot 0 (the
   program image, so code and data are shared), slot 1 a cappage SC of
   the server's caps (so VG_BOOT_CAP (i) names SC's slot i there), and
   slot 3 a separate 4-page stack at SRV_STACK_VA, reachable only
   there.  */
#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>
#include <vg/msg.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
#define FOLIO F (0)
#define CLIENT_ACT F (1)
#define SERVER_ACT F (2)
#define M F (3)
#define SERVER F (4)
#define R2 VG_BOOT_FREE_REGION
#define R2_VA 0x2000000000ull
#define R2_SLOT(i) VG_ADDR (R2_VA + ((uint64_t)(i) << 28), 2)
#define SC_SLOT(i) VG_ADDR (R2_VA + (1ull << 28) + ((uint64_t)(i) << 20), 3)
#define SRV_STACK_VA 0x3000000000ull
#define SRV_STACK_PAGES 4
#define ROUNDS 10000
#define FOREVER UINT64_MAX

/* The server's caps, as it names them (SC's slots).  */
#define S(i) VG_BOOT_CAP (i)
#define S_M 2
#define S_ACT 5
#define S_FOLIO 6
#define S_REPLY 7

enum
{
  OP_PING = 1,
  OP_ALLOC,
  OP_FREE,
  OP_NULL, /* An empty reply: the bare round trip, for make bench.  */
};

static uint64_t
mix (uint64_t x, unsigned i)
{
  return (x ^ 0x5a5a5a5a5a5a5a5aull) * 31 + i;
}

/* Runs in the second address space.  */
static void
server (void)
{
  for (;;)
    {
      struct vg_msg m, r;
      memset (&m, 0, sizeof m);
      memset (&r, 0, sizeof r);
      m.ncaps = 1;
      m.caps[0] = S (S_ACT);
      m.reply = S (S_REPLY);
      if (vg_messenger_receive (S (S_M), &m, FOREVER) != VG_OK)
        continue;
      r.label = m.label;
      r.nwords = 1;
      if (m.label == OP_PING)
        {
          r.nwords = VG_MSG_WORDS;
          for (unsigned i = 0; i < m.nwords; i++)
            r.words[i] = mix (m.words[i], i);
          r.words[VG_MSG_WORDS - 1] = (uint64_t)&r; /* Our stack.  */
        }
      else if (m.label == OP_ALLOC)
        r.words[0] = (uint64_t)vg_folio_alloc (S (S_ACT), S (S_FOLIO));
      else if (m.label == OP_FREE)
        r.words[0] = (uint64_t)vg_folio_free (S (S_FOLIO));
      else if (m.label == OP_NULL)
        r.nwords = 0;
      vg_messenger_reply (S (S_REPLY), &r);
    }
}

static void
build_space (void)
{
  CHECK (vg_object_alloc (FOLIO, 4, VG_TYPE_CAPPAGE, POLICY_DEFAULT, R2),
         VG_OK);
  CHECK (vg_cap_copy (VG_ADDR (0, 1), R2_SLOT (0), VG_RIGHTS_ALL), VG_OK);
  CHECK (
      vg_object_alloc (FOLIO, 5, VG_TYPE_CAPPAGE, POLICY_DEFAULT, R2_SLOT (1)),
      VG_OK);
  CHECK (vg_cap_copy (M, SC_SLOT (S_M), VG_RIGHTS_ALL), VG_OK);
  /* The stack: level-4 cappage L4 built at F(8), where its slots are
     depth-3 addresses for us, then linked in under L3 and L2.  */
  vg_addr_t l4 = F (8), l3 = F (9);
  CHECK (vg_object_alloc (FOLIO, 6, VG_TYPE_CAPPAGE, POLICY_DEFAULT, l4),
         VG_OK);
  for (unsigned k = 0; k < SRV_STACK_PAGES; k++)
    CHECK (vg_object_alloc (
               FOLIO, 7 + k, VG_TYPE_PAGE, POLICY_DEFAULT,
               VG_ADDR (VG_BOOT_CAPS_VA + (40ull << 28) + (k << 20), 3)),
           VG_OK);
  CHECK (vg_object_alloc (FOLIO, 11, VG_TYPE_CAPPAGE, POLICY_DEFAULT, l3),
         VG_OK);
  CHECK (vg_cap_copy (l4, VG_ADDR (VG_BOOT_CAPS_VA + (41ull << 28), 3),
                      VG_RIGHTS_ALL),
         VG_OK);
  CHECK (vg_object_alloc (FOLIO, 12, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          R2_SLOT (3)),
         VG_OK);
  CHECK (vg_cap_copy (l3, VG_ADDR (R2_VA + (3ull << 28), 3), VG_RIGHTS_ALL),
         VG_OK);
}

static void
start_server (void)
{
  CHECK (vg_object_alloc (FOLIO, 3, VG_TYPE_THREAD, POLICY_DEFAULT, SERVER),
         VG_OK);
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.regs.rip = (uint64_t)server;
  s.regs.rsp = SRV_STACK_VA + SRV_STACK_PAGES * 4096 - 8;
  s.regs.rflags = 0x202;
  s.aspace = R2;
  s.activity = SERVER_ACT;
  CHECK (vg_thread_exregs (SERVER,
                           VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE
                               | VG_EXREGS_SET_ACTIVITY | VG_EXREGS_START,
                           &s, NULL),
         VG_OK);
}

static inline uint64_t
rdtsc (void)
{
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
}

static void
ping_pong (void)
{
  struct vg_msg q, r;
  memset (&q, 0, sizeof q);
  q.label = OP_PING;
  q.nwords = VG_MSG_WORDS - 1;
  int bad = 0, errs = 0, off_stack = 0;
  uint64_t t0 = rdtsc ();
  for (uint64_t n = 0; n < ROUNDS; n++)
    {
      for (unsigned i = 0; i < q.nwords; i++)
        q.words[i] = n * 1000003 + i;
      memset (&r, 0, sizeof r);
      if (vg_messenger_call (M, &q, &r, FOREVER) != VG_OK)
        {
          errs++;
          continue;
        }
      if (r.label != OP_PING || r.nwords != VG_MSG_WORDS)
        bad++;
      for (unsigned i = 0; i < q.nwords; i++)
        if (r.words[i] != mix (q.words[i], i))
          bad++;
      uint64_t sp = r.words[VG_MSG_WORDS - 1];
      if (sp < SRV_STACK_VA || sp >= SRV_STACK_VA + SRV_STACK_PAGES * 4096)
        off_stack++;
    }
  uint64_t dt = rdtsc () - t0;
  CHECK (errs, 0);
  CHECK (bad, 0);
  CHECK (off_stack, 0);
  vg_printf ("ipc_pingpong: %d round trips, %llu TSC ticks per call/reply "
             "round trip\n",
             ROUNDS, (unsigned long long)(dt / ROUNDS));
}

/* The bare round trip, no data words either way, for `make bench`
   (benchmarks/bench.h's line format; loop overhead is a few instructions
   against thousands, so it is not subtracted).  */
static void
null_round_trips (void)
{
  struct vg_msg q, r;
  memset (&q, 0, sizeof q);
  q.label = OP_NULL;
  int errs = 0;
  uint64_t t0 = rdtsc ();
  for (uint64_t n = 0; n < ROUNDS; n++)
    if (vg_messenger_call (M, &q, &r, FOREVER) != VG_OK || r.label != OP_NULL)
      errs++;
  uint64_t dt = rdtsc () - t0;
  CHECK (errs, 0);
  vg_printf ("BENCH ipc_call_reply ops=%d instr=%llu per_op=%llu\n", ROUNDS,
             (unsigned long long)dt, (unsigned long long)(dt / ROUNDS));
}

/* The server allocates a folio on our activity, which pays for it.  */
static void
activity_transfer (void)
{
  struct vg_activity_stats c0, s0, c1, s1;
  struct vg_msg q, r;
  memset (&q, 0, sizeof q);
  q.label = OP_ALLOC;
  q.ncaps = 1;
  q.caps[0] = CLIENT_ACT;
  CHECK (vg_activity_stats (CLIENT_ACT, &c0), VG_OK);
  CHECK (vg_activity_stats (SERVER_ACT, &s0), VG_OK);
  CHECK (vg_messenger_call (M, &q, &r, FOREVER), VG_OK);
  CHECK (r.words[0], VG_OK);
  CHECK (vg_activity_stats (CLIENT_ACT, &c1), VG_OK);
  CHECK (vg_activity_stats (SERVER_ACT, &s1), VG_OK);
  CHECK (c1.folios_local, c0.folios_local + 1);
  CHECK (s1.folios_local, s0.folios_local);
  CHECK (s1.folios_total, s0.folios_total);
  q.label = OP_FREE;
  q.ncaps = 0;
  CHECK (vg_messenger_call (M, &q, &r, FOREVER), VG_OK);
  CHECK (r.words[0], VG_OK);
  CHECK (vg_activity_stats (CLIENT_ACT, &c1), VG_OK);
  CHECK (c1.folios_local, c0.folios_local);
  /* A read-only activity cap stays read-only: the server cannot pay
     with it.  */
  CHECK (vg_cap_copy (CLIENT_ACT, F (10), 0), VG_OK);
  q.label = OP_ALLOC;
  q.ncaps = 1;
  q.caps[0] = F (10);
  CHECK (vg_messenger_call (M, &q, &r, FOREVER), VG_OK);
  CHECK (r.words[0], VG_EPERM);
  CHECK (vg_activity_stats (CLIENT_ACT, &c1), VG_OK);
  CHECK (c1.folios_local, c0.folios_local);
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  struct vg_cap_info ci;
  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  CHECK (vg_activity_create (FOLIO, 0, ROOT_ACT, CLIENT_ACT), VG_OK);
  CHECK (vg_activity_create (FOLIO, 1, ROOT_ACT, SERVER_ACT), VG_OK);
  CHECK (vg_object_alloc (FOLIO, 2, VG_TYPE_MESSENGER, POLICY_DEFAULT, M),
         VG_OK);
  build_space ();
  /* The server's stack is not in our space.  */
  CHECK (vg_cap_info (VG_ADDR (SRV_STACK_VA, 1), &ci), VG_EVOID);
  start_server ();
  ping_pong ();
  null_round_trips ();
  activity_transfer ();
  CHECK (vg_thread_exregs (SERVER, VG_EXREGS_STOP, NULL, NULL), VG_OK);
  vg_yield ();
  CHECK (VG_THREAD_STATUS_WHY (vgtest_status (SERVER)), VG_STOP_EXREGS);
  CHECK (vg_folio_free (FOLIO), VG_OK);
  vg_printf ("ipc_pingpong: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
