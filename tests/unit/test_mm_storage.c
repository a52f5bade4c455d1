/* Unit tests for libhurd-mm's storage allocator, shadow tree and
   reserve, against the fake kernel (tests/unit/fake_kernel.c).  */
#include <check.h>

#include <hurd/anon.h>
#include <hurd/as.h>
#include <hurd/mm.h>
#include <hurd/storage.h>
#include <vg/syscall.h>

#include "../../libhurd-mm/meta.h"
#include "fake_kernel.h"

static const struct vg_object_policy imp = { 0, 0 };

START_TEST (init_reserve_and_charging)
{
  fake_kernel_mm_init ();
  /* Bootstrap and reserve are metadata: charged to the metadata
     activity only.  */
  ck_assert_uint_ge (fake_kernel_stats (FK_META).folios_local, 1);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).folios_local, 0);
  ck_assert_uint_eq (fake_kernel_stats (FK_META).folios_local,
                     as_meta_pool ()->folios);
  ck_assert_uint_ge (as_meta_pool ()->free_slots, STORAGE_RESERVE);
  ck_assert_uint_ge (meta_free_pages (), META_RESERVE_PAGES);
  /* The bootstrap folio moved to cap-area slot 0; the window's level-1
     slot is a cappage now (metadata pages are mapped there).  */
  ck_assert_uint_eq (fake_kernel_type (AS_CAP_BASE), VG_TYPE_FOLIO);
  ck_assert_uint_eq (as_lookup (AS_CAP_BASE)->type, VG_TYPE_FOLIO);
  ck_assert_uint_eq (fake_kernel_type (AS_META_BASE), VG_TYPE_PAGE);
}
END_TEST

START_TEST (folio_reuse_and_free)
{
  fake_kernel_mm_init ();
  struct storage_pool p;
  storage_pool_init (&p, FK_PROG, false);
  static struct storage_obj o[VG_FOLIO_OBJECTS + 1];
  for (int i = 0; i < VG_FOLIO_OBJECTS; i++)
    ck_assert_int_eq (
        storage_alloc (&p, VG_TYPE_PAGE, imp, VG_ADDR_VOID, &o[i]), VG_OK);
  ck_assert_uint_eq (p.folios, 1);
  ck_assert_uint_eq (p.free_slots, 0);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).folios_local, 1);
  /* A freed slot is reused before a new folio is taken.  */
  unsigned slot = o[77].slot;
  storage_free (o[77]);
  ck_assert_int_eq (
      storage_alloc (&p, VG_TYPE_PAGE, imp, VG_ADDR_VOID, &o[77]), VG_OK);
  ck_assert_uint_eq (o[77].slot, slot);
  ck_assert_uint_eq (p.folio_allocs, 1);
  /* Full: the next takes a second folio.  */
  ck_assert_int_eq (storage_alloc (&p, VG_TYPE_PAGE, imp, VG_ADDR_VOID,
                                   &o[VG_FOLIO_OBJECTS]),
                    VG_OK);
  ck_assert_ptr_ne (o[VG_FOLIO_OBJECTS].folio, o[0].folio);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).folios_local, 2);
  /* Emptying the second folio returns it to the activity; emptying the
     last one keeps it.  */
  storage_free (o[VG_FOLIO_OBJECTS]);
  ck_assert_uint_eq (p.folios, 1);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).folios_local, 1);
  for (int i = 0; i < VG_FOLIO_OBJECTS; i++)
    storage_free (o[i]);
  ck_assert_uint_eq (p.folios, 1);
  ck_assert_uint_eq (p.free_slots, VG_FOLIO_OBJECTS);
}
END_TEST

START_TEST (quota_error)
{
  fake_kernel_mm_init ();
  fake_kernel_set_quota (FK_PROG, 1);
  struct storage_pool p;
  storage_pool_init (&p, FK_PROG, false);
  struct storage_obj o;
  for (int i = 0; i < VG_FOLIO_OBJECTS; i++)
    ck_assert_int_eq (storage_alloc (&p, VG_TYPE_PAGE, imp, VG_ADDR_VOID, &o),
                      VG_OK);
  uint64_t mfree = as_meta_pool ()->free_slots;
  ck_assert_int_eq (storage_alloc (&p, VG_TYPE_PAGE, imp, VG_ADDR_VOID, &o),
                    VG_EQUOTA);
  ck_assert_uint_eq (p.folios, 1);
  /* The failed growth gave back its cap slot's metadata.  */
  ck_assert_uint_eq (as_meta_pool ()->free_slots, mfree);
}
END_TEST

/* Pages are charged to the region's activity, cappages and metadata to
   the metadata activity.  */
