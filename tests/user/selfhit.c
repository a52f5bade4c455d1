/* Calls that would destroy or stop their own caller (doc/abi.md, "Calls
   that hit their caller").  The main thread supervises from the root
   activity; each victim thread runs on a child activity A, aims a call
   at its own thread slot, folio, activity or cap path, and the
   supervisor records what became of it.  A call that must still store a
   result is refused with VG_EBUSY and changes nothing; a call whose
   request is the destruction never returns.  */
#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
/* Slot J of the cappage whose cap is in boot slot FREE + I.  */
#define UNDER(i, j)                                                           \
  VG_ADDR (VG_BOOT_CAPS_VA + ((uint64_t)(VG_BOOT_CAP_FREE + (i)) << 28)       \
               + ((uint64_t)(j) << 20),                                       \
           3)

static uint8_t stack[16384] __attribute__ ((aligned (16)));
static volatile long before, after, result, spins;

/* The victims.  F(1) is A, F(2) A's folio, F(3) the victim's thread
   cap, F(5) a free slot.  */
static void
alloc_own_slot_dst (void)
{
  before = 1;
  result = vg_object_alloc (F (2), 0, VG_TYPE_PAGE, POLICY_DEFAULT, F (5));
  after = 1;
  vg_thread_exit (0);
}

static void
create_in_own_slot (void)
{
  before = 1;
  result = vg_activity_create (F (2), 0, ROOT_ACT, F (5));
  after = 1;
  vg_thread_exit (0);
}

static void
alloc_own_slot_void (void)
{
  before = 1;
  result
      = vg_object_alloc (F (2), 0, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID);
  after = 1;
  vg_thread_exit (0);
}

static void
free_own_folio (void)
{
  before = 1;
  result = vg_folio_free (F (2));
  after = 1;
  vg_thread_exit (0);
}

static void
destroy_own_activity (void)
{
  before = 1;
  result = vg_activity_destroy (F (1));
  after = 1;
  vg_thread_exit (0);
}

static void
spin (void)
{
  for (;;)
    spins++;
}

/* A fresh activity A in slot 0 of F(0) (the supervisor's folio), a folio
   paid by A in F(2), and the victim: in slot 0 of that folio if OWN,
   else in slot 2 of F(0), started at FN on A.  */
static void
start_victim (void (*fn) (void), int own)
{
  before = after = spins = 0;
  result = -1;
  CHECK (vg_activity_create (F (0), 0, ROOT_ACT, F (1)), VG_OK);
  CHECK (vg_folio_alloc (F (1), F (2)), VG_OK);
  if (own)
    CHECK (vg_object_alloc (F (2), 0, VG_TYPE_THREAD, POLICY_DEFAULT, F (3)),
           VG_OK);
  else
    CHECK (vg_object_alloc (F (0), 2, VG_TYPE_THREAD, POLICY_DEFAULT, F (3)),
           VG_OK);
  CHECK (vgtest_start (F (3), fn, stack, sizeof stack, F (1)), VG_OK);
}

/* Wait until the victim is stopped or gone: its status word, or ~0 if
   its cap died with it.  */
static uint64_t
wait_victim (void)
{
  uint64_t t0, t;
  vg_time (&t0);
  do
    {
      vg_yield ();
      struct vg_cap_info ci;
      if (vg_cap_info (F (3), &ci) == VG_EDEADCAP)
        return ~0ull;
      uint64_t s = vgtest_status (F (3));
      if (VG_THREAD_STATUS_STATE (s) == VG_THREAD_STOPPED)
        return s;
      vg_time (&t);
    }
  while (t - t0 < 2000000000ull);
  vg_printf ("victim still running after 2 s\n");
  return 0;
}

