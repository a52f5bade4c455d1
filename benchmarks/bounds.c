/* The longest kernel entries (doc/performance.md): drive every system
   call with adversarial sizes inside an ordinary quota and print, per
   scenario, the kernel's own entry statistics (<vg/entrystat.h>; the
   kernel must be booted with `entrystat'): for each row touched, how
   many entries and the most guest instructions one of them ran with
   interrupts off.  tools/bench-bounds collects the lines

     BOUNDS scenario=S row=R count=N max=M total=T

   into a table of the worst entry per row.  Each scenario runs in its
   own activity with the default module quota (QUOTA folios) and is
   destroyed at its end.

   argv[1] = smoke: every scenario with small sizes (the make check
   test that the recorder and this program work); otherwise full
   sizes.  */
#include "bounds.h"

int main (int argc, char **argv);

int failures;
bool smoke;

/* The statistics.  */
static struct vg_entry_stats st;

/* "PREFIX" and N in BUF.  */
static const char *
numbered (char *buf, const char *prefix, unsigned n)
{
  unsigned i = 0;
  while (prefix[i])
    buf[i] = prefix[i], i++;
  buf[i++] = (char)('0' + n / 100 % 10);
  buf[i++] = (char)('0' + n / 10 % 10);
  buf[i++] = (char)('0' + n % 10);
  buf[i] = 0;
  return buf;
}

static const char *
row_name (unsigned row, char *buf)
{
  switch (row)
    {
#define X(nr, name, nargs)                                                    \
  case nr:                                                                    \
    return #name;
      VG_SYSCALLS (X)
#undef X
    case VG_ENTRY_ROW_PAGE_FAULT:
      return "page_fault";
    case VG_ENTRY_ROW_EXCEPTION:
      return "exception";
    case VG_ENTRY_ROW_IRQ0:
      return "timer_irq";
    case VG_ENTRY_ROW_RECLAIM_TICK:
      return "reclaim_tick";
    }
  if (row < VG_ENTRY_ROW_SYSCALLS)
    return numbered (buf, "unknown_call_", row);
  if (row >= VG_ENTRY_ROW_IRQ0 && row < VG_ENTRY_ROW_IRQ0 + VG_ENTRY_IRQS)
    return numbered (buf, "irq_", row - VG_ENTRY_ROW_IRQ0);
  return numbered (buf, "row_", row);
}

static void
stats_reset (void)
{
  CHECK (vg_entry_stats (&st, VG_ENTRY_STATS_RESET), VG_OK);
}

/* Rows seen in any scenario.  */
static uint64_t seen[VG_ENTRY_ROWS];

/* Print every row the scenario touched, then reset.  */
void
stats_report (const char *scenario)
{
  CHECK (vg_entry_stats (&st, VG_ENTRY_STATS_RESET), VG_OK);
  char buf[16];
  for (unsigned r = 0; r < VG_ENTRY_ROWS; r++)
    {
      seen[r] += st.row[r].count;
      if (st.row[r].count)
        vg_printf ("BOUNDS scenario=%s row=%s count=%lu max=%lu total=%lu\n",
                   scenario, row_name (r, buf), (unsigned long)st.row[r].count,
                   (unsigned long)st.row[r].max,
                   (unsigned long)st.row[r].total);
    }
}

static unsigned sact_next;

void
scenario_begin (const char *name)
{
  vg_printf ("bounds: scenario %s\n", name);
  if (sact_next == 0)
    CHECK (vg_folio_alloc (ROOT_ACT, SFOLIO), VG_OK);
  CHECK (vg_activity_create (SFOLIO, sact_next++ % 128, ROOT_ACT, SACT),
         VG_OK);
  struct vg_activity_policy p;
  memset (&p, 0, sizeof p);
  p.sibling = p.child = (struct vg_activity_share){ 0, 1 };
  p.cpu_sibling = p.cpu_child = (struct vg_activity_share){ 0, 1 };
  p.folio_quota = QUOTA;
  CHECK (vg_activity_policy_set (SACT, &p), VG_OK);
  stats_reset ();
}

