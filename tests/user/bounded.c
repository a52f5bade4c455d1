/* Bounded kernel work (doc/architecture.md): one system call may not
   freeze the machine.  A victim thread in its own activity spins
   reading the time-stamp counter (guest instructions under -icount
   shift=0) and records the longest gap between two reads: how long
   something else held the CPU.  The attack is one call made while the
   victim spins; the victim's longest stall must stay under BOUND.

   argv[1] = alias: an activity with a quota of 2 folios aliases one page
   over 40 x 512 virtual pages (three cappages whose 256 slots all name
   the next level) in a thread's address space and touches them
   entry-major; then one cap_clear over the slot holding the top
   cappage's cap (a store over a cappage cap) must shoot it all down.
   The same set-up with other calls that destroy the aliased objects:
   argv[1] = free: folio_free of the folio holding the cappages and the
   page; discard: object_discard of the page (20,480 mappings); replace:
   object_alloc of a new page over it.

   argv[1] = chain: a chain of nested activities as deep as the kernel
   allows (at most 7,680: 60 folios of 128), and an activity X owning
   one folio of 128 activities whose parent is the chain's deepest (that
   may have children); then activity_destroy (X).

   argv[1] = ipc: the alias set-up, then a cap received by
   messenger_receive into the slot holding the top cappage's cap (a
   store over a cappage cap, inside a message transfer): once from a
   sender already queued, once (touched again) by a receiver that waits
   when the sender comes, and once (touched again) in the reply to a
   messenger_call.  Last (touched again), no loss across a stop: a
   receiver thread is handed the full copy and stopped while it
   finishes the delivery in restarted runs; the cap must not be in the
   slot while it is stopped, and must be there when, started again, its
   receive returns VG_OK.

   argv[1] = result: the alias set-up, then object_alloc of a page whose
   new cap is stored into the slot holding the top cappage's cap (a
   call's result stored over a cappage cap).

   argv[1] = threads: an activity T (under a parent P of our own) owns
   THREADS threads that ran and exited, each keeping its page-table
   cache and kernel stack (freeing one costs about 11,000 instructions);
   then activity_destroy (T), which must also give every frame back: P
   holds nothing afterwards, and the free frames are as before, less
   what the victim's own cache took.

   argv[1] = orphan: T owns 47 threads that ran and exited and one
   more, K, running on T, that destroys T: K's own call dies with it,
   so no one runs it again to release the closure, and the timer tick
   must do it: the free frames come back to what they were.

   argv[1] = console: debug_write of CONSOLE_LINES empty lines (each
   gets its own prefixed line on the console).  */
#include <stdbool.h>

#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>
#include <vg/msg.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define BOUND 1000000ull
#define F(i) FREE_CAP (i)
#define TOP_RO F (17) /* The IPC scenario's slots.  */
#define MSGR F (18)
#define SENDER F (19)
#define TOP_FULL F (20)
#define REPLY F (21)
#define RECEIVER F (22)

static uint8_t vstack[4096] __attribute__ ((aligned (16)));
static uint8_t astack[4096] __attribute__ ((aligned (16)));
static volatile uint64_t v_max, v_loops;
static volatile int a_done;
static volatile int v_yield; /* The victim yields after each read.  */

static inline uint64_t
rdtsc (void)
{
  uint32_t lo, hi;
  __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
  return ((uint64_t)hi << 32) | lo;
}

static void
victim (void)
{
  uint64_t last = rdtsc ();
  for (;;)
    {
      uint64_t now = rdtsc ();
      if (now - last > v_max)
        v_max = now - last;
      last = now;
      v_loops++;
      if (v_yield)
        vg_yield ();
    }
}

/* Let the victim run until it has looped again, so that the gap it
   measured covers everything we did.  */
static void
victim_catch_up (void)
{
  uint64_t l = v_loops;
  while (v_loops < l + 2)
    vg_yield ();
}

static void
start_victim (void)
{
  CHECK (vg_folio_alloc (ROOT_ACT, F (0)), VG_OK);
  CHECK (vg_activity_create (F (0), 0, ROOT_ACT, F (1)), VG_OK);
  CHECK (vg_object_alloc (F (0), 1, VG_TYPE_THREAD, POLICY_DEFAULT, F (2)),
         VG_OK);
  CHECK (vgtest_start (F (2), victim, vstack, sizeof vstack, F (1)), VG_OK);
  victim_catch_up ();
}

