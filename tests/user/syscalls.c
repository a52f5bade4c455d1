/* Every implemented system call, with its error paths: bad pointers,
   kernel addresses, dead caps, wrong types, rights, ranges, quota.  */
#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define KADDR 0xffffffff80000000ull
#define UNMAPPED 0x7000000000ull
#define F(i) FREE_CAP (i)

static uint8_t stack[8192] __attribute__ ((aligned (16)));
static volatile int child_ran;

static void
child (void)
{
  child_ran = 1;
  vg_thread_exit (7);
}

static void
spinner (void)
{
  for (;;)
    child_ran++;
}

static void
self_destroyer (void)
{
  child_ran = 100;
  /* Destroys this very thread (slot 2 of folio F(0)): never returns.  */
  vg_object_alloc (F (0), 2, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID);
  child_ran = -1;
  for (;;)
    ;
}

static void
test_misc (void)
{
  CHECK (vg_debug_write ("x\n", 2), VG_OK);
  /* Shown escaped: tools/run-test fails a log with a raw ESC byte.  */
  static const char esc[] = "esc: \x1b[2J\x1b]0;title\x07\r\\\n";
  CHECK (vg_debug_write (esc, sizeof esc - 1), VG_OK);
  CHECK (vg_debug_write ("x", VG_DEBUG_WRITE_MAX + 1), VG_EINVAL);
  CHECK (vg_debug_write ((const char *)KADDR, 8), VG_EFAULT);
  CHECK (vg_debug_write ((const char *)UNMAPPED, 8), VG_EFAULT);
  uint64_t t0 = 0, t1 = 0;
  CHECK (vg_time (&t0), VG_OK);
  CHECK (vg_time ((uint64_t *)KADDR), VG_EFAULT);
  CHECK (vg_time ((uint64_t *)0x400000), VG_EFAULT); /* Read-only text.  */
  CHECK (vg_yield (), VG_OK);
  for (int i = 0; i < 100000000 && t1 <= t0; i++)
    vg_time (&t1);
  CHECK (t1 > t0, 1);
}