void
scenario_end (const char *name)
{
  stats_report (name);
  /* The teardown is part of the scenario: a whole quota's closure.  */
  CHECK (vg_activity_destroy (SACT), VG_OK);
  char buf[48];
  size_t n = strlen (name);
  memcpy (buf, name, n);
  memcpy (buf + n, "_teardown", 10);
  stats_report (buf);
}

/* Threads.  Each helper thread gets a small stack from this pool.  */
#define MAX_THREADS 1024
#define TSTACK 1024
static uint8_t tstacks[MAX_THREADS][TSTACK] __attribute__ ((aligned (16)));
static unsigned tnext;

int
start_thread (vg_addr_t thread, void (*fn) (void), vg_addr_t activity)
{
  uint8_t *stack = tstacks[tnext++ % MAX_THREADS];
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.regs.rip = (uint64_t)fn;
  s.regs.rsp = (((uint64_t)stack + TSTACK) & ~15ull) - 8;
  s.regs.rflags = 0x202;
  s.aspace = ASPACE;
  s.activity = activity;
  return vg_thread_exregs (thread,
                           VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE
                               | VG_EXREGS_SET_ACTIVITY | VG_EXREGS_START,
                           &s, NULL);
}

/* Threads park on PARK (receive, forever), keeping their
   address-space caches.  */
void
park (void)
{
  struct vg_msg m;
  for (;;)
    {
      memset (&m, 0, sizeof m);
      vg_messenger_receive (PARK, &m, FOREVER);
    }
}

/* --- Every call once, ordinary arguments.  ------------------------- */

static volatile uint64_t notified;

static int
on_notify (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)regs;
  (void)normal;
  notified += ev->arg[0];
  return ACT_HANDLED;
}

static int
on_exception (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)ev;
  (void)normal;
  regs->rip += 2; /* Skip the ud2.  */
  return ACT_HANDLED;
}

bool
stopped (vg_addr_t thread)
{
  struct vg_thread_state s;
  return vg_thread_exregs (thread, 0, NULL, &s) == VG_OK
         && (s.status & 0xff) == VG_THREAD_STOPPED;
}

static void
exiter (void)
{
  vg_thread_exit (0);
}

static volatile int srv_served;

static void
server (void)
{
  for (;;)
    {
      struct vg_msg m;
      memset (&m, 0, sizeof m);
      m.ncaps = VG_MSG_CAPS;
      for (unsigned i = 0; i < VG_MSG_CAPS; i++)
        m.caps[i] = F (40 + i);
      m.reply = F (39);
      if (vg_messenger_receive (F (12), &m, FOREVER) != VG_OK)
        continue;
      srv_served++;
      if (m.label == 1)
        {
          struct vg_msg r = m;
          r.ncaps = 1;
          r.caps[0] = F (40);
          vg_messenger_reply (F (39), &r);
        }
    }
}

