/* A deterministic system-call fuzzer: NFUZZ threads on a child activity
   with a small quota issue random calls (every number in syscalls.def
   and unused ones) with arguments from interesting sets (see
   fuzz_pool.h), while this main thread supervises: it restarts a fuzz
   thread that died of its own fault with the next seed, stops everything
   after the requested number of calls, destroys the child activity and
   checks the kernel still works.  The run is cut into rounds of
   argv[4] calls (default 2000; 0: one round): after each the fuzz
   activity (every object the fuzzers made) and the fuzz threads are
   destroyed, the root activity's folio and frame counts must be back
   where they were, and a fresh activity and fresh threads start.
   About one call in 64 is self-aimed (fuzz_pool.h): at the thread's own
   slot, folio, activity, region cappages, stack or activation area, or
   at itself; the supervisor records how each thread ended (destroyed,
   stopped and why) and ends the round early when a fuzz thread freed
   MAIN_FOLIO or destroyed FUZZ_ACT; the leak check holds either way.
   argv[1]: calls (default 20000); argv[2]: first seed; argv[3]: 1 =
   print every call.  `make fuzz-syscalls` runs it at length.  Exit status:
   failed checks (a hang or an unexpected stop counts as one).  */
#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>

#include "fuzz_pool.h"
#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

struct fuzz_shared fz;

/* What became of the fuzz threads (self-aimed calls included): how
   many ended each way, and rounds a fuzz thread ended by freeing
   MAIN_FOLIO or destroying FUZZ_ACT.  */
static uint64_t ended_why[8], ended_destroyed, rounds_broken;

/* Build fuzz thread I's own region (fuzz_pool.h) afresh: three cappages
   from level 1 down, then its pages.  */
static vg_error_t
own_region (int i)
{
  unsigned s = OWN_SLOT0 (i);
  vg_error_t err = VG_OK;
  for (unsigned d = 1; d <= 3 && !err; d++)
    err = vg_object_alloc (MAIN_FOLIO, s + d - 1, VG_TYPE_CAPPAGE,
                           POLICY_DEFAULT, VG_ADDR (OWN_VA (i), d));
  for (unsigned k = 0; k < OWN_NPAGES && !err; k++)
    err = vg_object_alloc (MAIN_FOLIO, s + 3 + k, VG_TYPE_PAGE, POLICY_DEFAULT,
                           VG_ADDR (OWN_PAGE_VA (i, k), 4));
  return err;
}

static uint64_t
parse_u64 (const char *s, uint64_t dflt)
{
  if (!s || !*s)
    return dflt;
  uint64_t v = 0;
  for (; *s >= '0' && *s <= '9'; s++)
    v = v * 10 + (uint64_t)(*s - '0');
  return v;
}

/* (Re)create fuzz thread I in the main folio and start it with SEED.  */
static vg_error_t
fuzz_start (int i, uint64_t seed)
{
  vg_error_t err = vg_object_alloc (MAIN_FOLIO, 1 + i, VG_TYPE_THREAD,
                                    POLICY_DEFAULT, FUZZ_THREAD (i));
  if (!err)
    err = own_region (i);
  if (err)
    return err;
  fz.seed[i] = seed;
  fz.fstack[i] = (uint8_t *)OWN_PAGE_VA (i, 0);
  fz.astack[i] = (uint8_t *)OWN_PAGE_VA (i, OWN_STACK_PAGES);
  fz.area[i] = (struct vg_activation_area *)OWN_PAGE_VA (i, OWN_AREA_PAGE);
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.regs.rip = (uint64_t)fuzz_thread_main;
  s.regs.rsp = OWN_PAGE_VA (i, OWN_STACK_PAGES) - 8;
  s.regs.rflags = 0x202;
  s.regs.rdi = (uint64_t)i;
  s.aspace = VG_BOOT_CAP (VG_BOOT_CAP_ASPACE);
  s.activity = FUZZ_ACT;
  return vg_thread_exregs (FUZZ_THREAD (i),
                           VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE
                               | VG_EXREGS_SET_ACTIVITY | VG_EXREGS_START,
                           &s, NULL);
}

static uint64_t
now (void)
{
  uint64_t t = 0;
  vg_time (&t);
  return t;
}

/* A fresh child activity with a small quota for the next segment.  */
static vg_error_t
fuzz_activity (void)
{
  vg_error_t err = vg_activity_create (MAIN_FOLIO, 0, ROOT_ACT, FUZZ_ACT);
  if (err)
    return err;
  struct vg_activity_policy pol
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = FUZZ_QUOTA };
  return vg_activity_policy_set (FUZZ_ACT, &pol);
}

static int
dead (vg_addr_t a)
{
  struct vg_cap_info ci;
  return vg_cap_info (a, &ci) != VG_OK;
}

