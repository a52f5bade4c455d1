/* The fake kernel for libhurd-mm's host tests (see fake_kernel.h).  */
#include "mm/reclaim.h"
#include "fake_kernel.h"

#include <check.h>
#include <string.h>

#include <hurd/anon.h>
#include <hurd/mm.h>
#include <mm-env.h>
#include <vg/cap-info.h>
#include <vg/syscall.h>

#include "mm/notice.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "objstore_fixture.h"

uint64_t fake_kernel_calls[256];
static struct vg_cap aspace;

/* The cappage holding the slot A names, and the index in it.  */
static int
resolve (vg_addr_t a, struct vg_cap *cp, unsigned *index)
{
  if (!vg_addr_valid (a))
    return VG_EINVAL;
  unsigned d = vg_addr_depth (a);
  if (d == 0)
    return VG_EVOID;
  struct vg_cap cur = aspace;
  for (unsigned level = 1; level < d; level++)
    {
      struct vg_cap next;
      int err = cappage_get_cap (&cur, vg_addr_index (a, level), &next);
      if (err)
        return err;
      if (next.type != VG_TYPE_CAPPAGE)
        return VG_EVOID;
      cur = next;
    }
  *cp = cur;
  *index = vg_addr_index (a, d);
  return VG_OK;
}

static int
read_cap (vg_addr_t a, struct vg_cap *out)
{
  struct vg_cap cp;
  unsigned i;
  int err = resolve (a, &cp, &i);
  if (!err)
    err = cappage_get_cap (&cp, i, out);
  if (!err && out->type == VG_TYPE_VOID)
    err = VG_EVOID;
  return err;
}

static int
sys_copy (vg_addr_t src, vg_addr_t dst, uint64_t mask)
{
  struct vg_cap s, out, cp;
  unsigned i;
  int err = read_cap (src, &s);
  if (!err)
    err = resolve (dst, &cp, &i);
  if (!err)
    err = cap_derive (&s, (uint8_t)mask, &out);
  return err ? err : cappage_set_cap (&cp, i, &out);
}

static int
sys_clear (vg_addr_t slot)
{
  struct vg_cap cp, v;
  unsigned i;
  int err = resolve (slot, &cp, &i);
  cap_void (&v);
  return err ? err : cappage_set_cap (&cp, i, &v);
}

static int
sys_info (vg_addr_t slot, struct vg_cap_info *out)
{
  struct vg_cap c;
  int err = read_cap (slot, &c);
  if (!err && c.type != VG_TYPE_ACTIVITY)
    err = cap_check (&c, VG_TYPE_VOID, 0);
  if (err)
    return err;
  *out = (struct vg_cap_info){ c.type, c.rights, c.policy, 0 };
  return VG_OK;
}

static int
store (vg_addr_t dst, const struct vg_cap *c)
{
  struct vg_cap cp;
  unsigned i;
  int err = resolve (dst, &cp, &i);
  return err ? err : cappage_set_cap (&cp, i, c);
}

static int
sys_folio_alloc (vg_addr_t act, vg_addr_t dst)
{
  struct vg_cap a, cp, f;
  unsigned i;
  int err = read_cap (act, &a);
  if (!err)
    err = resolve (dst, &cp, &i);
  if (!err)
    err = RECLAIM_RUN (folio_alloc_cap (&a, &f));
  return err ? err : cappage_set_cap (&cp, i, &f);
}

static int
sys_folio_free (vg_addr_t folio)
{
  struct vg_cap f;
  int err = read_cap (folio, &f);
  return err ? err : folio_free_cap (activity_root (), &f);
}

static int
sys_object_alloc (vg_addr_t folio, uint64_t slot, uint64_t type,
                  uint64_t policy, vg_addr_t dst)
{
  struct vg_cap f, cp, out;
  unsigned i;
  int err = read_cap (folio, &f);
  if (!err && dst != VG_ADDR_VOID)
    err = resolve (dst, &cp, &i);
  if (!err && policy > 0xff)
    err = VG_EINVAL;
  if (!err)
    err = RECLAIM_RUN (
        object_alloc_cap (activity_root (), &f, (unsigned)slot, (uint8_t)type,
                          vg_object_policy_decode ((uint8_t)policy), &out));
  if (err || dst == VG_ADDR_VOID)
    return err;
  return cappage_set_cap (&cp, i, &out);
}

