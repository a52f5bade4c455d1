/* Unit tests for the boot pool and the frame allocator, on fake physical
   memory.  */
#include <check.h>

#include <arch/mm.h>

#include "mm/bootmem.h"
#include "fake/fake.h"
#include "mm/pmm.h"

#define MiB (1ull << 20)

static struct memmap m;

/* Two free ranges with a hole, above a reserved low megabyte.  */
static void
setup_two_ranges (void)
{
  struct memmap_entry e[] = { { 0, 4 * MiB, MEMMAP_AVAILABLE },
                              { 6 * MiB, 2 * MiB, MEMMAP_AVAILABLE } };
  struct memmap_range res[] = { { 0, MiB } };
  memmap_build (&m, e, 2, res, 1, 0);
  bootmem_init (&m, 4ull << 30);
}

START_TEST (bootmem_counts_and_seals)
{
  setup_two_ranges ();
  paddr_t a = bootmem_alloc (1);
  paddr_t b = bootmem_alloc (8192);
  ck_assert_uint_eq (a, MiB);
  ck_assert_uint_eq (b, MiB + 4096);
  ck_assert_uint_eq (bootmem_used (), 3 * 4096);
  ck_assert_uint_eq (m.free[0].start, MiB + 3 * 4096);
  ck_assert_uint_eq (*(unsigned char *)phys_to_virt (b + 100), 0);
  ck_assert (FAKE_EXPECT_PANIC (bootmem_alloc (16 * MiB)));
  bootmem_seal ();
  ck_assert (bootmem_sealed ());
  ck_assert (FAKE_EXPECT_PANIC (bootmem_alloc (1)));
  ck_assert_uint_eq (bootmem_used (), 3 * 4096);
}
END_TEST

START_TEST (bootmem_respects_limit)
{
  setup_two_ranges ();
  bootmem_init (&m, 2 * MiB);
  ck_assert_uint_eq (bootmem_alloc (MiB), MiB);
  ck_assert (FAKE_EXPECT_PANIC (bootmem_alloc (4096)));
}
END_TEST

START_TEST (alloc_all_free_all)
{
  setup_two_ranges ();
  pmm_init (&m);
  /* 3 MiB + 2 MiB of frames, less the bitmap's page.  */
  uint64_t expect = (5 * MiB) / 4096 - 1;
  ck_assert_uint_eq (pmm_total_frames (), expect);
  ck_assert_uint_eq (pmm_free_frames (), expect);
  static paddr_t got[2000];
  uint64_t n = 0;
  for (paddr_t p; (p = pmm_alloc ()) != 0;)
    {
      ck_assert_uint_lt (n, 2000);
      ck_assert (p % 4096 == 0);
      ck_assert (p >= MiB + 4096);
      ck_assert (p < 4 * MiB || (p >= 6 * MiB && p < 8 * MiB));
      ck_assert (pmm_is_allocated (p));
      got[n++] = p;
    }
  ck_assert_uint_eq (n, expect);
  ck_assert_uint_eq (pmm_free_frames (), 0);
  for (uint64_t i = 0; i < n; i++)
    for (uint64_t j = i + 1; j < n && j < i + 8; j++)
      ck_assert_uint_ne (got[i], got[j]);
  for (uint64_t i = 0; i < n; i++)
    pmm_free (got[i]);
  ck_assert_uint_eq (pmm_free_frames (), expect);
  ck_assert (!pmm_is_allocated (got[0]));
}
END_TEST

START_TEST (bad_frees_panic)
{
  setup_two_ranges ();
  pmm_init (&m);
  paddr_t p = pmm_alloc ();
  pmm_free (p);
  ck_assert (FAKE_EXPECT_PANIC (pmm_free (p)));        /* Double free.  */
  ck_assert (FAKE_EXPECT_PANIC (pmm_free (p + 1)));    /* Unaligned.  */
  ck_assert (FAKE_EXPECT_PANIC (pmm_free (64 * MiB))); /* Not managed.  */
  ck_assert_uint_eq (pmm_free_frames (), pmm_total_frames ());
}
END_TEST

START_TEST (empty_map)
{
  memset (&m, 0, sizeof m);
  pmm_init (&m);
  ck_assert_uint_eq (pmm_alloc (), 0);
  ck_assert_uint_eq (pmm_total_frames (), 0);
}
END_TEST

Suite *pmm_suite (void);

Suite *
pmm_suite (void)
{
  Suite *s = suite_create ("pmm");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, bootmem_counts_and_seals);
  tcase_add_test (tc, bootmem_respects_limit);
  tcase_add_test (tc, alloc_all_free_all);
  tcase_add_test (tc, bad_frees_panic);
  tcase_add_test (tc, empty_map);
  suite_add_tcase (s, tc);
  return s;
}