/* Run CALL (ARG) while the victim spins; report and check.  */
static void
measure (const char *what, int (*call) (void), int want)
{
  /* A quiet period first: our own yields and the timer.  */
  v_max = 0;
  for (int i = 0; i < 20; i++)
    victim_catch_up ();
  uint64_t quiet = v_max;
  v_max = 0;
  uint64_t t0 = rdtsc ();
  int err = call ();
  uint64_t t1 = rdtsc ();
  victim_catch_up ();
  uint64_t stall = v_max;
  vg_printf ("bounded: %s: call %llu instructions, victim's longest stall "
             "%llu (quiet: %llu; bound %llu)\n",
             what, (unsigned long long)(t1 - t0), (unsigned long long)stall,
             (unsigned long long)quiet, (unsigned long long)BOUND);
  CHECK (err, want);
  CHECK (stall < BOUND, 1);
}

/* The alias scenario.  */
#define BASE (5ull << 36) /* Level-1 slot 5 of our address space.  */
#define REGIONS 40

static void
toucher (void)
{
  for (uint64_t k = 0; k < 512; k++)
    for (uint64_t r = 0; r < REGIONS; r++)
      (void)*(volatile uint8_t *)(BASE + (r << 21) + (k << 12));
  a_done = 1;
  vg_thread_exit (0);
}

static int
clear_top (void)
{
  return vg_cap_clear (VG_ADDR (BASE, 1));
}

static int
free_folio (void)
{
  return vg_folio_free (F (12));
}

static int
discard_page (void)
{
  return vg_object_discard (F (15));
}

static int
replace_page (void)
{
  return vg_object_alloc (F (12), 3, VG_TYPE_PAGE, POLICY_DEFAULT, F (15));
}

/* Build the alias scenario, then measure CALL.  */
static void
alias (const char *what, int (*call) (void))
{
  /* Q: quota 2, one folio holding the cappages and the page.  */
  CHECK (vg_folio_alloc (ROOT_ACT, F (10)), VG_OK);
  CHECK (vg_activity_create (F (10), 0, ROOT_ACT, F (11)), VG_OK);
  struct vg_activity_policy pol;
  memset (&pol, 0, sizeof pol);
  pol.sibling = pol.child = (struct vg_activity_share){ 0, 1 };
  pol.cpu_sibling = pol.cpu_child = (struct vg_activity_share){ 0, 1 };
  pol.folio_quota = 2;
  CHECK (vg_activity_policy_set (F (11), &pol), VG_OK);
  CHECK (vg_folio_alloc (F (11), F (12)), VG_OK);
  CHECK (vg_object_alloc (F (12), 0, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (BASE, 1)),
         VG_OK);
  /* Read-only and full copies of the top cappage's cap (ipc).  */
  CHECK (
      vg_cap_copy (VG_ADDR (BASE, 1), TOP_RO, VG_RIGHTS_ALL & ~VG_RIGHT_WRITE),
      VG_OK);
  CHECK (vg_cap_copy (VG_ADDR (BASE, 1), TOP_FULL, VG_RIGHTS_ALL), VG_OK);
  CHECK (vg_object_alloc (F (12), 1, VG_TYPE_CAPPAGE, POLICY_DEFAULT, F (13)),
         VG_OK);
  CHECK (vg_object_alloc (F (12), 2, VG_TYPE_CAPPAGE, POLICY_DEFAULT, F (14)),
         VG_OK);
  CHECK (vg_object_alloc (F (12), 3, VG_TYPE_PAGE, POLICY_DEFAULT, F (15)),
         VG_OK);
  int bad = 0;
  for (uint64_t i = 0; i < 256; i++)
    bad += vg_cap_copy (F (13), VG_ADDR (BASE + (i << 28), 2), VG_RIGHTS_ALL)
           != VG_OK;
  for (uint64_t i = 0; i < 256; i++)
    bad += vg_cap_copy (F (14), VG_ADDR (BASE + (i << 20), 3), VG_RIGHTS_ALL)
           != VG_OK;
  for (uint64_t i = 0; i < 256; i++)
    bad += vg_cap_copy (F (15), VG_ADDR (BASE + (i << 12), 4), VG_RIGHTS_ALL)
           != VG_OK;
  CHECK (bad, 0);
  /* The toucher runs on Q, so Q pays for its page tables.  */
  CHECK (vg_object_alloc (F (10), 1, VG_TYPE_THREAD, POLICY_DEFAULT, F (16)),
         VG_OK);
  CHECK (vgtest_start (F (16), toucher, astack, sizeof astack, F (11)), VG_OK);
  while (!a_done)
    vg_yield ();
  struct vg_activity_stats st;
  CHECK (vg_activity_stats (F (11), &st), VG_OK);
  vg_printf ("bounded: alias: %d x 512 pages touched; Q holds %llu folios, "
             "%llu frames\n",
             REGIONS, (unsigned long long)st.folios_total,
             (unsigned long long)st.frames_total);
  start_victim ();
  measure (what, call, VG_OK);
}

