/* The bound benchmark's memory scenarios (see bounds.c): one page
   aliased at many addresses, a whole quota of touched pages, and faults
   past a frame limit.  */
#include "bounds.h"

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

/* Touch every alias, entry-major (entry K of every 2 MiB region, then
   K + 1), and say so.  */
static void
touch_aliases (void)
{
  for (uint64_t k = 0; k < 512; k++)
    for (uint64_t r = 0; r < regions; r++)
      (void)*(volatile uint8_t *)(ABASE + (r << 21) + (k << 12));
  touched = 1;
}

static void
toucher (void)
{
  touch_aliases ();
  park ();
}

static void
toucher_exit (void)
{
  touch_aliases ();
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

void
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
  /* A store over a slot holding the page's cap: the page is unmapped
     everywhere (every alias), then the slot is refilled.  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_cap_clear (VG_ADDR (ABASE, 4)), VG_OK);
  stats_report ("aliases_cap_clear_page");
  alias_fill ();
  /* New objects whose caps are stored over the top cappage's slot:
     a folio, a page, an activity (each then freed or left, and the top
     put back).  */
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_folio_alloc (SACT, VG_ADDR (ABASE, 1)), VG_OK);
  stats_report ("aliases_folio_alloc_over_cappage");
  CHECK (vg_folio_free (VG_ADDR (ABASE, 1)), VG_OK);
  CHECK (vg_cap_copy (A_TOP, VG_ADDR (ABASE, 1), VG_RIGHTS_ALL), VG_OK);
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (
      vg_object_alloc (A_TFOLIO, 3, VG_TYPE_PAGE, POLICY, VG_ADDR (ABASE, 1)),
      VG_OK);
  stats_report ("aliases_object_alloc_over_cappage");
  CHECK (vg_cap_copy (A_TOP, VG_ADDR (ABASE, 1), VG_RIGHTS_ALL), VG_OK);
  alias_touch (toucher);
  stats_report ("aliases_touch");
  CHECK (vg_activity_create (A_TFOLIO, 4, SACT, VG_ADDR (ABASE, 1)), VG_OK);
  stats_report ("aliases_activity_create_over_cappage");
  CHECK (vg_cap_copy (A_TOP, VG_ADDR (ABASE, 1), VG_RIGHTS_ALL), VG_OK);
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

void
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
void
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

void
reclaim (void)
{
  scenario_begin ("reclaim");
  touch_past_limit (SZ (QUOTA - 2, 2), SZ (1024, 64));
  scenario_end ("reclaim");
}