static void
every_call (void)
{
  scenario_begin ("calls");
  char b[64];
  memset (b, 'x', sizeof b);
  uint64_t ns;
  CHECK (vg_debug_write ("bounds: debug_write\n", 20), VG_OK);
  CHECK (vg_time (&ns), VG_OK);
  CHECK (vg_yield (), VG_OK);
  int err = vg_host_write (1, "bounds", 6, b, sizeof b);
  CHECK (err == VG_OK || err == VG_ENOSYS, 1);
  CHECK (vg_folio_alloc (SACT, F (10)), VG_OK);
  CHECK (vg_object_alloc (F (10), 0, VG_TYPE_PAGE, POLICY, F (11)), VG_OK);
  CHECK (vg_object_alloc (F (10), 1, VG_TYPE_MESSENGER, POLICY, F (12)),
         VG_OK);
  CHECK (vg_object_alloc (F (10), 2, VG_TYPE_THREAD, POLICY, F (13)), VG_OK);
  CHECK (vg_object_alloc (F (10), 3, VG_TYPE_THREAD, POLICY, F (14)), VG_OK);
  CHECK (vg_activity_create (F (10), 4, SACT, F (15)), VG_OK);
  CHECK (vg_cap_copy (F (11), F (16), VG_RIGHTS_ALL), VG_OK);
  struct vg_cap_info ci;
  CHECK (vg_cap_info (F (16), &ci), VG_OK);
  uint64_t oid;
  CHECK (vg_cap_oid (F (16), &oid), VG_OK);
  CHECK (vg_cap_clear (F (16)), VG_OK);
  CHECK (vg_object_policy_set (F (11), VG_OBJECT_POLICY_DISCARDABLE), VG_OK);
  CHECK (vg_object_discard (F (11)), VG_OK);
  struct vg_activity_policy p;
  memset (&p, 0, sizeof p);
  p.sibling = p.child = (struct vg_activity_share){ 0, 1 };
  p.cpu_sibling = p.cpu_child = (struct vg_activity_share){ 0, 1 };
  CHECK (vg_activity_policy_set (F (15), &p), VG_OK);
  struct vg_activity_stats as;
  CHECK (vg_activity_stats (F (15), &as), VG_OK);
  struct vg_mm_stats ms;
  CHECK (vg_mm_stats (&ms), VG_OK);
  CHECK (vg_activity_notices (F (15), F (13), VG_NOTICE_DISCARD, 0), VG_OK);
  CHECK (vg_activity_notices (F (15), VG_ADDR_VOID, 0, 0), VG_OK);
  /* IPC: a server thread; send, call, reply, bind.  */
  CHECK (start_thread (F (13), server, SACT), VG_OK);
  struct vg_msg m, r;
  memset (&m, 0, sizeof m);
  m.nwords = VG_MSG_WORDS;
  m.ncaps = VG_MSG_CAPS;
  for (unsigned i = 0; i < VG_MSG_CAPS; i++)
    m.caps[i] = F (11);
  CHECK (vg_messenger_send (F (12), &m, FOREVER), VG_OK);
  m.label = 1;
  memset (&r, 0, sizeof r);
  r.ncaps = 1;
  r.caps[0] = F (17);
  CHECK (vg_messenger_call (F (12), &m, &r, FOREVER), VG_OK);
  CHECK (vg_messenger_bind (F (12), VG_ADDR_VOID, 0), VG_OK);
  CHECK (vg_messenger_bind (F (12), VG_ADDR_VOID, VG_MESSENGER_UNBIND), VG_OK);
  /* Receive with nobody sending: times out.  */
  CHECK (vg_messenger_receive (F (12), &r, 0) == VG_OK, 0);
  /* Activations: notify ourselves, take an exception; both return
     through activation_return.  */
  CHECK (act_handler_add (VG_ACT_EV_NOTIFY, on_notify), VG_OK);
  CHECK (act_handler_add (VG_ACT_EV_EXCEPTION, on_exception), VG_OK);
  CHECK (vg_activation_notify (VG_ADDR_VOID, 5), VG_OK);
  __asm__ volatile("ud2" ::: "memory");
  CHECK (notified, 5);
  CHECK (vg_activation_register (F (14), 0, 0, 0), VG_OK);
  /* Thread exit and exregs.  */
  struct vg_thread_state ts;
  CHECK (vg_thread_exregs (F (13), 0, NULL, &ts), VG_OK);
  CHECK (start_thread (F (14), exiter, SACT), VG_OK);
  while (!stopped (F (14)))
    vg_yield ();
  CHECK (vg_folio_free (F (10)), VG_OK);
  /* An unknown call number.  */
  CHECK (vg_syscall_trap (250, 0, 0, 0, 0, 0, 0), VG_ENOSYS);
  scenario_end ("calls");
}