/* The IPC scenario: the alias set-up with a read-only and a full copy
   of the top cappage's cap (TOP_RO, TOP_FULL), a messenger and a sender
   thread that sends the read-only copy at once (it queues), then the
   full one when S_GO is set (the receiver waits).  The rights in the
   slot after each receive show that the store was made (the toucher
   only reads, so a read-only top is enough for it).  */
static uint8_t sstack[4096] __attribute__ ((aligned (16)));
static volatile int s_go;

static struct vg_msg m_ro; /* A message carrying TOP_RO.  */

static void
cap_sender (void)
{
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.ncaps = 1;
  m.caps[0] = TOP_RO;
  vg_messenger_send (MSGR, &m, UINT64_MAX);
  while (!s_go)
    vg_yield ();
  m.caps[0] = TOP_FULL;
  vg_messenger_send (MSGR, &m, UINT64_MAX);
  /* Then serve one call: the reply carries the read-only copy.  */
  struct vg_msg r;
  memset (&r, 0, sizeof r);
  r.reply = REPLY;
  if (vg_messenger_receive (MSGR, &r, UINT64_MAX) == VG_OK)
    vg_messenger_reply (REPLY, &m_ro);
  vg_thread_exit (0);
}

/* Receive into the top cappage's slot; -1 if the message or the cap in
   the slot after it is not what was sent (WRITE: with VG_RIGHT_WRITE).
 */
static int
receive_top (bool write)
{
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.ncaps = 1;
  m.caps[0] = VG_ADDR (BASE, 1);
  int err = vg_messenger_receive (MSGR, &m, UINT64_MAX);
  struct vg_cap_info info;
  if (err == VG_OK
      && (m.ncaps != 1 || vg_cap_info (VG_ADDR (BASE, 1), &info) != VG_OK
          || info.type != VG_TYPE_CAPPAGE
          || !(info.rights & VG_RIGHT_WRITE) != !write))
    return -1;
  return err;
}

/* A call whose reply carries TOP_RO into the top cappage's slot.  */
static int
call_top (void)
{
  struct vg_msg req, rep;
  memset (&req, 0, sizeof req);
  memset (&rep, 0, sizeof rep);
  rep.ncaps = 1;
  rep.caps[0] = VG_ADDR (BASE, 1);
  int err = vg_messenger_call (MSGR, &req, &rep, UINT64_MAX);
  struct vg_cap_info info;
  if (err == VG_OK
      && (rep.ncaps != 1 || vg_cap_info (VG_ADDR (BASE, 1), &info) != VG_OK
          || info.type != VG_TYPE_CAPPAGE || (info.rights & VG_RIGHT_WRITE)))
    return -1;
  return err;
}

static int
receive_waiting (void)
{
  s_go = 1; /* The sender runs once we block.  */
  return receive_top (true);
}

/* The receiver thread of the stop case.  */
static uint8_t rstack[4096] __attribute__ ((aligned (16)));
static volatile int r_err = 1, r_done;

static void
receiver (void)
{
  r_err = receive_top (true);
  r_done = 1;
  vg_thread_exit (0);
}

/* The top slot's cap has VG_RIGHT_WRITE.  */
static bool
top_writable (void)
{
  struct vg_cap_info info;
  return vg_cap_info (VG_ADDR (BASE, 1), &info) == VG_OK
         && (info.rights & VG_RIGHT_WRITE);
}