/* Supervise until TOTAL calls ran.  Returns 0, 1 (hang) or 2 (a fuzz
   thread freed MAIN_FOLIO or destroyed FUZZ_ACT: the round is over).  */
static int
supervise (uint64_t total, uint64_t *seed)
{
  uint64_t last_calls = 0, last_t = now ();
  while (fz.calls < total)
    {
      if (dead (MAIN_FOLIO) || dead (FUZZ_ACT))
        {
          rounds_broken++;
          return 2;
        }
      for (int i = 0; i < NFUZZ; i++)
        {
          if (dead (FUZZ_THREAD (i)))
            {
              /* Its own slot was re-allocated: destroyed.  */
              ended_destroyed++;
              fz.deaths++;
              CHECK (fuzz_start (i, (*seed)++), VG_OK);
              continue;
            }
          uint64_t s = vgtest_status (FUZZ_THREAD (i));
          if (VG_THREAD_STATUS_STATE (s) != VG_THREAD_STOPPED)
            continue;
          fz.deaths++;
          ended_why[VG_THREAD_STATUS_WHY (s) & 7]++;
          if (VG_THREAD_STATUS_WHY (s) == VG_STOP_EXIT)
            {
              vg_printf ("fuzz: thread %d exited (%d), seed %llu\n", i,
                         VG_THREAD_STATUS_CODE (s),
                         (unsigned long long)fz.seed[i]);
              vgtest_failures++; /* The fuzzer never exits itself.  */
            }
          CHECK (fuzz_start (i, (*seed)++), VG_OK);
        }
      if (fz.calls != last_calls)
        {
          last_calls = fz.calls;
          last_t = now ();
        }
      else if (now () - last_t > 2000000000ull)
        {
          vg_printf (
              "fuzz: no progress for 2 s at %llu calls (seeds %llu "
              "%llu, call %llu)\n",
              (unsigned long long)fz.calls, (unsigned long long)fz.seed[0],
              (unsigned long long)fz.seed[1], (unsigned long long)fz.last_nr);
          return 1;
        }
      vg_yield ();
    }
  return 0;
}

/* Tear a round down: destroy the fuzz activity (with the threads still
   running on it when LIVE), then free the main folio (the threads and
   the activity object).  */
static void
round_end (int live)
{
  if (!live)
    for (int i = 0; i < NFUZZ; i++)
      vg_thread_exregs (FUZZ_THREAD (i), VG_EXREGS_STOP, NULL, NULL);
  /* Either may be gone already (a self-aimed call).  */
  if (!dead (FUZZ_ACT))
    CHECK (vg_activity_destroy (FUZZ_ACT), VG_OK);
  if (!dead (MAIN_FOLIO))
    CHECK (vg_folio_free (MAIN_FOLIO), VG_OK);
}

static void
touch_all (void)
{
  /* Start from a flushed page-table cache: overwriting a copy of our AS
     root's cap flushes the caches that translate through it (ours);
     then only what is touched below (and this code) is mapped.  */
  vg_addr_t scratch = VG_BOOT_CAP (SINK0 + NSINK);
  vg_cap_copy (VG_BOOT_CAP (VG_BOOT_CAP_ASPACE), scratch, VG_RIGHTS_ALL);
  vg_cap_clear (scratch);
  fuzz_touch ();
}

/* Compare the root activity's accounting with B (taken before the
   round): a difference is a leak (or a double uncharge).  */
static void
round_check (const struct vg_activity_stats *b, uint64_t round)
{
  struct vg_activity_stats a;
  /* Page-table caches are discardable and charged too: touch the same
     memory as before the baseline so they are rebuilt the same.  */
  touch_all ();
  CHECK (vg_activity_stats (ROOT_ACT, &a), VG_OK);
  if (a.folios_local != b->folios_local || a.folios_total != b->folios_total
      || a.frames_local != b->frames_local
      || a.frames_total != b->frames_total)
    {
      vg_printf ("fuzz: round %llu leaked: folios %llu/%llu -> %llu/%llu, "
                 "frames %llu/%llu -> %llu/%llu\n",
                 (unsigned long long)round,
                 (unsigned long long)b->folios_local,
                 (unsigned long long)b->folios_total,
                 (unsigned long long)a.folios_local,
                 (unsigned long long)a.folios_total,
                 (unsigned long long)b->frames_local,
                 (unsigned long long)b->frames_total,
                 (unsigned long long)a.frames_local,
                 (unsigned long long)a.frames_total);
      vgtest_failures++;
    }
}

