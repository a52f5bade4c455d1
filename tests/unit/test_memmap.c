/* Unit tests for free-range computation from firmware memory maps,
   including malformed ones.  */
#include <check.h>

#include "mm/memmap.h"

#define MiB (1ull << 20)
#define GiB (1ull << 30)
#define AV MEMMAP_AVAILABLE
#define RS 2

static struct memmap m;

static void
check_range (unsigned i, uint64_t start, uint64_t end)
{
  ck_assert_uint_gt (m.nfree, i);
  ck_assert_uint_eq (m.free[i].start, start);
  ck_assert_uint_eq (m.free[i].end, end);
}

START_TEST (typical_qemu_map)
{
  struct memmap_entry e[] = {
    { 0, 0x9fc00, AV },          { 0x9fc00, 0x400, RS },
    { 0xf0000, 0x10000, RS },    { 0x100000, 127 * MiB, AV },
    { 0xfffc0000, 0x40000, RS },
  };
  struct memmap_range res[] = { { 0, MiB }, { MiB, 2 * MiB } };
  ck_assert_uint_eq (memmap_build (&m, e, 5, res, 2, 0), 1);
  check_range (0, 2 * MiB, 128 * MiB);
  ck_assert_uint_eq (m.free_bytes, 126 * MiB);
  ck_assert_uint_eq (m.available_bytes, 0x9fc00 + 127 * MiB);
}
END_TEST

START_TEST (unsorted_and_adjacent_merge)
{
  struct memmap_entry e[] = {
    { 8 * MiB, 8 * MiB, AV },
    { 0, 4 * MiB, AV },
    { 4 * MiB, 4 * MiB, AV },
  };
  ck_assert_uint_eq (memmap_build (&m, e, 3, NULL, 0, 0), 1);
  check_range (0, 0, 16 * MiB);
}
END_TEST

START_TEST (overlap_reserved_wins)
{
  struct memmap_entry e[] = {
    { 0, 16 * MiB, AV },
    { 4 * MiB, 2 * MiB, RS },  /* Inside available: a hole.  */
    { 2 * MiB, 4 * MiB, AV },  /* Overlaps both: still a hole.  */
    { 15 * MiB, 4 * MiB, RS }, /* Overlaps the end.  */
  };
  ck_assert_uint_eq (memmap_build (&m, e, 4, NULL, 0, 0), 2);
  check_range (0, 0, 4 * MiB);
  check_range (1, 6 * MiB, 15 * MiB);
  /* Overlapping available entries are not counted twice.  */
  ck_assert_uint_eq (m.available_bytes, 13 * MiB);
}
END_TEST

START_TEST (zero_length_entries_ignored)
{
  struct memmap_entry e[] = {
    { 0, 0, RS }, /* Would block everything if taken as "to the end".  */
    { MiB, 0, AV },
    { MiB, MiB, AV },
  };
  ck_assert_uint_eq (memmap_build (&m, e, 3, NULL, 0, 0), 1);
  check_range (0, MiB, 2 * MiB);
  ck_assert_uint_eq (m.ignored, 2);
}
END_TEST

START_TEST (above_4gib_and_limit)
{
  struct memmap_entry e[] = {
    { MiB, 3 * GiB - MiB, AV },
    { 4 * GiB, 4 * GiB, AV },
  };
  ck_assert_uint_eq (memmap_build (&m, e, 2, NULL, 0, 0), 2);
  check_range (1, 4 * GiB, 8 * GiB);
  ck_assert_uint_eq (m.free_bytes, 7 * GiB - MiB);
  ck_assert_uint_eq (memmap_build (&m, e, 2, NULL, 0, 6 * GiB), 2);
  check_range (1, 4 * GiB, 6 * GiB);
  ck_assert_uint_eq (memmap_build (&m, e, 2, NULL, 0, 2 * GiB), 1);
  check_range (0, MiB, 2 * GiB);
}
END_TEST

START_TEST (unaligned_and_wrapping)
{
  struct memmap_entry e[] = {
    { 0x1234, 0x3000, AV }, /* [0x2000, 0x4000) after aligning.  */
    { 0x10000, 0x800, AV }, /* Less than a page: dropped.  */
    { UINT64_MAX - 0xfff, 0x10000, AV }, /* Wraps: clamped, then empty. */
  };
  ck_assert_uint_eq (memmap_build (&m, e, 3, NULL, 0, 0), 1);
  check_range (0, 0x2000, 0x4000);
}
END_TEST

START_TEST (reservations_and_overflowing_input)
{
  struct memmap_entry e[MEMMAP_MAX_ENTRIES + 4];
  /* Many one-page ranges with holes: more than MEMMAP_MAX_RANGES.  */
  for (unsigned i = 0; i < MEMMAP_MAX_ENTRIES + 4; i++)
    e[i] = (struct memmap_entry){ i * 0x2000ull, 0x1000, AV };
  unsigned n = memmap_build (&m, e, MEMMAP_MAX_ENTRIES + 4, NULL, 0, 0);
  ck_assert_uint_eq (m.ignored, 4);
  ck_assert_uint_eq (n, MEMMAP_MAX_RANGES);

  struct memmap_entry one = { 0, 64 * MiB, AV };
  struct memmap_range res[] = { { 0, MiB },
                                { 10 * MiB, 11 * MiB },
                                { 5 * MiB, 5 * MiB } /* empty */ };
  ck_assert_uint_eq (memmap_build (&m, &one, 1, res, 3, 0), 2);
  check_range (0, MiB, 10 * MiB);
  check_range (1, 11 * MiB, 64 * MiB);
}
END_TEST

START_TEST (nothing_available)
{
  struct memmap_entry e[] = { { 0, GiB, RS } };
  ck_assert_uint_eq (memmap_build (&m, e, 1, NULL, 0, 0), 0);
  ck_assert_uint_eq (m.free_bytes, 0);
  ck_assert_uint_eq (memmap_build (&m, NULL, 0, NULL, 0, 0), 0);
}
END_TEST

Suite *memmap_suite (void);

Suite *
memmap_suite (void)
{
  Suite *s = suite_create ("memmap");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, typical_qemu_map);
  tcase_add_test (tc, unsorted_and_adjacent_merge);
  tcase_add_test (tc, overlap_reserved_wins);
  tcase_add_test (tc, zero_length_entries_ignored);
  tcase_add_test (tc, above_4gib_and_limit);
  tcase_add_test (tc, unaligned_and_wrapping);
  tcase_add_test (tc, reservations_and_overflowing_input);
  tcase_add_test (tc, nothing_available);
  suite_add_tcase (s, tc);
  return s;
}