/* --- The console: the most output one call may cause.  ------------- */

static char big[VG_HOST_DATA_MAX > VG_DEBUG_WRITE_MAX ? VG_HOST_DATA_MAX
                                                      : VG_DEBUG_WRITE_MAX];
static char name[VG_HOST_NAME_MAX];

static void
console (void)
{
  scenario_begin ("console");
  size_t n = SZ (VG_DEBUG_WRITE_MAX, 64);
  /* Every byte a line of its own (a prefix each), then every byte
     escaped (four bytes each).  */
  memset (big, '\n', n);
  CHECK (vg_debug_write (big, n), VG_OK);
  memset (big, 1, n);
  CHECK (vg_debug_write (big, n), VG_OK);
  memset (name, 'n', sizeof name);
  memset (big, 0xff, sizeof big);
  int err
      = vg_host_write (1, name, sizeof name, big, SZ (VG_HOST_DATA_MAX, 64));
  CHECK (err == VG_OK || err == VG_ENOSYS, 1);
  scenario_end ("console");
}

/* --- Many activities: a wide tree, and the deepest chain.  --------- */

#define W_FOLIO F (33)
#define W_ACT F (34)

static void
activities (void)
{
  scenario_begin ("activities");
  /* All but four folios of activities: the rest for pages touched past
     a frame limit, so that each fault's victim walk meets every
     child.  */
  unsigned folios = SZ (QUOTA - 4, 2);
  int bad = 0;
  for (unsigned i = 0; i < folios; i++)
    {
      bad += vg_folio_alloc (SACT, W_FOLIO) != VG_OK;
      for (unsigned s = 0; s < 128; s++)
        bad += vg_activity_create (W_FOLIO, s, SACT, W_ACT) != VG_OK;
    }
  CHECK (bad, 0);
  stats_report ("activities_setup");
  struct vg_activity_stats as;
  CHECK (vg_activity_stats (SACT, &as), VG_OK);
  touch_past_limit (SZ (3, 2), as.frames_total + SZ (128, 32));
  stats_report ("activities_faults");
  scenario_end ("activities");
}

#define CH_FOLIO F (35)
#define CH_LINK0 F (36)
#define CH_LINK1 F (37)
#define CH_X F (38)
#define CH_XFOLIO F (44)
#define CH_PFOLIO F (45)
#define CHBASE (7ull << 36)

static void
chain (void)
{
  scenario_begin ("chain");
  vg_addr_t link[2] = { CH_LINK0, CH_LINK1 };
  CHECK (vg_cap_copy (SACT, link[0], VG_RIGHTS_ALL), VG_OK);
  CHECK (vg_folio_alloc (SACT, CH_FOLIO), VG_OK);
  unsigned depth = 0;
  int err = VG_OK;
  for (unsigned i = 0; i < 128 && err == VG_OK; i++)
    {
      err = vg_activity_create (CH_FOLIO, i, link[i % 2], link[(i + 1) % 2]);
      if (err == VG_OK)
        depth++;
    }
  CHECK (err, VG_EDEPTH);
  vg_addr_t deepest = link[(depth + 1) % 2];
  /* The deepest pays for a folio of pages we touch: every charge walks
     the whole chain.  */
  for (unsigned l = 1; l <= 3; l++)
    CHECK (vg_object_alloc (CH_FOLIO, 100 + l, VG_TYPE_CAPPAGE, POLICY,
                            VG_ADDR (CHBASE, l)),
           VG_OK);
  CHECK (vg_folio_alloc (deepest, CH_PFOLIO), VG_OK);
  int bad = 0;
  for (unsigned s = 0; s < 128; s++)
    bad += vg_object_alloc (CH_PFOLIO, s, VG_TYPE_PAGE, POLICY,
                            VG_ADDR (CHBASE + ((uint64_t)s << 12), 4))
           != VG_OK;
  CHECK (bad, 0);
  for (unsigned s = 0; s < 128; s++)
    *(volatile uint8_t *)(CHBASE + ((uint64_t)s << 12)) = 1;
  /* X owns one folio of 128 activities under the deepest.  */
  CHECK (vg_activity_create (CH_FOLIO, 127, SACT, CH_X), VG_OK);
  CHECK (vg_folio_alloc (CH_X, CH_XFOLIO), VG_OK);
  for (unsigned s = 0; s < 128; s++)
    bad += vg_activity_create (CH_XFOLIO, s, deepest, F (46)) != VG_OK;
  CHECK (bad, 0);
  stats_report ("chain_setup");
  CHECK (vg_activity_destroy (CH_X), VG_OK);
  scenario_end ("chain");
}