int
main (int argc, char **argv)
{
  uint64_t total = parse_u64 (argc > 1 ? argv[1] : NULL, 20000);
  uint64_t seed = parse_u64 (argc > 2 ? argv[2] : NULL, 1);
  uint64_t seed0 = seed;
  fz.verbose = (int)parse_u64 (argc > 3 ? argv[3] : NULL, 0);
  uint64_t round_len = parse_u64 (argc > 4 ? argv[4] : NULL, 2000);
  struct vg_activity_stats st0, st, b;
  /* Touch our own stacks and data first, so that the frames they take
     are charged before the first round's baseline.  */
  CHECK (vg_folio_alloc (ROOT_ACT, MAIN_FOLIO), VG_OK);
  CHECK (vg_object_alloc (MAIN_FOLIO, 0, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          FUZZ_ACT),
         VG_OK);
  CHECK (vg_folio_free (MAIN_FOLIO), VG_OK);
  touch_all ();
  CHECK (vg_activity_stats (ROOT_ACT, &st0), VG_OK);
  int hung = 0;
  uint64_t rounds = 0;
  while (!hung && fz.calls < total)
    {
      touch_all ();
      CHECK (vg_activity_stats (ROOT_ACT, &b), VG_OK);
      CHECK (vg_folio_alloc (ROOT_ACT, MAIN_FOLIO), VG_OK);
      CHECK (fuzz_activity (), VG_OK);
      for (int i = 0; i < NFUZZ; i++)
        CHECK (fuzz_start (i, seed++), VG_OK);
      if (fz.verbose == 2)
        vg_printf ("fuzz: round %llu at %llu calls, seeds %llu..\n",
                   (unsigned long long)rounds, (unsigned long long)fz.calls,
                   (unsigned long long)seed - NFUZZ);
      uint64_t goal = total;
      if (round_len && fz.calls + round_len < total)
        goal = fz.calls + round_len;
      int r = supervise (goal, &seed);
      hung = r == 1;
      /* Every other round the activity dies under running threads.  */
      round_end (!hung && (rounds & 1));
      round_check (&b, rounds);
      rounds++;
    }
  vgtest_failures += hung;
  vg_printf ("fuzz: %llu calls, %llu rounds, seeds %llu..%llu, %llu "
             "restarts, %llu ipc episodes, %llu replies\n",
             (unsigned long long)fz.calls, (unsigned long long)rounds,
             (unsigned long long)seed0, (unsigned long long)seed - 1,
             (unsigned long long)fz.deaths, (unsigned long long)fz.ipc,
             (unsigned long long)fz.replies);
  vg_printf ("fuzz: %llu self-aimed calls (%llu VG_OK, %llu VG_EBUSY); "
             "threads ended: %llu destroyed, %llu exregs-stopped, %llu "
             "faulted, %llu act-faulted, %llu no activity, %llu no memory, "
             "%llu exited; %llu rounds ended by their own fuzz thread\n",
             (unsigned long long)fz.self_calls, (unsigned long long)fz.self_ok,
             (unsigned long long)fz.self_busy,
             (unsigned long long)ended_destroyed,
             (unsigned long long)ended_why[VG_STOP_EXREGS],
             (unsigned long long)ended_why[VG_STOP_FAULT],
             (unsigned long long)ended_why[VG_STOP_ACT_FAULT],
             (unsigned long long)ended_why[VG_STOP_NO_ACTIVITY],
             (unsigned long long)ended_why[VG_STOP_NO_MEMORY],
             (unsigned long long)ended_why[VG_STOP_EXIT],
             (unsigned long long)rounds_broken);
  /* The kernel still works.  */
  struct vg_cap_info ci;
  CHECK (vg_cap_info (ROOT_ACT, &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_ACTIVITY);
  CHECK (vg_debug_write ("fuzz: alive\n", 12), VG_OK);
  CHECK (vg_folio_alloc (ROOT_ACT, MAIN_FOLIO), VG_OK);
  CHECK (fuzz_activity (), VG_OK);
  CHECK (vg_folio_alloc (FUZZ_ACT, FREE_CAP (5)), VG_OK);
  CHECK (vg_object_alloc (FREE_CAP (5), 0, VG_TYPE_PAGE, POLICY_DEFAULT,
                          FREE_CAP (6)),
         VG_OK);
  CHECK (vg_activity_stats (FUZZ_ACT, &st), VG_OK);
  CHECK (st.folios_local, 1);
  CHECK (st.folio_quota, FUZZ_QUOTA);
  CHECK (vg_activity_destroy (FUZZ_ACT), VG_OK);
  CHECK (vg_folio_free (MAIN_FOLIO), VG_OK);
  touch_all ();
  CHECK (vg_activity_stats (ROOT_ACT, &st), VG_OK);
  CHECK (st.folios_local, st0.folios_local);
  CHECK (st.folios_total, st0.folios_total);
  CHECK (st.frames_total, st0.frames_total);
  vg_printf ("fuzz_syscalls: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
