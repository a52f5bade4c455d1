/* Unit tests for libhurd-mm's region map: ordering, overlap, lookup at
   the edges, gaps, and a randomised comparison with a brute-force
   model.  */
#include <check.h>
#include <stdlib.h>

#include <hurd/mm.h>
#include <hurd/region.h>
#include <hurd/spawn-fit.h>
#include <string.h>
#include <vg/boot.h>

#include "elf64.h"

#define P 0x1000ull

static struct region *slots[REGION_MAP_MAX];
static struct region_map m;

START_TEST (insert_find)
{
  region_map_init (&m, slots, REGION_MAP_MAX);
  static struct region r[4] = {
    { 10 * P, 20 * P }, { 40 * P, 41 * P }, { 0, 5 * P }, { 20 * P, 30 * P }
  };
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (region_insert (&m, &r[i]), VG_OK);
  ck_assert_uint_eq (m.n, 4);
  for (unsigned i = 1; i < m.n; i++)
    ck_assert_uint_le (m.v[i - 1]->end, m.v[i]->start);
  ck_assert_ptr_eq (region_find (&m, 0), &r[2]);
  ck_assert_ptr_eq (region_find (&m, 5 * P - 1), &r[2]);
  ck_assert_ptr_null (region_find (&m, 5 * P));
  ck_assert_ptr_eq (region_find (&m, 20 * P - 1), &r[0]);
  ck_assert_ptr_eq (region_find (&m, 20 * P), &r[3]);
  ck_assert_ptr_eq (region_find (&m, 40 * P + 5), &r[1]);
  ck_assert_ptr_null (region_find (&m, 41 * P));
  ck_assert_ptr_null (region_find (&m, UINT64_MAX));
}
END_TEST

START_TEST (overlap_and_errors)
{
  region_map_init (&m, slots, 2);
  static struct region a = { 10 * P, 20 * P }, b = { 19 * P, 21 * P },
                       c = { 5 * P, 11 * P }, d = { 0, 30 * P },
                       e = { 3 * P, 3 * P }, f = { 1, P },
                       g = { 20 * P, 22 * P }, h = { 30 * P, 31 * P };
  ck_assert_int_eq (region_insert (&m, &a), VG_OK);
  ck_assert_int_eq (region_insert (&m, &b), VG_EBUSY);
  ck_assert_int_eq (region_insert (&m, &c), VG_EBUSY);
  ck_assert_int_eq (region_insert (&m, &d), VG_EBUSY);
  ck_assert_int_eq (region_insert (&m, &e), VG_EINVAL);
  ck_assert_int_eq (region_insert (&m, &f), VG_EINVAL);
  ck_assert_int_eq (region_insert (&m, &g), VG_OK);
  ck_assert_int_eq (region_insert (&m, &h), VG_ENOMEM);
  ck_assert (!region_range_free (&m, 21 * P, 23 * P));
  ck_assert (region_range_free (&m, 22 * P, 23 * P));
  region_remove (&m, &a);
  ck_assert_uint_eq (m.n, 1);
  ck_assert_ptr_null (region_find (&m, 15 * P));
  ck_assert (region_range_free (&m, 0, 20 * P));
}
END_TEST

START_TEST (gaps)
{
  region_map_init (&m, slots, REGION_MAP_MAX);
  static struct region a = { 10 * P, 20 * P }, b = { 25 * P, 90 * P };
  uint64_t s;
  ck_assert (region_gap_top (&m, 5 * P, 0, 100 * P, &s));
  ck_assert_uint_eq (s, 95 * P);
  region_insert (&m, &a);
  region_insert (&m, &b);
  ck_assert (region_gap_top (&m, 10 * P, 0, 100 * P, &s));
  ck_assert_uint_eq (s, 90 * P);
  ck_assert (region_gap_top (&m, 5 * P, 0, 100 * P, &s));
  ck_assert_uint_eq (s, 95 * P);
  ck_assert (!region_gap_top (&m, 11 * P, 0, 100 * P, &s));
  ck_assert (region_gap_top (&m, 10 * P, 0, 90 * P, &s));
  ck_assert_uint_eq (s, 0);
  ck_assert (region_gap_top (&m, 5 * P, 0, 90 * P, &s));
  ck_assert_uint_eq (s, 20 * P);
  ck_assert (!region_gap_top (&m, 6 * P, 5 * P, 90 * P, &s));
  ck_assert (!region_gap_top (&m, 200 * P, 0, 100 * P, &s));
  ck_assert (!region_gap_top (&m, 0, 0, 100 * P, &s));
}
END_TEST