static void
stop_while_delivering (void)
{
  CHECK (top_writable (), 0); /* The call's reply left the read-only one.  */
  CHECK (vg_object_alloc (F (10), 4, VG_TYPE_THREAD, POLICY_DEFAULT, RECEIVER),
         VG_OK);
  CHECK (vgtest_start (RECEIVER, receiver, rstack, sizeof rstack, ROOT_ACT),
         VG_OK);
  for (int i = 0; i < 4; i++)
    vg_yield (); /* It waits.  */
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.ncaps = 1;
  m.caps[0] = TOP_FULL;
  CHECK (vg_messenger_send (MSGR, &m, 0), VG_OK); /* Handed over.  */
  vg_yield ();
  struct vg_thread_state s;
  CHECK (vg_thread_exregs (RECEIVER, VG_EXREGS_STOP, NULL, &s), VG_OK);
  for (int i = 0; i < 20; i++)
    vg_yield ();
  /* Stopped at a restart of its receive, the delivery unfinished.  */
  CHECK (s.regs.rax, VG_SYS_MESSENGER_RECEIVE);
  CHECK (r_done, 0);
  CHECK (top_writable (), 0);
  CHECK (vg_thread_exregs (RECEIVER, VG_EXREGS_START, NULL, NULL), VG_OK);
  while (!r_done)
    vg_yield ();
  CHECK (r_err, VG_OK);
  CHECK (top_writable (), 1);
  vg_printf ("bounded: a receiver stopped while delivering finished the "
             "delivery when started\n");
}

/* The toucher (exited) replaced by a fresh one that touches again.  */
static void
retouch (void)
{
  a_done = 0;
  CHECK (vg_object_alloc (F (10), 1, VG_TYPE_THREAD, POLICY_DEFAULT, F (16)),
         VG_OK);
  CHECK (vgtest_start (F (16), toucher, astack, sizeof astack, F (11)), VG_OK);
  while (!a_done)
    vg_yield ();
}

static int
ipc_setup (void)
{
  memset (&m_ro, 0, sizeof m_ro);
  m_ro.ncaps = 1;
  m_ro.caps[0] = TOP_RO;
  CHECK (vg_object_alloc (F (10), 2, VG_TYPE_MESSENGER, POLICY_DEFAULT, MSGR),
         VG_OK);
  CHECK (vg_object_alloc (F (10), 3, VG_TYPE_THREAD, POLICY_DEFAULT, SENDER),
         VG_OK);
  CHECK (vgtest_start (SENDER, cap_sender, sstack, sizeof sstack, ROOT_ACT),
         VG_OK);
  for (int i = 0; i < 4; i++)
    vg_yield (); /* It queues.  */
  return receive_top (false);
}

/* The result scenario: a new page's cap stored over the top cappage's
   cap; -1 if the slot does not hold a page cap afterwards.  */
static int
alloc_over_top (void)
{
  int err = vg_object_alloc (F (10), 2, VG_TYPE_PAGE, POLICY_DEFAULT,
                             VG_ADDR (BASE, 1));
  struct vg_cap_info info;
  if (err == VG_OK
      && (vg_cap_info (VG_ADDR (BASE, 1), &info) != VG_OK
          || info.type != VG_TYPE_PAGE))
    return -1;
  return err;
}

/* The chain scenario.  */
#define CHAIN_FOLIOS 60

static int
destroy_x (void)
{
  return vg_activity_destroy (F (12));
}

static void
chain (void)
{
  /* Two slots for the chain's last two activities, one for its folio.  */
  vg_addr_t link[2] = { F (20), F (21) };
  CHECK (vg_cap_copy (ROOT_ACT, link[0], VG_RIGHTS_ALL), VG_OK);
  unsigned depth = 0;
  int err = VG_OK;
  for (unsigned i = 0; i < CHAIN_FOLIOS * 128 && err == VG_OK; i++)
    {
      if (i % 128 == 0 && vg_folio_alloc (ROOT_ACT, F (22)) != VG_OK)
        break;
      err = vg_activity_create (F (22), i % 128, link[i % 2],
                                link[(i + 1) % 2]);
      if (err == VG_OK)
        depth++;
    }
  /* The deepest activity that may have children: the last one, or its
     parent if the last one is at the kernel's depth limit (the failed
     create changed nothing, so its slot still holds the parent).  */
  vg_addr_t deepest = link[(err == VG_EDEPTH ? depth + 1 : depth) % 2];
  vg_printf ("bounded: chain: %u nested activities (stopped by %d)\n", depth,
             err);
  CHECK (err == VG_OK || err == VG_EDEPTH, 1);
  /* X owns one folio of 128 activities under the deepest.  */
  CHECK (vg_folio_alloc (ROOT_ACT, F (10)), VG_OK);
  CHECK (vg_activity_create (F (10), 0, ROOT_ACT, F (12)), VG_OK);
  CHECK (vg_folio_alloc (F (12), F (13)), VG_OK);
  int bad = 0;
  for (unsigned s = 0; s < 128; s++)
    bad += vg_activity_create (F (13), s, deepest, F (14)) != VG_OK;
  CHECK (bad, 0);
  start_victim ();
  measure ("activity_destroy (X)", destroy_x, VG_OK);
}