START_TEST (metadata_charged_separately)
{
  fake_kernel_mm_init ();
  uint64_t meta0 = fake_kernel_stats (FK_META).folios_local;
  struct anon_region *r;
  const uint64_t n = 300;
  ck_assert_int_eq (anon_create (0, n * AS_PAGE, ANON_WRITE, imp, NULL, NULL,
                                 VG_ADDR_VOID, &r),
                    VG_OK);
  for (uint64_t i = 0; i < n; i++)
    {
      uint8_t *p;
      ck_assert_int_eq (fake_touch (r->r.start + i * AS_PAGE, true, &p),
                        VG_OK);
      *p = 1;
    }
  struct vg_activity_stats prog = fake_kernel_stats (FK_PROG);
  ck_assert_uint_eq (prog.folios_local, (n + 127) / 128);
  ck_assert_uint_eq (prog.frames_local, n);
  ck_assert_uint_eq (fake_kernel_stats (FK_META).folios_local,
                     as_meta_pool ()->folios);
  ck_assert_uint_ge (as_meta_pool ()->folios, meta0);
  ck_assert_uint_ge (as_cappages (), 3);
}
END_TEST

/* The shadow agrees with the kernel's tree, and reading it makes no
   system call.  */
START_TEST (shadow_mirrors_kernel)
{
  fake_kernel_mm_init ();
  struct anon_region *r, *ro;
  ck_assert_int_eq (anon_create (0, 600 * AS_PAGE, ANON_WRITE, imp, NULL, NULL,
                                 VG_ADDR_VOID, &r),
                    VG_OK);
  ck_assert_int_eq (
      anon_create (0, 4 * AS_PAGE, 0, imp, NULL, NULL, VG_ADDR_VOID, &ro),
      VG_OK);
  uint8_t *p;
  for (uint64_t i = 0; i < 600; i += 7)
    ck_assert_int_eq (fake_touch (r->r.start + i * AS_PAGE, i % 2, &p), VG_OK);
  ck_assert_int_eq (fake_touch (ro->r.start, false, &p), VG_OK);
  uint64_t calls[256];
  __builtin_memcpy (calls, fake_kernel_calls, sizeof calls);
  unsigned mapped = 0;
  for (uint64_t va = ro->r.start; va < r->r.end; va += AS_PAGE)
    {
      struct shadow_entry *e = as_lookup (va);
      unsigned t = e ? e->type : VG_TYPE_VOID;
      ck_assert_uint_eq (t, fake_kernel_type (va));
      if (t == VG_TYPE_PAGE)
        {
          ck_assert_uint_eq (e->rights, fake_kernel_rights (va));
          mapped++;
        }
    }
  ck_assert_uint_eq (mapped, 600 / 7 + 1 + 1);
  ck_assert_uint_eq (as_lookup (ro->r.start)->rights, 0);
  for (uint64_t va = ro->r.start; va < r->r.end; va += AS_PAGE)
    (void)as_lookup (va);
  /* fake_kernel_type walks itself; only lookups ran since the copy.  */
  ck_assert_mem_eq (calls, fake_kernel_calls, sizeof calls);
}
END_TEST

/* With the metadata activity at its quota, the reserve still resolves
   faults that need new cappages, then errors come back cleanly.  */
START_TEST (reserve_carries_faults)
{
  fake_kernel_mm_init ();
  fake_kernel_set_quota (FK_META, fake_kernel_stats (FK_META).folios_local);
  struct anon_region *r;
  /* Far apart: each fault needs a new level-2, -3 and -4 cappage.  */
  ck_assert_int_eq (anon_create (HURD_MM_VA_LO, 100 * AS_L1_SPAN, ANON_WRITE,
                                 imp, NULL, NULL, VG_ADDR_VOID, &r),
                    VG_OK);
  uint8_t *p;
  int ok = 0, err = VG_OK;
  for (uint64_t i = 0; i < 100 && !err; i++)
    {
      err = fake_touch (r->r.start + i * AS_L1_SPAN, true, &p);
      if (!err)
        ok++, *p = (uint8_t)i;
    }
  ck_assert_int_ge (ok, 1);
  ck_assert_int_ne (err, VG_OK);
  ck_assert (err == VG_ENOMEM || err == VG_EQUOTA);
  /* Everything that succeeded is intact.  */
  for (int i = 0; i < ok; i++)
    {
      ck_assert_int_eq (fake_touch (r->r.start + i * AS_L1_SPAN, false, &p),
                        VG_OK);
      ck_assert_uint_eq (*p, (uint8_t)i);
    }
  /* Lifting the quota lets the next fault through.  */
  fake_kernel_set_quota (FK_META, 0);
  ck_assert_int_eq (fake_touch (r->r.start + 99 * AS_L1_SPAN, true, &p),
                    VG_OK);
}
END_TEST

Suite *mm_storage_suite (void);

Suite *
mm_storage_suite (void)
{
  Suite *s = suite_create ("mm_storage");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, init_reserve_and_charging);
  tcase_add_test (tc, folio_reuse_and_free);
  tcase_add_test (tc, quota_error);
  tcase_add_test (tc, metadata_charged_separately);
  tcase_add_test (tc, shadow_mirrors_kernel);
  tcase_add_test (tc, reserve_carries_faults);
  suite_add_tcase (s, tc);
  return s;
}