static void
test_caps (void)
{
  struct vg_cap_info ci;
  CHECK (vg_cap_info (ROOT_ACT, &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_ACTIVITY);
  CHECK (ci.rights, VG_RIGHTS_ALL);
  CHECK (vg_cap_info (VG_BOOT_CAP (VG_BOOT_CAP_THREAD), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_THREAD);
  CHECK (vg_cap_info (VG_ADDR (0x400000, 4), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_PAGE);
  CHECK (ci.rights & VG_RIGHT_WRITE, 0); /* Text is read-only.  */
  CHECK (vg_cap_info (F (0), &ci), VG_EVOID);
  CHECK (vg_cap_info (0x123, &ci), VG_EINVAL);
  CHECK (vg_cap_info (VG_ADDR (VG_BOOT_CAPS_VA, 3), &ci), VG_ETYPE);
  CHECK (vg_cap_info (ROOT_ACT, (struct vg_cap_info *)KADDR), VG_EFAULT);
  CHECK (vg_cap_copy (ROOT_ACT, F (2), 0), VG_OK);
  CHECK (vg_cap_info (F (2), &ci), VG_OK);
  CHECK (ci.rights, 0);
  CHECK (vg_cap_copy (ROOT_ACT, F (2), 0x80), VG_EINVAL);
  CHECK (vg_cap_copy (F (20), F (2), VG_RIGHTS_ALL), VG_EVOID);
  CHECK (vg_cap_copy (ROOT_ACT, VG_ADDR (0x400000, 4) | 0x10, 3), VG_EINVAL);
  /* A read-only cappage: reading through it works, storing does not.  */
  CHECK (vg_cap_copy (VG_BOOT_CAP (VG_BOOT_CAP_CAPS), VG_BOOT_FREE_REGION, 0),
         VG_OK);
  CHECK (vg_cap_info (VG_ADDR (0x2000000000ull, 2), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_ACTIVITY);
  CHECK (
      vg_cap_copy (ROOT_ACT, VG_ADDR (0x2000000000ull + (40ull << 28), 2), 3),
      VG_EPERM);
  CHECK (vg_cap_clear (VG_ADDR (0x2000000000ull + (40ull << 28), 2)),
         VG_EPERM);
  CHECK (vg_cap_clear (VG_BOOT_FREE_REGION), VG_OK);
  CHECK (vg_cap_clear (VG_BOOT_FREE_REGION), VG_OK);
  CHECK (vg_cap_info (VG_BOOT_FREE_REGION, &ci), VG_EVOID);
}

static void
test_storage (void)
{
  struct vg_cap_info ci;
  CHECK (vg_folio_alloc (ROOT_ACT, F (0)), VG_OK);
  CHECK (vg_cap_info (F (0), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_FOLIO);
  CHECK (vg_folio_alloc (F (0), F (1)), VG_ETYPE);
  CHECK (vg_folio_alloc (F (2), F (1)), VG_EPERM); /* Read-only act.  */
  CHECK (vg_folio_alloc (ROOT_ACT, 0x5), VG_EINVAL);
  CHECK (vg_object_alloc (F (0), 0, VG_TYPE_PAGE, POLICY_DEFAULT, F (3)),
         VG_OK);
  CHECK (vg_cap_info (F (3), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_PAGE);
  CHECK (vg_object_alloc (F (0), 128, VG_TYPE_PAGE, POLICY_DEFAULT, F (1)),
         VG_ERANGE);
  CHECK (vg_object_alloc (F (0), 1, 99, POLICY_DEFAULT, F (1)), VG_EINVAL);
  CHECK (vg_object_alloc (F (0), 1, VG_TYPE_PAGE, 0x100, F (1)), VG_EINVAL);
  CHECK (vg_object_alloc (ROOT_ACT, 1, VG_TYPE_PAGE, POLICY_DEFAULT, F (1)),
         VG_ETYPE);
  /* A page's policy changes in place; a read-only cap may not.  */
  CHECK (vg_object_policy_set (F (3), 0x80 | 60), VG_OK);
  CHECK (vg_object_policy_set (F (3), 0x100), VG_EINVAL);
  CHECK (vg_object_policy_set (F (0), 0), VG_ETYPE);
  CHECK (vg_cap_copy (F (3), F (4), 0), VG_OK);
  CHECK (vg_object_policy_set (F (4), 0), VG_EPERM);
  CHECK (vg_cap_copy (F (0), F (4), 0), VG_OK);
  CHECK (vg_object_alloc (F (4), 1, VG_TYPE_PAGE, POLICY_DEFAULT, F (1)),
         VG_EPERM);
  CHECK (vg_folio_free (F (4)), VG_EPERM);
  CHECK (vg_cap_copy (F (0), F (4), VG_RIGHTS_ALL), VG_OK);
  CHECK (vg_folio_free (F (0)), VG_OK);
  CHECK (vg_cap_info (F (4), &ci), VG_EDEADCAP);
  CHECK (vg_cap_info (F (3), &ci), VG_EDEADCAP);
  CHECK (vg_folio_free (F (4)), VG_EDEADCAP);
  CHECK (vg_cap_copy (F (4), F (5), 3), VG_EDEADCAP);
  CHECK (vg_folio_free (ROOT_ACT), VG_ETYPE);
}

static void
test_activities (void)
{
  struct vg_cap_info ci;
  struct vg_activity_stats st;
  CHECK (vg_folio_alloc (ROOT_ACT, F (0)), VG_OK);
  CHECK (vg_activity_create (F (0), 0, ROOT_ACT, F (6)), VG_OK);
  CHECK (vg_activity_create (F (0), 200, ROOT_ACT, F (7)), VG_ERANGE);
  CHECK (vg_activity_create (F (0), 1, F (0), F (7)), VG_ETYPE);
  /* Read-only activity caps (F (2)) pay for nothing, call by call: no
     folio, no child, no policy, no destruction.  */
  CHECK (vg_folio_alloc (F (2), F (7)), VG_EPERM);
  CHECK (vg_activity_create (F (0), 1, F (2), F (7)), VG_EPERM);
  CHECK (vg_activity_destroy (F (2)), VG_EPERM);
  struct vg_activity_policy pol
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 1 };
  CHECK (vg_activity_policy_set (F (6), &pol), VG_OK);
  CHECK (vg_folio_alloc (F (6), F (7)), VG_OK);
  CHECK (vg_folio_alloc (F (6), F (8)), VG_EQUOTA);
  CHECK (vg_activity_stats (F (6), &st), VG_OK);
  CHECK (st.folios_local, 1);
  CHECK (st.folio_quota, 1);
  CHECK (vg_activity_stats (F (6), (struct vg_activity_stats *)0x400000),
         VG_EFAULT);
  CHECK (vg_activity_stats (F (0), &st), VG_ETYPE);
  struct vg_mm_stats ms;
  CHECK (vg_mm_stats (&ms), VG_OK);
  CHECK (ms.frames_total > ms.frames_free, 1);
  CHECK (ms.low_watermark > 0 && ms.low_watermark <= ms.high_watermark, 1);
  /* No swap disk in this test: the store's figures are all 0.  */
  CHECK (ms.swap.blocks | ms.swap.blocks_free | ms.swap.writes
             | ms.swap.page_ins,
         0);
  CHECK (vg_mm_stats ((struct vg_mm_stats *)KADDR), VG_EFAULT);
  CHECK (st.available > 0 && st.available <= ms.frames_total, 1);
  pol.sibling.weight = 0;
  CHECK (vg_activity_policy_set (F (6), &pol), VG_EINVAL);
  pol.sibling.weight = 1;
  CHECK (
      vg_activity_policy_set (F (6), (struct vg_activity_policy *)KADDR + 1),
      VG_EFAULT);
  CHECK (vg_cap_copy (F (6), F (9), VG_RIGHT_WRITE), VG_OK); /* Weak.  */
  CHECK (vg_activity_policy_set (F (9), &pol), VG_EPERM);
  CHECK (vg_activity_policy_set (F (2), &pol), VG_EPERM);
  CHECK (vg_activity_destroy (ROOT_ACT), VG_EBUSY);
  CHECK (vg_activity_destroy (F (6)), VG_OK);
  CHECK (vg_activity_stats (F (6), &st), VG_EDEADCAP);
  CHECK (vg_cap_info (F (7), &ci), VG_EDEADCAP); /* Its folio died.  */
  CHECK (vg_activity_destroy (F (6)), VG_EDEADCAP);
}

static void
wait_stopped (vg_addr_t t)
{
  for (int i = 0; i < 1000; i++)
    {
      if (VG_THREAD_STATUS_STATE (vgtest_status (t)) == VG_THREAD_STOPPED)
        return;
      vg_yield ();
    }
}

static void
test_threads (void)
{
  struct vg_thread_state ts;
  struct vg_cap_info ci;
  CHECK (vg_thread_exregs (VG_ADDR_VOID, 0, NULL, &ts), VG_OK);
  CHECK (ts.status, VG_THREAD_RUNNING);
  CHECK (vg_thread_exregs (VG_ADDR_VOID, 0x100, NULL, NULL), VG_EINVAL);
  CHECK (vg_thread_exregs (VG_ADDR_VOID, VG_EXREGS_START | VG_EXREGS_STOP,
                           NULL, NULL),
         VG_EINVAL);
  CHECK (vg_thread_exregs (VG_ADDR_VOID, VG_EXREGS_SET_REGS, NULL, NULL),
         VG_EINVAL);
  CHECK (vg_thread_exregs (ROOT_ACT, 0, NULL, &ts), VG_ETYPE);
  CHECK (vg_thread_exregs (VG_ADDR_VOID, 0, NULL,
                           (struct vg_thread_state *)KADDR),
         VG_EFAULT);
  CHECK (vg_object_alloc (F (0), 1, VG_TYPE_THREAD, POLICY_DEFAULT, F (10)),
         VG_OK);
  CHECK (vgtest_status (F (10)), VG_THREAD_STOPPED);
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_START, NULL, NULL), VG_EINVAL);
  memset (&ts, 0, sizeof ts);
  ts.aspace = ROOT_ACT;
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_ASPACE, &ts, NULL), VG_ETYPE);
  ts.activity = F (0);
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_ACTIVITY, &ts, NULL),
         VG_ETYPE);
  /* A read-only activity cap makes nobody pay for a thread (its CPU
     time and page tables).  */
  ts.activity = F (2);
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_ACTIVITY, &ts, NULL),
         VG_EPERM);
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_ACTIVITY | VG_EXREGS_START,
                           &ts, NULL),
         VG_EPERM);
  CHECK (vgtest_status (F (10)), VG_THREAD_STOPPED);
  ts.fs_base = KADDR;
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_REGS, &ts, NULL), VG_EINVAL);
  ts.fs_base = 0;
  ts.gs_base = KADDR;
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_REGS, &ts, NULL), VG_EINVAL);
  ts.gs_base = 0x0000800000000000ull; /* Just past user space.  */
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_REGS, &ts, NULL), VG_EINVAL);
  ts.gs_base = 0;
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_SET_REGS,
                           (struct vg_thread_state *)KADDR, NULL),
         VG_EFAULT);
  /* Run a thread to its exit.  */
  CHECK (vgtest_start (F (10), child, stack, sizeof stack, ROOT_ACT), VG_OK);
  wait_stopped (F (10));
  uint64_t s = vgtest_status (F (10));
  CHECK (child_ran, 1);
  CHECK (VG_THREAD_STATUS_STATE (s), VG_THREAD_STOPPED);
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_EXIT);
  CHECK (VG_THREAD_STATUS_CODE (s), 7);
  /* Read-only thread caps neither read nor change (syscalls.def's
     rights: the registers are the thread's own).  */
  CHECK (vg_cap_copy (F (10), F (11), 0), VG_OK);
  CHECK (vg_thread_exregs (F (11), 0, NULL, &ts), VG_EPERM);
  CHECK (vg_thread_exregs (F (11), VG_EXREGS_STOP, NULL, NULL), VG_EPERM);
  /* Stop and restart a spinner, then destroy it while runnable.  */
  child_ran = 0;
  CHECK (vgtest_start (F (10), spinner, stack, sizeof stack, ROOT_ACT), VG_OK);
  for (int i = 0; i < 1000 && child_ran == 0; i++)
    vg_yield ();
  CHECK (child_ran > 0, 1);
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_STOP, NULL, NULL), VG_OK);
  wait_stopped (F (10));
  s = vgtest_status (F (10));
  CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_EXREGS);
  int seen = child_ran;
  vg_yield ();
  vg_yield ();
  CHECK (child_ran, seen);
  CHECK (vg_thread_exregs (F (10), VG_EXREGS_START, NULL, NULL), VG_OK);
  for (int i = 0; i < 1000 && child_ran == seen; i++)
    vg_yield ();
  CHECK (child_ran != seen, 1);
  CHECK (
      vg_object_alloc (F (0), 1, VG_TYPE_VOID, POLICY_DEFAULT, VG_ADDR_VOID),
      VG_OK);
  CHECK (vg_cap_info (F (10), &ci), VG_EDEADCAP);
  seen = child_ran;
  vg_yield ();
  CHECK (child_ran, seen);
  /* A thread that destroys itself.  */
  CHECK (vg_object_alloc (F (0), 2, VG_TYPE_THREAD, POLICY_DEFAULT, F (12)),
         VG_OK);
  CHECK (vgtest_start (F (12), self_destroyer, stack, sizeof stack, ROOT_ACT),
         VG_OK);
  for (int i = 0; i < 1000 && vg_cap_info (F (12), &ci) == VG_OK; i++)
    vg_yield ();
  CHECK (vg_cap_info (F (12), &ci), VG_EDEADCAP);
  CHECK (child_ran, 100);
  CHECK (vg_folio_free (F (0)), VG_OK);
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  test_misc ();
  test_caps ();
  test_storage ();
  test_activities ();
  test_threads ();
  vg_printf ("syscalls: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