/* The threads scenario.  */
#define THREADS 256

static uint8_t tstacks[THREADS][512] __attribute__ ((aligned (16)));
static volatile unsigned t_exited;

static void
quick (void)
{
  __atomic_add_fetch (&t_exited, 1, __ATOMIC_SEQ_CST);
  vg_thread_exit (0);
}

/* Start thread I on T (F(11)): its object in slot I % 128 of the folio
   F(13), running quick on its own stack.  The number of calls that
   failed.  */
static int
start_quick (unsigned i)
{
  int bad = vg_object_alloc (F (13), i % 128, VG_TYPE_THREAD, POLICY_DEFAULT,
                             F (14))
            != VG_OK;
  return bad
         + (vgtest_start (F (14), quick, tstacks[i], sizeof tstacks[i], F (11))
            != VG_OK);
}

static int
destroy_t (void)
{
  return vg_activity_destroy (F (11));
}

static void
threads (void)
{
  /* P in F(10) slot 0, T in slot 1 under P; the victim made first but
     started only once the threads are done.  */
  CHECK (vg_folio_alloc (ROOT_ACT, F (10)), VG_OK);
  CHECK (vg_activity_create (F (10), 0, ROOT_ACT, F (12)), VG_OK);
  CHECK (vg_folio_alloc (ROOT_ACT, F (0)), VG_OK);
  CHECK (vg_activity_create (F (0), 0, ROOT_ACT, F (1)), VG_OK);
  CHECK (vg_object_alloc (F (0), 1, VG_TYPE_THREAD, POLICY_DEFAULT, F (2)),
         VG_OK);
  struct vg_mm_stats m0, m1;
  CHECK (vg_mm_stats (&m0), VG_OK);
  CHECK (vg_activity_create (F (10), 1, F (12), F (11)), VG_OK);
  int bad = 0;
  for (unsigned i = 0; i < THREADS; i++)
    {
      if (i % 128 == 0)
        bad += vg_folio_alloc (F (11), F (13)) != VG_OK;
      bad += start_quick (i);
    }
  CHECK (bad, 0);
  while (t_exited < THREADS)
    vg_yield ();
  struct vg_activity_stats st;
  CHECK (vg_activity_stats (F (11), &st), VG_OK);
  vg_printf ("bounded: threads: %u exited; T holds %llu folios, %llu frames\n",
             THREADS, (unsigned long long)st.folios_total,
             (unsigned long long)st.frames_total);
  /* The call restarts about 40 times: a yielding victim keeps that
     quick (as in console below).  */
  v_yield = 1;
  CHECK (vgtest_start (F (2), victim, vstack, sizeof vstack, F (1)), VG_OK);
  victim_catch_up ();
  measure ("activity_destroy (T)", destroy_t, VG_OK);
  CHECK (vg_activity_stats (F (11), &st), VG_EDEADCAP);
  CHECK (vg_activity_stats (F (12), &st), VG_OK);
  CHECK (st.folios_total, 0);
  CHECK (st.frames_total, 0);
  struct vg_activity_stats vs;
  CHECK (vg_activity_stats (F (1), &vs), VG_OK);
  CHECK (vg_mm_stats (&m1), VG_OK);
  vg_printf ("bounded: threads: free frames %llu before, %llu after, the "
             "victim's cache %llu\n",
             (unsigned long long)m0.frames_free,
             (unsigned long long)m1.frames_free,
             (unsigned long long)vs.frames_total);
  CHECK (m1.frames_free + vs.frames_total, m0.frames_free);
}

/* The orphan scenario.  */
#define ORPHANS 48
static void
killer (void)
{
  vg_activity_destroy (F (11));
  t_exited = ~0u; /* Never reached: K died with T.  */
  vg_thread_exit (0);
}

