/* Security properties checked in the kernel (not only against the host
   fakes): a write through a read-only page cap faults; rights intersect
   along a cap path; copying never amplifies rights; a cap (and a
   mapping) to a re-allocated object is dead; a folio allocation is
   refused at whichever ancestor's quota is reached.  A probe thread does
   the touching, so a fault stops it, not us.  */
#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
#define FOLIO F (0)
/* Our test region: level-1 slot 4 of our address space.  RV2 is the
   part under level-2 slot 1, reached through a read-only cappage.  */
#define RV 0x4000000000ull
#define RV2 (RV + (1ull << 28))
#define PAGE_AT(va) VG_ADDR ((va), 4)

static uint8_t stack[8192] __attribute__ ((aligned (16)));
static volatile uint64_t *probe_at;
static volatile uint64_t probe_value;
static volatile int probe_done;

static void
probe_write (void)
{
  *probe_at = 0x77;
  probe_done = 1;
  vg_thread_exit (0);
}

static void
probe_read (void)
{
  probe_value = *probe_at;
  probe_done = 1;
  vg_thread_exit (0);
}

/* Run FN in a fresh thread (folio slot 30) on ADDR; its stop reason
   (VG_STOP_*), or -1 if it did not stop.  */
static int
probe (void (*fn) (void), uint64_t addr)
{
  probe_at = (volatile uint64_t *)addr;
  probe_done = 0;
  CHECK (vg_object_alloc (FOLIO, 30, VG_TYPE_THREAD, POLICY_DEFAULT, F (30)),
         VG_OK);
  CHECK (vgtest_start (F (30), fn, stack, sizeof stack, ROOT_ACT), VG_OK);
  for (int i = 0; i < 100000; i++)
    {
      uint64_t s = vgtest_status (F (30));
      if (VG_THREAD_STATUS_STATE (s) == VG_THREAD_STOPPED)
        return (int)VG_THREAD_STATUS_WHY (s);
      vg_yield ();
    }
  return -1;
}

static void
region (void)
{
  /* C2 at our level-1 slot 4, C3 under it, C4 under that: RV's pages.  */
  for (unsigned d = 1; d <= 3; d++)
    CHECK (vg_object_alloc (FOLIO, d, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                            VG_ADDR (RV, d)),
           VG_OK);
  CHECK (vg_object_alloc (FOLIO, 4, VG_TYPE_PAGE, POLICY_DEFAULT, F (1)),
         VG_OK);
}

/* A read-only page cap maps the page read-only.  */
static void
test_ro_page (void)
{
  CHECK (vg_cap_copy (F (1), PAGE_AT (RV), 0), VG_OK);
  CHECK (vg_cap_copy (F (1), PAGE_AT (RV + 4096), VG_RIGHTS_ALL), VG_OK);
  *(volatile uint64_t *)(RV + 4096) = 0x11; /* The writable view.  */
  CHECK (*(volatile uint64_t *)RV, 0x11);   /* The read-only one.  */
  CHECK (probe (probe_write, RV), VG_STOP_FAULT);
  CHECK (probe_done, 0);
  CHECK (*(volatile uint64_t *)(RV + 4096), 0x11);
  CHECK (probe (probe_read, RV), VG_STOP_EXIT);
  CHECK (probe_value, 0x11);
}

/* A writable page cap under a read-only cappage cap: the path's rights
   intersect, so the page is read-only there, and no slot under it can be
   stored into.  */
static void
test_path_intersection (void)
{
  CHECK (vg_object_alloc (FOLIO, 5, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (RV2, 2)),
         VG_OK);
  CHECK (vg_object_alloc (FOLIO, 6, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (RV2, 3)),
         VG_OK);
  CHECK (vg_cap_copy (F (1), PAGE_AT (RV2), VG_RIGHTS_ALL), VG_OK);
  /* Now make the level-2 cap read-only, in place.  */
  CHECK (vg_cap_copy (VG_ADDR (RV2, 2), VG_ADDR (RV2, 2), 0), VG_OK);
  struct vg_cap_info ci;
  CHECK (vg_cap_info (PAGE_AT (RV2), &ci), VG_OK);
  CHECK (ci.rights, VG_RIGHTS_ALL); /* The page cap itself is writable.  */
  CHECK (vg_cap_copy (F (1), PAGE_AT (RV2 + 4096), VG_RIGHTS_ALL), VG_EPERM);
  CHECK (vg_cap_clear (PAGE_AT (RV2)), VG_EPERM);
  CHECK (probe (probe_read, RV2), VG_STOP_EXIT);
  CHECK (probe_value, 0x11);
  CHECK (probe (probe_write, RV2), VG_STOP_FAULT);
  CHECK (*(volatile uint64_t *)(RV + 4096), 0x11);
}

