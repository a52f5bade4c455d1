/* Every cell of the rights table (syscalls.def's `right` lines, through
   the generated <vg/rights-cells.h>; doc/abi.md "Rights"), checked in the
   kernel: for each right a cell needs, the call with a cap lacking just
   that right fails with VG_EPERM; with all rights it does not.  A cell
   that needs nothing is called with no rights at all and must not fail
   with VG_EPERM.  A cell this program cannot invoke is a failure, so the
   table and the test cannot drift apart.  */
#include <vg/activity.h>
#include <vg/cap-info.h>
#include <vg/error.h>
#include <vg/msg.h>
#include <vg/rights-cells.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
/* Slot J of the cappage whose cap is in boot slot FREE + I.  */
#define UNDER(i, j)                                                           \
  VG_ADDR (VG_BOOT_CAPS_VA + ((uint64_t)(VG_BOOT_CAP_FREE + (i)) << 28)       \
               + ((uint64_t)(j) << 20),                                       \
           3)

/* The fixture: folio F(0) holds a page (cap F(1)), a cappage (F(2)), a
   thread (F(3), never started), a messenger (F(4)) and an activity
   (F(5)).  R is the cap under test, a copy with the rights chosen.  */
#define PAGE F (1)
#define CAPPAGE F (2)
#define THREAD F (3)
#define MESSENGER F (4)
#define ACTIVITY F (5)
#define R F (10)
#define RPATH 11 /* R's cappage for path() cells: UNDER (RPATH, j).  */
#define SCRATCH F (12)

static const struct vg_activity_policy policy
    = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 0 };

static void
fixture (void)
{
  CHECK (vg_folio_alloc (ROOT_ACT, F (0)), VG_OK);
  CHECK (vg_object_alloc (F (0), 1, VG_TYPE_PAGE, POLICY_DEFAULT, PAGE),
         VG_OK);
  CHECK (vg_object_alloc (F (0), 2, VG_TYPE_CAPPAGE, POLICY_DEFAULT, CAPPAGE),
         VG_OK);
  CHECK (vg_object_alloc (F (0), 3, VG_TYPE_THREAD, POLICY_DEFAULT, THREAD),
         VG_OK);
  CHECK (
      vg_object_alloc (F (0), 4, VG_TYPE_MESSENGER, POLICY_DEFAULT, MESSENGER),
      VG_OK);
  CHECK (vg_activity_create (F (0), 5, ROOT_ACT, ACTIVITY), VG_OK);
}

/* Put in R a copy of the cap at SRC with RIGHTS.  */
static void
restrict_to (vg_addr_t src, unsigned rights)
{
  CHECK (vg_cap_copy (src, R, rights), VG_OK);
}

static const char *
strip (const char *cap)
{
  return cap;
}

static int
is (const char *a, const char *b)
{
  while (*a && *a == *b)
    a++, b++;
  return *a == *b;
}

/* Invoke cell C's call with its cap argument restricted to RIGHTS and
   every other argument valid.  Sets *KNOWN to 0 for a cell it does not
   know.  */