/* Random inserts, removes and lookups against a page-owner array.  */
START_TEST (random_model)
{
  enum
  {
    PAGES = 512,
    N = 64
  };
  static struct region pool[N];
  static int owner[PAGES];
  static bool live[N];
  srand (1234);
  region_map_init (&m, slots, REGION_MAP_MAX);
  for (int i = 0; i < PAGES; i++)
    owner[i] = -1;
  for (int step = 0; step < 4000; step++)
    {
      int k = rand () % N;
      if (!live[k])
        {
          unsigned s = rand () % PAGES, len = 1 + rand () % 16;
          if (s + len > PAGES)
            len = PAGES - s;
          bool free = true;
          for (unsigned p = s; p < s + len; p++)
            free &= owner[p] < 0;
          pool[k] = (struct region){ s * P, (s + len) * P };
          ck_assert_int_eq (region_insert (&m, &pool[k]),
                            free ? VG_OK : VG_EBUSY);
          if (free)
            {
              live[k] = true;
              for (unsigned p = s; p < s + len; p++)
                owner[p] = k;
            }
        }
      else if (rand () % 3 == 0)
        {
          region_remove (&m, &pool[k]);
          live[k] = false;
          for (int p = 0; p < PAGES; p++)
            if (owner[p] == k)
              owner[p] = -1;
        }
      unsigned q = rand () % PAGES;
      struct region *r = region_find (&m, q * P + rand () % P);
      ck_assert_ptr_eq (r, owner[q] < 0 ? NULL : &pool[owner[q]]);
    }
}
END_TEST

/* spawn's segment check (hurd/spawn-fit.h): only level-1 slot 0, and
   clear of the boot-info page and stack.  */
static int
fit (uint64_t vaddr, uint64_t memsz, char *why)
{
  struct elf_image img = { .nsegments = 2 };
  img.segments[0] = (struct elf_segment){ 0x400000, 0x2000, 0, 0, 0 };
  img.segments[1] = (struct elf_segment){ vaddr, memsz, 0, 0, 0 };
  return spawn_fit_segments (&img, why, 100);
}

START_TEST (spawn_segments)
{
  char why[100] = "";
  ck_assert_int_eq (fit (0x600000, P, why), VG_OK);
  ck_assert_int_eq (fit (VG_BOOT_CAPS_VA - P, P, why), VG_OK);
  ck_assert_int_eq (fit (VG_BOOT_STACK_TOP, P, why), VG_OK);
  ck_assert_int_eq (fit (VG_BOOT_INFO_VA - P, P, why), VG_OK);
  ck_assert_str_eq (why, "");
  ck_assert_int_eq (fit (VG_BOOT_INFO_VA, P, why), VG_EINVAL);
  ck_assert_ptr_nonnull (strstr (why, "segment 1 "));
  ck_assert_int_eq (fit (VG_BOOT_CAPS_VA - P, 2 * P, why), VG_EINVAL);
  /* Level-1 slot 2 and the child's libhurd-mm range.  */
  ck_assert_int_eq (fit (2ull << 36, P, why), VG_EINVAL);
  ck_assert_int_eq (fit (HURD_MM_VA_LO, P, why), VG_EINVAL);
  ck_assert_int_eq (fit (HURD_MM_VA_HI - P, P, why), VG_EINVAL);
  ck_assert_int_eq (fit (0x600000, ~0ull - P, NULL), VG_EINVAL);
}
END_TEST

Suite *mm_region_suite (void);

Suite *
mm_region_suite (void)
{
  Suite *s = suite_create ("mm_region");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, insert_find);
  tcase_add_test (tc, overlap_and_errors);
  tcase_add_test (tc, gaps);
  tcase_add_test (tc, random_model);
  tcase_add_test (tc, spawn_segments);
  suite_add_tcase (s, tc);
  return s;
}