/* --- IPC: a long queue of senders, then its messenger destroyed; the
   same threads then time out together at one tick.  ----------------- */

#define I_TFOLIO F (47)
#define I_MFOLIO F (48)
#define I_MQ F (49)
#define I_MT F (50)
#define I_THREAD F (51)
static volatile unsigned i_queued, i_exited;
static volatile int i_go;
static volatile uint64_t i_deadline;
#define IBASE (9ull << 36)
#define I_TOP F (55)

static void
sender (void)
{
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.nwords = VG_MSG_WORDS;
  m.ncaps = VG_MSG_CAPS;
  for (unsigned i = 0; i < VG_MSG_CAPS; i++)
    m.caps[i] = I_MT;
  /* A page through the shared cappages: each thread's cache translates
     through them.  */
  (void)*(volatile uint8_t *)IBASE;
  i_queued++;
  vg_messenger_send (I_MQ, &m, FOREVER);
  while (!i_go)
    vg_yield ();
  memset (&m, 0, sizeof m);
  /* The kernel's clock advances by ticks and a deadline is now plus
     the timeout, so every thread that reads the clock and blocks in
     the same tick gets exactly I_DEADLINE: one tick wakes them all.  */
  uint64_t now;
  vg_time (&now);
  vg_messenger_receive (I_MT, &m, i_deadline > now ? i_deadline - now : 1);
  i_exited++;
  vg_thread_exit (0);
}

static void
ipc (void)
{
  scenario_begin ("ipc");
  unsigned n = SZ (MAX_THREADS, 16);
  CHECK (vg_folio_alloc (SACT, I_MFOLIO), VG_OK);
  CHECK (vg_object_alloc (I_MFOLIO, 0, VG_TYPE_MESSENGER, POLICY, I_MQ),
         VG_OK);
  CHECK (vg_object_alloc (I_MFOLIO, 1, VG_TYPE_MESSENGER, POLICY, I_MT),
         VG_OK);
  for (unsigned l = 1; l <= 3; l++)
    CHECK (vg_object_alloc (I_MFOLIO, 1 + l, VG_TYPE_CAPPAGE, POLICY,
                            VG_ADDR (IBASE, l)),
           VG_OK);
  CHECK (
      vg_object_alloc (I_MFOLIO, 5, VG_TYPE_PAGE, POLICY, VG_ADDR (IBASE, 4)),
      VG_OK);
  CHECK (vg_cap_copy (VG_ADDR (IBASE, 1), I_TOP, VG_RIGHTS_ALL), VG_OK);
  i_queued = i_exited = 0;
  i_go = 0;
  int bad = 0;
  for (unsigned i = 0; i < n; i++)
    {
      if (i % 128 == 0)
        bad += vg_folio_alloc (SACT, I_TFOLIO) != VG_OK;
      bad += vg_object_alloc (I_TFOLIO, i % 128, VG_TYPE_THREAD, POLICY,
                              I_THREAD)
             != VG_OK;
      bad += start_thread (I_THREAD, sender, SACT) != VG_OK;
    }
  CHECK (bad, 0);
  while (i_queued < n)
    vg_yield ();
  for (int i = 0; i < 4; i++)
    vg_yield ();
  stats_report ("ipc_queue");
  /* A store over the cappage every thread's cache translates through:
     one mapping each, but as many caches as threads.  */
  CHECK (vg_cap_copy (I_TOP, VG_ADDR (IBASE, 1), VG_RIGHTS_ALL), VG_OK);
  stats_report ("ipc_store_over_shared_cappage");
  /* Take one message off the long queue.  */
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  CHECK (vg_messenger_receive (I_MQ, &m, 0), VG_OK);
  stats_report ("ipc_receive");
  /* Destroy the messenger under the rest of the queue.  */
  CHECK (vg_object_alloc (I_MFOLIO, 0, VG_TYPE_PAGE, POLICY, VG_ADDR_VOID),
         VG_OK);
  stats_report ("ipc_destroy_messenger");
  /* All of them wait for the same deadline, then exit.  */
  uint64_t now;
  vg_time (&now);
  i_deadline = now + SZ (200, 20) * MS;
  i_go = 1;
  while (i_exited < n)
    vg_yield ();
  stats_report ("ipc_timeouts");
  scenario_end ("ipc");
}