static struct
{
  bool armed;
  uint64_t nr, err;
  unsigned skip;
} inject;

void
fake_kernel_fail_call (uint64_t nr, unsigned skip, uint64_t err)
{
  inject.armed = true;
  inject.nr = nr;
  inject.skip = skip;
  inject.err = err;
}

uint64_t
fake_kernel_trap (uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2,
                  uint64_t a3, uint64_t a4, uint64_t a5)
{
  (void)a5;
  fake_kernel_calls[nr & 0xff]++;
  if (inject.armed && nr == inject.nr && inject.skip-- == 0)
    {
      inject.armed = false;
      return inject.err;
    }
  struct vg_cap c;
  switch (nr)
    {
    case VG_SYS_CAP_COPY:
      return sys_copy (a0, a1, a2);
    case VG_SYS_CAP_CLEAR:
      return sys_clear (a0);
    case VG_SYS_CAP_INFO:
      return sys_info (a0, (struct vg_cap_info *)(uintptr_t)a1);
    case VG_SYS_CAP_OID:
      if (sys_info (a0, &(struct vg_cap_info){ 0 }) || read_cap (a0, &c))
        return VG_EVOID;
      *(uint64_t *)(uintptr_t)a1 = c.oid;
      return VG_OK;
    case VG_SYS_FOLIO_ALLOC:
      return sys_folio_alloc (a0, a1);
    case VG_SYS_FOLIO_FREE:
      return sys_folio_free (a0);
    case VG_SYS_OBJECT_ALLOC:
      return sys_object_alloc (a0, a1, a2, a3, a4);
    case VG_SYS_OBJECT_DISCARD:
      if (read_cap (a0, &c))
        return VG_EVOID;
      return object_discard_cap (&c);
    case VG_SYS_ACTIVITY_NOTICES:
      if (read_cap (a0, &c))
        return VG_EVOID;
      fake_kernel_notices.calls++;
      fake_kernel_notices.activity = a0;
      fake_kernel_notices.thread = a1;
      fake_kernel_notices.events = a2;
      fake_kernel_notices.arg = a3;
      return VG_OK;
    case VG_SYS_ACTIVITY_STATS:
      if (read_cap (a0, &c))
        return VG_EVOID;
      return notice_activity_stats (&c,
                                    (struct vg_activity_stats *)(uintptr_t)a1);
    default:
      return VG_ENOSYS;
    }
}

struct fake_kernel_notices fake_kernel_notices;

uint64_t
fake_kernel_oid (uint64_t va)
{
  struct vg_cap c;
  ck_assert_int_eq (read_cap (VG_ADDR (va, 4), &c), VG_OK);
  return c.oid;
}

void
fake_kernel_boot (unsigned mib)
{
  memset (fake_kernel_calls, 0, sizeof fake_kernel_calls);
  memset (&fake_kernel_notices, 0, sizeof fake_kernel_notices);
  inject.armed = false;
  os_boot (mib);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root), l2;
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &rf, 2, VG_TYPE_CAPPAGE,
                                     os_default_policy, &aspace)),
      VG_OK);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &rf, 3, VG_TYPE_CAPPAGE,
                                     os_default_policy, &l2)),
      VG_OK);
  ck_assert_int_eq (store (VG_ADDR (0, 1), &l2), VG_OK);
  struct vg_cap prog = os_child (&rf, 0, &root);
  struct vg_cap meta = os_child (&rf, 1, &root);
  ck_assert_int_eq (store (FK_PROG, &prog), VG_OK);
  ck_assert_int_eq (store (FK_META, &meta), VG_OK);
}

void
fake_kernel_set_quota (vg_addr_t activity, uint64_t folios)
{
  struct vg_cap c;
  ck_assert_int_eq (read_cap (activity, &c), VG_OK);
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = folios };
  ck_assert_int_eq (activity_policy_set_cap (&c, VG_ACTIVITY_POLICY_QUOTA, &p),
                    VG_OK);
}