static vg_error_t
invoke (const struct vg_rights_cell *c, unsigned rights, int *known)
{
  const char *a = strip (c->cap);
  struct vg_cap_info ci;
  uint64_t oid;
  struct vg_msg m;
  memset (&m, 0, sizeof m);
  vg_error_t err;
  *known = 1;
  /* A path cell: R's slot holds a copy of the cappage with RIGHTS, and
     the call aims at slot 0 under it.  */
  vg_addr_t under = UNDER (RPATH, 0);
  if (a[0] == 'p' && a[1] == 'a' && a[2] == 't' && a[3] == 'h')
    CHECK (vg_cap_copy (CAPPAGE, F (RPATH), rights), VG_OK);
  switch (c->call)
    {
    case VG_SYS_CAP_COPY:
      if (is (a, "src"))
        {
          restrict_to (PAGE, rights);
          return vg_cap_copy (R, SCRATCH, VG_RIGHTS_ALL);
        }
      return vg_cap_copy (PAGE, under, VG_RIGHTS_ALL);
    case VG_SYS_CAP_INFO:
      restrict_to (PAGE, rights);
      return vg_cap_info (R, &ci);
    case VG_SYS_CAP_OID:
      restrict_to (PAGE, rights);
      return vg_cap_oid (R, &oid);
    case VG_SYS_CAP_CLEAR:
      return vg_cap_clear (under);
    case VG_SYS_FOLIO_ALLOC:
      if (is (a, "activity"))
        {
          restrict_to (ACTIVITY, rights);
          err = vg_folio_alloc (R, SCRATCH);
          if (err == VG_OK)
            CHECK (vg_folio_free (SCRATCH), VG_OK);
          return err;
        }
      err = vg_folio_alloc (ROOT_ACT, under);
      if (err == VG_OK)
        CHECK (vg_folio_free (under), VG_OK);
      return err;
    case VG_SYS_FOLIO_FREE:
      CHECK (vg_folio_alloc (ROOT_ACT, SCRATCH), VG_OK);
      restrict_to (SCRATCH, rights);
      err = vg_folio_free (R);
      if (err != VG_OK)
        CHECK (vg_folio_free (SCRATCH), VG_OK);
      return err;
    case VG_SYS_OBJECT_ALLOC:
      if (is (a, "folio"))
        {
          restrict_to (F (0), rights);
          return vg_object_alloc (R, 10, VG_TYPE_PAGE, POLICY_DEFAULT,
                                  SCRATCH);
        }
      return vg_object_alloc (F (0), 10, VG_TYPE_PAGE, POLICY_DEFAULT, under);
    case VG_SYS_ACTIVITY_CREATE:
      if (is (a, "folio"))
        {
          restrict_to (F (0), rights);
          return vg_activity_create (R, 11, ROOT_ACT, SCRATCH);
        }
      if (is (a, "parent"))
        {
          restrict_to (ACTIVITY, rights);
          return vg_activity_create (F (0), 11, R, SCRATCH);
        }
      return vg_activity_create (F (0), 11, ROOT_ACT, under);
    case VG_SYS_ACTIVITY_POLICY_SET:
      restrict_to (ACTIVITY, rights);
      return vg_activity_policy_set (R, &policy);
    case VG_SYS_ACTIVITY_STATS:
      {
        struct vg_activity_stats st;
        restrict_to (ACTIVITY, rights);
        return vg_activity_stats (R, &st);
      }
    case VG_SYS_ACTIVITY_DESTROY:
      CHECK (vg_activity_create (F (0), 12, ROOT_ACT, SCRATCH), VG_OK);
      restrict_to (SCRATCH, rights);
      return vg_activity_destroy (R);
    case VG_SYS_THREAD_EXREGS:
      {
        struct vg_thread_state s;
        memset (&s, 0, sizeof s);
        if (is (a, "thread"))
          {
            restrict_to (THREAD, rights);
            return vg_thread_exregs (R, 0, NULL, &s); /* Only reading.  */
          }
        if (is (a, "in.activity"))
          {
            restrict_to (ACTIVITY, rights);
            s.activity = R;
            return vg_thread_exregs (THREAD, VG_EXREGS_SET_ACTIVITY, &s, NULL);
          }
        if (is (a, "in.aspace"))
          {
            restrict_to (CAPPAGE, rights);
            s.aspace = R;
            return vg_thread_exregs (THREAD, VG_EXREGS_SET_ASPACE, &s, NULL);
          }
        break;
      }
    case VG_SYS_MESSENGER_SEND:
      restrict_to (MESSENGER, rights);
      return vg_messenger_send (R, &m, 0);
    case VG_SYS_MESSENGER_RECEIVE:
      restrict_to (MESSENGER, rights);
      return vg_messenger_receive (R, &m, 0);
    case VG_SYS_MESSENGER_CALL:
      {
        struct vg_msg reply;
        memset (&reply, 0, sizeof reply);
        restrict_to (MESSENGER, rights);
        return vg_messenger_call (R, &m, &reply, 0);
      }
    case VG_SYS_MESSENGER_BIND:
      if (is (a, "messenger"))
        {
          restrict_to (MESSENGER, rights);
          return vg_messenger_bind (R, THREAD, 0);
        }
      restrict_to (THREAD, rights);
      return vg_messenger_bind (MESSENGER, R, 0);
    case VG_SYS_OBJECT_DISCARD:
      restrict_to (PAGE, rights);
      return vg_object_discard (R);
    case VG_SYS_ACTIVITY_NOTICES:
      if (is (a, "activity"))
        {
          restrict_to (ACTIVITY, rights);
          return vg_activity_notices (R, THREAD, VG_NOTICE_DISCARD, 0);
        }
      restrict_to (THREAD, rights);
      return vg_activity_notices (ACTIVITY, R, VG_NOTICE_DISCARD, 0);
    case VG_SYS_MM_TRACE:
      /* STOP with no trace recording: VG_EINVAL once the cap passed.  */
      restrict_to (ACTIVITY, rights);
      return vg_mm_trace (R, VG_TRACE_STOP, 0);
    case VG_SYS_OBJECT_POLICY_SET:
      restrict_to (PAGE, rights);
      return vg_object_policy_set (R, 0);
    case VG_SYS_ACTIVATION_REGISTER:
      restrict_to (THREAD, rights);
      return vg_activation_register (R, 0, 0, 0);
    case VG_SYS_ACTIVATION_NOTIFY:
      restrict_to (THREAD, rights);
      return vg_activation_notify (R, 1);
    default:
      break;
    }
  *known = 0;
  return VG_ENOSYS;
}

static void
check_cell (const struct vg_rights_cell *c)
{
  int known;
  vg_error_t full = invoke (c, VG_RIGHTS_ALL, &known);
  if (!known)
    {
      vg_printf ("FAIL %s %s: no invoker for this cell\n", c->name, c->cap);
      vgtest_failures++;
      return;
    }
  if (full == VG_EPERM)
    {
      vg_printf ("FAIL %s %s: VG_EPERM with all rights\n", c->name, c->cap);
      vgtest_failures++;
    }
  if (c->needs == 0)
    {
      vg_error_t none = invoke (c, 0, &known);
      if (none == VG_EPERM)
        {
          vg_printf ("FAIL %s %s: needs no right, got VG_EPERM without\n",
                     c->name, c->cap);
          vgtest_failures++;
        }
      return;
    }
  for (unsigned b = 1; b <= VG_RIGHTS_ALL; b <<= 1)
    if (c->needs & b)
      {
        vg_error_t less = invoke (c, VG_RIGHTS_ALL & ~b, &known);
        if (less != VG_EPERM)
          {
            vg_printf ("FAIL %s %s: without right %u got %d, want VG_EPERM\n",
                       c->name, c->cap, b, (int)less);
            vgtest_failures++;
          }
      }
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  fixture ();
  for (unsigned i = 0; i < VG_RIGHTS_NCELLS; i++)
    check_cell (&vg_rights_cells[i]);
  vg_printf ("rights: %u cells, %d failures\n", (unsigned)VG_RIGHTS_NCELLS,
             vgtest_failures);
  return vgtest_failures;
}