/* --- Activations: a full event queue.  ----------------------------- */

static volatile int flood;
static volatile unsigned busy;

static int
on_flood (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)ev;
  (void)regs;
  (void)normal;
  if (flood)
    {
      flood = 0;
      for (unsigned i = 0; i <= VG_ACT_QUEUE_LEN; i++)
        busy += vg_activation_notify (VG_ADDR_VOID, 0) == VG_EBUSY;
    }
  return ACT_HANDLED;
}

static void
activations (void)
{
  scenario_begin ("activations");
  CHECK (act_handler_add (VG_ACT_EV_NOTIFY, on_flood), VG_OK);
  busy = 0;
  for (int r = 0; r < SZ (100, 2); r++)
    {
      flood = 1;
      CHECK (vg_activation_notify (VG_ADDR_VOID, 0), VG_OK);
      __asm__ volatile("ud2" ::: "memory");
    }
  CHECK (busy > 0, 1);
  CHECK (act_handler_remove (VG_ACT_EV_NOTIFY, on_flood), VG_OK);
  scenario_end ("activations");
}

int
main (int argc, char **argv)
{
  smoke = argc > 1 && strcmp (argv[1], "smoke") == 0;
  struct vg_entry_stats *probe = &st;
  int err = vg_entry_stats (probe, 0);
  if (err != VG_OK)
    {
      vg_printf ("bounds: entry_stats: %s (boot with `entrystat')\n",
                 vg_strerror (err));
      return 1;
    }
  /* The parking messenger, in a folio of the root's.  */
  CHECK (vg_folio_alloc (ROOT_ACT, F (3)), VG_OK);
  CHECK (vg_object_alloc (F (3), 0, VG_TYPE_MESSENGER, POLICY, PARK), VG_OK);
  every_call ();
  console ();
  activations ();
  chain ();
  activities ();
  ipc ();
  reclaim ();
  closure ();
  aliases ();
  /* Every call was driven, and the recorder saw it.  */
  char buf[16];
#define X(nr, name, nargs)                                                    \
  if (!seen[nr])                                                              \
    {                                                                         \
      vg_printf ("bounds: FAIL: no entry recorded for %s\n",                  \
                 row_name (nr, buf));                                         \
      failures++;                                                             \
    }
  VG_SYSCALLS (X)
#undef X
  CHECK (seen[VG_ENTRY_ROW_PAGE_FAULT] > 0, 1);
  CHECK (seen[VG_ENTRY_ROW_EXCEPTION] > 0, 1);
  CHECK (seen[VG_ENTRY_ROW_IRQ0] > 0, 1);
  vg_printf ("bounds: %d failures\n", failures);
  return failures;
}