static void
test_result_must_reach (void)
{
  struct vg_cap_info ci;
  /* Re-allocating its own slot with a cap to store: refused.  */
  start_victim (alloc_own_slot_dst, 1);
  uint64_t s = wait_victim ();
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_EXIT);
  CHECK (result, VG_EBUSY);
  CHECK (vg_cap_info (F (5), &ci), VG_EVOID);
  /* An activity into its own slot: refused too.  */
  start_victim (create_in_own_slot, 1);
  s = wait_victim ();
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_EXIT);
  CHECK (result, VG_EBUSY);
  CHECK (vg_cap_info (F (5), &ci), VG_EVOID);
}

static void
test_self_destruction (void)
{
  struct vg_cap_info ci;
  /* Its own slot with nothing to store: the thread is gone.  */
  start_victim (alloc_own_slot_void, 1);
  CHECK (wait_victim (), ~0ull);
  CHECK (before, 1);
  CHECK (after, 0);
  /* Its own folio.  */
  start_victim (free_own_folio, 1);
  CHECK (wait_victim (), ~0ull);
  CHECK (before, 1);
  CHECK (after, 0);
  CHECK (vg_cap_info (F (2), &ci), VG_EDEADCAP);
  /* Its own activity, which pays for its folio: gone with it.  */
  start_victim (destroy_own_activity, 1);
  CHECK (wait_victim (), ~0ull);
  CHECK (after, 0);
  CHECK (vg_cap_info (F (1), &ci), VG_EDEADCAP);
  /* Its own activity, its object in the supervisor's folio: stopped,
     VG_STOP_NO_ACTIVITY, and the call never returned.  */
  start_victim (destroy_own_activity, 0);
  uint64_t s = wait_victim ();
  CHECK (VG_THREAD_STATUS_STATE (s), VG_THREAD_STOPPED);
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_NO_ACTIVITY);
  CHECK (before, 1);
  CHECK (after, 0);
  CHECK (vg_cap_info (F (1), &ci), VG_EDEADCAP);
}

/* A thread whose activity someone else destroys stops
   (VG_STOP_NO_ACTIVITY) and runs no more.  */
static void
test_activity_destroyed_under (void)
{
  start_victim (spin, 0);
  while (spins < 1000)
    vg_yield ();
  CHECK (vg_activity_destroy (F (1)), VG_OK);
  uint64_t s = wait_victim ();
  CHECK (VG_THREAD_STATUS_STATE (s), VG_THREAD_STOPPED);
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_NO_ACTIVITY);
  long n = spins;
  for (int i = 0; i < 20; i++)
    vg_yield ();
  CHECK (spins, n);
  CHECK (
      vg_object_alloc (F (0), 2, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
      VG_OK);
}

/* object_alloc whose DST_SLOT lies under the cappage it replaces: the
   new cap could not be stored, so the call is refused.  */
static void
test_dst_under_replaced (void)
{
  struct vg_cap_info ci;
  CHECK (vg_object_alloc (F (0), 3, VG_TYPE_CAPPAGE, POLICY_DEFAULT, F (6)),
         VG_OK);
  CHECK (
      vg_object_alloc (F (0), 4, VG_TYPE_PAGE, POLICY_DEFAULT, UNDER (6, 1)),
      VG_OK);
  CHECK (vg_cap_info (UNDER (6, 1), &ci), VG_OK);
  CHECK (
      vg_object_alloc (F (0), 3, VG_TYPE_PAGE, POLICY_DEFAULT, UNDER (6, 0)),
      VG_EBUSY);
  CHECK (vg_cap_info (F (6), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_CAPPAGE); /* Nothing changed.  */
  CHECK (vg_cap_info (UNDER (6, 1), &ci), VG_OK);
  /* The same with the cap going elsewhere is fine.  */
  CHECK (vg_object_alloc (F (0), 3, VG_TYPE_PAGE, POLICY_DEFAULT, F (7)),
         VG_OK);
  CHECK (vg_cap_info (F (6), &ci), VG_EDEADCAP);
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  CHECK (vg_folio_alloc (ROOT_ACT, F (0)), VG_OK);
  test_result_must_reach ();
  test_self_destruction ();
  test_activity_destroyed_under ();
  test_dst_under_replaced ();
  vg_printf ("selfhit: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