static void
orphan (void)
{
  struct vg_mm_stats m0, m1;
  CHECK (vg_mm_stats (&m0), VG_OK);
  CHECK (vg_folio_alloc (ROOT_ACT, F (10)), VG_OK);
  CHECK (vg_activity_create (F (10), 0, ROOT_ACT, F (11)), VG_OK);
  CHECK (vg_folio_alloc (F (11), F (13)), VG_OK);
  int bad = 0;
  for (unsigned i = 0; i < ORPHANS - 1; i++)
    {
      bad += start_quick (i);
    }
  CHECK (bad, 0);
  while (t_exited < ORPHANS - 1)
    vg_yield ();
  CHECK (vg_mm_stats (&m1), VG_OK);
  uint64_t held = m0.frames_free - m1.frames_free;
  CHECK (vg_object_alloc (F (13), ORPHANS - 1, VG_TYPE_THREAD, POLICY_DEFAULT,
                          F (14)),
         VG_OK);
  CHECK (vgtest_start (F (14), killer, tstacks[ORPHANS - 1], sizeof tstacks[0],
                       F (11)),
         VG_OK);
  /* K runs, destroys T and itself; then the ticks release the rest.  */
  unsigned spins = 0;
  struct vg_activity_stats st;
  while (vg_activity_stats (F (11), &st) == VG_OK)
    vg_yield ();
  uint64_t t0 = rdtsc ();
  do
    {
      CHECK (vg_mm_stats (&m1), VG_OK);
      spins++;
    }
  while (m1.frames_free + 1 < m0.frames_free && rdtsc () - t0 < 2000000000ull);
  vg_printf ("bounded: orphan: %llu frames held by T; free frames %llu "
             "before, %llu after %u looks (%llu instructions)\n",
             (unsigned long long)held, (unsigned long long)m0.frames_free,
             (unsigned long long)m1.frames_free, spins,
             (unsigned long long)(rdtsc () - t0));
  CHECK (t_exited, ORPHANS - 1);
  /* Our F(10) folio's header and T's slot are still allocated.  */
  CHECK (m1.frames_free + 1, m0.frames_free);
}

/* The console scenario: one debug_write of many lines.  Each line
   costs about 1,000 instructions, so this many in one run would stall
   the victim for about 2 M.  */
#define CONSOLE_LINES 2048
static char lines[CONSOLE_LINES];

static int
write_lines (void)
{
  return vg_debug_write (lines, sizeof lines);
}

static void
console (void)
{
  memset (lines, '\n', sizeof lines);
  /* Each run of the call restarts at a preemption point; a victim that
     yields hands the CPU straight back (instead of spinning out its
     time slice each time), so the test takes a few M, not 1 G.  Its
     longest stall is still the longest run.  */
  v_yield = 1;
  start_victim ();
  measure ("debug_write of 2048 lines", write_lines, VG_OK);
}

int
main (int argc, char **argv)
{
  const char *what = argc > 1 ? argv[1] : "";
  if (!strcmp (what, "alias"))
    alias ("cap_clear over the top cappage", clear_top);
  else if (!strcmp (what, "free"))
    alias ("folio_free of the aliased objects' folio", free_folio);
  else if (!strcmp (what, "discard"))
    alias ("object_discard of the aliased page", discard_page);
  else if (!strcmp (what, "replace"))
    alias ("object_alloc over the aliased page", replace_page);
  else if (!strcmp (what, "ipc"))
    {
      /* The victim yields, as in console (many restarts).  */
      v_yield = 1;
      alias ("messenger_receive of a cap over the top cappage (queued "
             "sender)",
             ipc_setup);
      retouch ();
      measure ("messenger_receive of a cap over the top cappage (waiting "
               "receiver)",
               receive_waiting, VG_OK);
      retouch ();
      measure ("messenger_call whose reply carries a cap over the top "
               "cappage",
               call_top, VG_OK);
      retouch ();
      stop_while_delivering ();
    }
  else if (!strcmp (what, "result"))
    {
      v_yield = 1; /* As in ipc.  */
      alias ("object_alloc storing its cap over the top cappage",
             alloc_over_top);
    }
  else if (!strcmp (what, "threads"))
    threads ();
  else if (!strcmp (what, "orphan"))
    orphan ();
  else if (!strcmp (what, "console"))
    console ();
  else if (what[0] == 'c')
    chain ();
  else
    CHECK (0, 1);
  if (strcmp (what, "orphan")) /* No victim there.  */
    CHECK (vg_thread_exregs (F (2), VG_EXREGS_STOP, NULL, NULL), VG_OK);
  vg_printf ("bounded: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