/* Copying keeps at most the rights the source has.  */
static void
test_no_amplification (void)
{
  struct vg_cap_info ci;
  CHECK (vg_cap_copy (F (1), F (2), 0), VG_OK);
  CHECK (vg_cap_copy (F (2), F (3), VG_RIGHTS_ALL), VG_OK);
  CHECK (vg_cap_info (F (3), &ci), VG_OK);
  CHECK (ci.rights, 0);
  CHECK (vg_object_discard (F (3)), VG_EPERM);
  CHECK (vg_cap_copy (ROOT_ACT, F (2), VG_RIGHT_WRITE), VG_OK);
  CHECK (vg_cap_copy (F (2), F (3), VG_RIGHTS_ALL), VG_OK);
  CHECK (vg_cap_info (F (3), &ci), VG_OK);
  CHECK (ci.rights, VG_RIGHT_WRITE);
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 0 };
  CHECK (vg_activity_policy_set (F (3), &p), VG_EPERM);
}

/* Re-allocating a slot kills every cap to the old object, and its
   mappings: the new object is reached only through the new cap.  */
static void
test_revocation (void)
{
  struct vg_cap_info ci;
  CHECK (vg_object_alloc (FOLIO, 10, VG_TYPE_PAGE, POLICY_DEFAULT, F (4)),
         VG_OK);
  CHECK (vg_cap_copy (F (4), PAGE_AT (RV + 2 * 4096), VG_RIGHTS_ALL), VG_OK);
  *(volatile uint64_t *)(RV + 2 * 4096) = 0x55;
  CHECK (vg_object_alloc (FOLIO, 10, VG_TYPE_PAGE, POLICY_DEFAULT, F (5)),
         VG_OK);
  CHECK (vg_cap_info (F (4), &ci), VG_EDEADCAP);
  CHECK (vg_object_discard (F (4)), VG_EDEADCAP);
  CHECK (vg_cap_copy (F (4), F (6), VG_RIGHTS_ALL), VG_EDEADCAP);
  CHECK (vg_cap_info (PAGE_AT (RV + 2 * 4096), &ci), VG_EDEADCAP);
  CHECK (probe (probe_read, RV + 2 * 4096), VG_STOP_FAULT);
  CHECK (vg_cap_copy (F (5), PAGE_AT (RV + 3 * 4096), VG_RIGHTS_ALL), VG_OK);
  CHECK (probe (probe_read, RV + 3 * 4096), VG_STOP_EXIT);
  CHECK (probe_value, 0); /* A new, empty page.  */
}

/* A folio allocation is refused at any ancestor whose quota is reached,
   however deep, and the refusal changes no count.  */
static void
test_quota_ancestors (void)
{
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 2 };
  struct vg_activity_stats st;
  vg_addr_t a = F (7), b = F (8), c = F (9);
  CHECK (vg_activity_create (FOLIO, 20, ROOT_ACT, a), VG_OK);
  CHECK (vg_activity_create (FOLIO, 21, a, b), VG_OK);
  CHECK (vg_activity_create (FOLIO, 22, b, c), VG_OK);
  CHECK (vg_activity_policy_set (a, &p), VG_OK);
  CHECK (vg_folio_alloc (c, F (10)), VG_OK);
  CHECK (vg_folio_alloc (c, F (11)), VG_OK);
  CHECK (vg_folio_alloc (c, F (12)), VG_EQUOTA); /* A's, two up.  */
  CHECK (vg_folio_alloc (b, F (12)), VG_EQUOTA);
  CHECK (vg_activity_stats (a, &st), VG_OK);
  CHECK (st.folios_total, 2);
  /* The limit one level up instead.  */
  p.folio_quota = 0;
  CHECK (vg_activity_policy_set (a, &p), VG_OK);
  p.folio_quota = 2;
  CHECK (vg_activity_policy_set (b, &p), VG_OK);
  CHECK (vg_folio_alloc (c, F (12)), VG_EQUOTA);
  CHECK (vg_folio_alloc (a, F (12)), VG_OK); /* A itself is free now.  */
  CHECK (vg_activity_stats (c, &st), VG_OK);
  CHECK (st.folios_total, 2);
  CHECK (vg_activity_destroy (a), VG_OK);
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  region ();
  test_ro_page ();
  test_path_intersection ();
  test_no_amplification ();
  test_revocation ();
  test_quota_ancestors ();
  vg_printf ("security: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
