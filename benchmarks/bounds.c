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
#include <act.h>
#include <libvg.h>
#include <vg/activation.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/cap-info.h>
#include <vg/cap.h>
#include <vg/entrystat.h>
#include <vg/error.h>
#include <vg/hostchan.h>
#include <vg/exregs.h>
#include <vg/msg.h>
#include <vg/object.h>
#include <vg/syscall-trap.h>
#include <vg/syscall.h>

int main (int argc, char **argv);

#define QUOTA 64 /* Folios: the kernel's default module quota.  */
#define ROOT_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define ASPACE VG_BOOT_CAP (VG_BOOT_CAP_ASPACE)
#define F(i) VG_BOOT_CAP (VG_BOOT_CAP_FREE + (i))
#define POLICY VG_OBJECT_POLICY_DEFAULT
#define FOREVER UINT64_MAX
#define MS 1000000ull

static int failures;
#define CHECK(expr, want)                                                     \
  do                                                                          \
    {                                                                         \
      long long got_ = (long long)(expr);                                     \
      if (got_ != (long long)(want))                                          \
        {                                                                     \
          vg_printf ("bounds: FAIL line %d: %s = %lld, want %lld\n",          \
                     __LINE__, #expr, got_, (long long)(want));               \
          failures++;                                                         \
        }                                                                     \
    }                                                                         \
  while (0)

static bool smoke;

/* Sizes: full, smoke.  */
#define SZ(full, small) (smoke ? (small) : (full))

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
static void
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

/* Scenario activities.  Slot F(0) holds the folio of every scenario
   activity, F(1) the current one.  */
#define SFOLIO F (0)
#define SACT F (1)
static unsigned sact_next;

static void
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

static void
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

static int
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

/* A messenger nobody sends to: threads park on it (receive, forever),
   keeping their address-space caches.  */
#define PARK F (2)

static void
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

static bool
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

/* --- Aliases: one page mapped at REGIONS x 512 addresses.  ---------- */

#define ABASE (5ull << 36) /* Level-1 slot 5 of our address space.  */
#define A_FOLIO F (20)
#define A_L2 F (21)
#define A_L3 F (22)
#define A_PAGE F (23)
#define A_THREAD F (24)
#define A_TFOLIO F (25)
#define A_TOP F (26) /* A copy of the top cappage's cap.  */
#define A_MSGR F (27)
#define A_SENDER F (28)
static unsigned regions;
static volatile int touched, a_go;

/* Send the top cappage's cap twice: at once (we queue), then after
   A_GO (the receiver waits).  */
static void
cap_sender (void)
{
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.ncaps = 1;
  m.caps[0] = A_TOP;
  vg_messenger_send (A_MSGR, &m, FOREVER);
  while (!a_go)
    vg_yield ();
  vg_messenger_send (A_MSGR, &m, FOREVER);
  park ();
}

static void
toucher (void)
{
  for (uint64_t k = 0; k < 512; k++)
    for (uint64_t r = 0; r < regions; r++)
      (void)*(volatile uint8_t *)(ABASE + (r << 21) + (k << 12));
  touched = 1;
  park ();
}

static void
toucher_exit (void)
{
  for (uint64_t k = 0; k < 512; k++)
    for (uint64_t r = 0; r < regions; r++)
      (void)*(volatile uint8_t *)(ABASE + (r << 21) + (k << 12));
  touched = 1;
  vg_thread_exit (0);
}

/* Fill the level-2 and level-3 cappages: every slot names the next
   level.  */
static void
alias_fill (void)
{
  int bad = 0;
  for (uint64_t i = 0; i < 256; i++)
    bad += vg_cap_copy (A_L2, VG_ADDR (ABASE + (i << 28), 2), VG_RIGHTS_ALL)
           != VG_OK;
  for (uint64_t i = 0; i < 256; i++)
    bad += vg_cap_copy (A_L3, VG_ADDR (ABASE + (i << 20), 3), VG_RIGHTS_ALL)
           != VG_OK;
  for (uint64_t i = 0; i < 256; i++)
    bad += vg_cap_copy (A_PAGE, VG_ADDR (ABASE + (i << 12), 4), VG_RIGHTS_ALL)
           != VG_OK;
  CHECK (bad, 0);
}

/* A fresh toucher thread (replacing the last one, whose cache goes with
   it: an object_alloc over a thread) touches every alias.  */
static void
alias_touch (void (*fn) (void))
{
  touched = 0;
  CHECK (vg_object_alloc (A_TFOLIO, 0, VG_TYPE_THREAD, POLICY, A_THREAD),
         VG_OK);
  CHECK (start_thread (A_THREAD, fn, SACT), VG_OK);
  while (!touched)
    vg_yield ();
}

static void
aliases (void)
{
  scenario_begin ("aliases");
  regions = SZ (128, 2);
  CHECK (vg_folio_alloc (SACT, A_FOLIO), VG_OK);
  CHECK (vg_folio_alloc (SACT, A_TFOLIO), VG_OK);
  CHECK (vg_object_alloc (A_FOLIO, 0, VG_TYPE_CAPPAGE, POLICY,
                          VG_ADDR (ABASE, 1)),
         VG_OK);
  CHECK (vg_cap_copy (VG_ADDR (ABASE, 1), A_TOP, VG_RIGHTS_ALL), VG_OK);
  CHECK (vg_object_alloc (A_FOLIO, 1, VG_TYPE_CAPPAGE, POLICY, A_L2), VG_OK);
  CHECK (vg_object_alloc (A_FOLIO, 2, VG_TYPE_CAPPAGE, POLICY, A_L3), VG_OK);
  CHECK (vg_object_alloc (A_FOLIO, 3, VG_TYPE_PAGE, POLICY, A_PAGE), VG_OK);
  alias_fill ();
  /* Policy change and discard of the page every alias maps.  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_object_policy_set (A_PAGE, VG_OBJECT_POLICY_DISCARDABLE), VG_OK);
  CHECK (vg_object_discard (A_PAGE), VG_OK);
  stats_report ("aliases_discard");
  /* A new page in its slot (the old one's caps die: refill).  */
  CHECK (vg_object_alloc (A_FOLIO, 3, VG_TYPE_PAGE, POLICY, A_PAGE), VG_OK);
  alias_fill ();
  /* Stores over the top cappage's slot: cap_clear, then cap_copy.  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_cap_clear (VG_ADDR (ABASE, 1)), VG_OK);
  stats_report ("aliases_cap_clear");
  CHECK (vg_cap_copy (A_TOP, VG_ADDR (ABASE, 1), VG_RIGHTS_ALL), VG_OK);
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_cap_copy (A_TOP, VG_ADDR (ABASE, 1), VG_RIGHTS_ALL), VG_OK);
  stats_report ("aliases_cap_copy");
  /* A new object over the level-3 cappage.  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_object_alloc (A_FOLIO, 2, VG_TYPE_CAPPAGE, POLICY, A_L3), VG_OK);
  stats_report ("aliases_over_cappage");
  alias_fill ();
  /* The toucher's address space replaced, then the toucher stopped,
     then a toucher that exits.  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.aspace = ASPACE;
  CHECK (vg_thread_exregs (A_THREAD, VG_EXREGS_SET_ASPACE, &s, NULL), VG_OK);
  stats_report ("aliases_set_aspace");
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_thread_exregs (A_THREAD, VG_EXREGS_STOP, NULL, NULL), VG_OK);
  stats_report ("aliases_stop");
  /* The stopped toucher is destroyed by the next alias_touch's
     object_alloc over its slot.  */
  touched = 0;
  CHECK (vg_object_alloc (A_TFOLIO, 0, VG_TYPE_THREAD, POLICY, A_THREAD),
         VG_OK);
  stats_report ("aliases_over_thread");
  CHECK (start_thread (A_THREAD, toucher_exit, SACT), VG_OK);
  while (!stopped (A_THREAD))
    vg_yield ();
  stats_report ("aliases_thread_exit");
  /* A cap delivered by IPC into the top cappage's slot: by the
     receive (the sender was queued), then by the send (the receiver
     was waiting).  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_object_alloc (A_TFOLIO, 1, VG_TYPE_MESSENGER, POLICY, A_MSGR),
         VG_OK);
  CHECK (vg_object_alloc (A_TFOLIO, 2, VG_TYPE_THREAD, POLICY, A_SENDER),
         VG_OK);
  a_go = 0;
  CHECK (start_thread (A_SENDER, cap_sender, SACT), VG_OK);
  for (int i = 0; i < 4; i++)
    vg_yield ();
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  m.ncaps = 1;
  m.caps[0] = VG_ADDR (ABASE, 1);
  CHECK (vg_messenger_receive (A_MSGR, &m, FOREVER), VG_OK);
  stats_report ("aliases_ipc_cap_to_queued");
  alias_touch (toucher);
  stats_report ("aliases_touch");
  a_go = 1;
  memset (&m, 0, sizeof m);
  m.ncaps = 1;
  m.caps[0] = VG_ADDR (ABASE, 1);
  CHECK (vg_messenger_receive (A_MSGR, &m, FOREVER), VG_OK);
  stats_report ("aliases_ipc_cap_to_waiting");
  /* The folio holding the page and the cappages.  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_folio_free (A_FOLIO), VG_OK);
  stats_report ("aliases_folio_free");
  scenario_end ("aliases");
}

/* --- A whole quota of touched pages, then its teardown.  ------------ */

#define CBASE (6ull << 36)
#define C_META F (30)
#define C_FOLIO F (31)
#define C_FIRST F (32)

static void
closure (void)
{
  scenario_begin ("closure");
  unsigned folios = SZ (QUOTA - 2, 2); /* One for the cappages.  */
  unsigned pages = folios * 128;
  unsigned l3 = (pages + 255) / 256;
  /* The memory trace records every fault: the biggest buffer.  */
  int terr = vg_mm_trace (SACT, VG_TRACE_START, SZ (VG_TRACE_FRAMES_MAX, 2));
  CHECK (terr == VG_OK || terr == VG_ENOSYS, 1);
  CHECK (vg_folio_alloc (SACT, C_META), VG_OK);
  CHECK (
      vg_object_alloc (C_META, 0, VG_TYPE_CAPPAGE, POLICY, VG_ADDR (CBASE, 1)),
      VG_OK);
  CHECK (
      vg_object_alloc (C_META, 1, VG_TYPE_CAPPAGE, POLICY, VG_ADDR (CBASE, 2)),
      VG_OK);
  int bad = 0;
  for (unsigned j = 0; j < l3; j++)
    bad += vg_object_alloc (C_META, 2 + j, VG_TYPE_CAPPAGE, POLICY,
                            VG_ADDR (CBASE + ((uint64_t)j << 20), 3))
           != VG_OK;
  for (unsigned i = 0; i < folios; i++)
    {
      vg_addr_t f = i == 0 ? C_FIRST : C_FOLIO;
      bad += vg_folio_alloc (SACT, f) != VG_OK;
      for (unsigned s = 0; s < 128; s++)
        bad += vg_object_alloc (
                   f, s, VG_TYPE_PAGE, POLICY,
                   VG_ADDR (CBASE + ((uint64_t)(i * 128 + s) << 12), 4))
               != VG_OK;
    }
  CHECK (bad, 0);
  for (unsigned n = 0; n < pages; n++)
    *(volatile uint8_t *)(CBASE + ((uint64_t)n << 12)) = 1;
  struct vg_activity_stats as;
  CHECK (vg_activity_stats (SACT, &as), VG_OK);
  vg_printf ("bounds: closure: %u pages touched; the activity holds %lu "
             "folios, %lu frames\n",
             pages, (unsigned long)as.folios_total,
             (unsigned long)as.frames_total);
  stats_report ("closure_setup");
  if (terr == VG_OK)
    {
      CHECK (vg_mm_trace (SACT, VG_TRACE_FLUSH, 0), VG_OK);
      stats_report ("closure_trace_flush");
      CHECK (vg_mm_trace (SACT, VG_TRACE_STOP, 0), VG_OK);
    }
  CHECK (vg_folio_free (C_FIRST), VG_OK);
  scenario_end ("closure");
}

static void touch_past_limit (unsigned folios, uint64_t limit);

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

/* --- Faults past a frame limit: each reclaims.  -------------------- */

#define R_FOLIO F (52)
#define R_META F (53)
#define R_THREAD F (54)
#define RBASE (8ull << 36)
static volatile int r_done;
static volatile unsigned r_progress;
static unsigned r_pages;

static void
r_toucher (void)
{
  for (unsigned n = 0; n < r_pages; n++)
    {
      *(volatile uint8_t *)(RBASE + ((uint64_t)n << 12)) = 1;
      r_progress = n + 1;
    }
  r_done = 1;
  vg_thread_exit (0);
}

/* FOLIOS folios of discardable pages touched by a thread of the
   scenario activity under a frame limit of LIMIT frames: faults past
   the limit reclaim.  */
static void
touch_past_limit (unsigned folios, uint64_t limit)
{
  r_pages = folios * 128;
  struct vg_activity_policy p;
  memset (&p, 0, sizeof p);
  p.sibling = p.child = (struct vg_activity_share){ 0, 1 };
  p.cpu_sibling = p.cpu_child = (struct vg_activity_share){ 0, 1 };
  p.folio_quota = QUOTA;
  p.frame_limit = limit;
  CHECK (vg_activity_policy_set (SACT, &p), VG_OK);
  CHECK (vg_folio_alloc (SACT, R_META), VG_OK);
  CHECK (
      vg_object_alloc (R_META, 0, VG_TYPE_CAPPAGE, POLICY, VG_ADDR (RBASE, 1)),
      VG_OK);
  CHECK (
      vg_object_alloc (R_META, 1, VG_TYPE_CAPPAGE, POLICY, VG_ADDR (RBASE, 2)),
      VG_OK);
  int bad = 0;
  for (unsigned j = 0; j < (r_pages + 255) / 256; j++)
    bad += vg_object_alloc (R_META, 2 + j, VG_TYPE_CAPPAGE, POLICY,
                            VG_ADDR (RBASE + ((uint64_t)j << 20), 3))
           != VG_OK;
  for (unsigned i = 0; i < folios; i++)
    {
      bad += vg_folio_alloc (SACT, R_FOLIO) != VG_OK;
      for (unsigned s = 0; s < 128; s++)
        bad += vg_object_alloc (
                   R_FOLIO, s, VG_TYPE_PAGE, VG_OBJECT_POLICY_DISCARDABLE,
                   VG_ADDR (RBASE + ((uint64_t)(i * 128 + s) << 12), 4))
               != VG_OK;
    }
  CHECK (bad, 0);
  r_done = 0;
  CHECK (vg_object_alloc (R_META, 127, VG_TYPE_THREAD, POLICY, R_THREAD),
         VG_OK);
  CHECK (start_thread (R_THREAD, r_toucher, SACT), VG_OK);
  /* Give up if the toucher makes no progress for a while.  */
  unsigned last = 0, still = 0;
  while (!stopped (R_THREAD) && still < (unsigned)SZ (50, 3))
    {
      vg_yield ();
      still = r_progress == last ? still + 1 : 0;
      last = r_progress;
    }
  if (!stopped (R_THREAD))
    {
      /* Not this program's failure: reported (doc/performance.md).  */
      vg_printf ("bounds: reclaim: the toucher made no progress at page %u "
                 "of %u (faulting again and again): stopped\n",
                 last, r_pages);
      CHECK (vg_thread_exregs (R_THREAD, VG_EXREGS_STOP, NULL, NULL), VG_OK);
    }
  struct vg_activity_stats as;
  CHECK (vg_activity_stats (SACT, &as), VG_OK);
  vg_printf ("bounds: reclaim: %u pages touched under a limit of %lu "
             "frames; %lu frames held\n",
             r_pages, (unsigned long)p.frame_limit,
             (unsigned long)as.frames_total);
}

static void
reclaim (void)
{
  scenario_begin ("reclaim");
  touch_past_limit (SZ (QUOTA - 2, 2), SZ (1024, 64));
  scenario_end ("reclaim");
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