struct vg_activity_stats
fake_kernel_stats (vg_addr_t activity)
{
  struct vg_activity_stats s;
  ck_assert_int_eq (fake_kernel_trap (VG_SYS_ACTIVITY_STATS, activity,
                                      (uint64_t)(uintptr_t)&s, 0, 0, 0, 0),
                    VG_OK);
  return s;
}

/* The live page-slot cap at VA and its folio slot; false if none.  */
static bool
page_at (uint64_t va, struct vg_cap *c, struct folio **f, unsigned *s)
{
  return read_cap (VG_ADDR (va, 4), c) == VG_OK
         && cap_check (c, VG_TYPE_VOID, 0) == VG_OK
         && oid_lookup (c->oid, f, s) == OID_OBJECT;
}

unsigned
fake_kernel_type (uint64_t va)
{
  struct vg_cap c;
  if (read_cap (VG_ADDR (va, 4), &c) || cap_check (&c, VG_TYPE_VOID, 0))
    return VG_TYPE_VOID;
  return c.type;
}

unsigned
fake_kernel_rights (uint64_t va)
{
  struct vg_cap c;
  struct folio *f;
  unsigned s;
  return page_at (va, &c, &f, &s) ? c.rights : 0;
}

struct vg_object_policy
fake_kernel_policy (uint64_t va)
{
  struct vg_cap c;
  struct folio *f;
  unsigned s;
  ck_assert (page_at (va, &c, &f, &s));
  return (struct vg_object_policy){ f->slots[s].discardable,
                                    f->slots[s].priority };
}

void
fake_kernel_discard (uint64_t va)
{
  struct vg_cap c;
  struct folio *f;
  unsigned s;
  ck_assert (page_at (va, &c, &f, &s));
  ck_assert (f->slots[s].discardable);
  if (f->slots[s].flags & FOLIO_CONTENT)
    memset (object_slot_data (f, s), 0x5a, VG_OBJECT_SIZE);
  f->slots[s].flags |= FOLIO_DISCARDED;
}

bool
fake_kernel_discarded (uint64_t va)
{
  struct vg_cap c;
  struct folio *f;
  unsigned s;
  return page_at (va, &c, &f, &s) && (f->slots[s].flags & FOLIO_DISCARDED);
}

struct vg_cap
fake_kernel_cap (vg_addr_t slot)
{
  struct vg_cap c;
  ck_assert_int_eq (read_cap (slot, &c), VG_OK);
  return c;
}

void *
fake_kernel_window (uint64_t va)
{
  struct vg_cap c;
  struct folio *f;
  unsigned s;
  void *p;
  if (!page_at (va & ~0xfffull, &c, &f, &s) || c.type != VG_TYPE_PAGE)
    return NULL;
  /* fake_kernel_discard keeps the (poisoned) frame of a discarded page;
     object_discard frees it.  */
  if (f->slots[s].flags & FOLIO_DISCARDED)
    return f->slots[s].frame == FRAME_NONE ? NULL : object_slot_data (f, s);
  if (RECLAIM_RUN (object_page_claim (&c, c.rights & VG_RIGHT_WRITE, &p)))
    return NULL;
  return p;
}

int
fake_touch (uint64_t va, bool write, uint8_t **p)
{
  for (int attempt = 0; attempt < 2; attempt++)
    {
      struct vg_cap c;
      struct folio *f;
      unsigned s;
      bool present
          = page_at (va & ~0xfffull, &c, &f, &s) && c.type == VG_TYPE_PAGE;
      bool discarded = present && (f->slots[s].flags & FOLIO_DISCARDED);
      if (present && !discarded && (!write || (c.rights & VG_RIGHT_WRITE)))
        {
          *p = (uint8_t *)fake_kernel_window (va) + (va & 0xfff);
          return VG_OK;
        }
      int err = hurd_mm_fault (va, write, discarded);
      if (err)
        return err;
    }
  return VG_EINVAL; /* The handler returned OK without fixing it.  */
}

void
fake_kernel_mm_init (void)
{
  fake_kernel_boot (64);
  struct hurd_mm_config c = { FK_PROG, FK_META, 0, 0 };
  ck_assert_int_eq (hurd_mm_init (&c), VG_OK);
}
