/* Unit tests for libhurd-mm's POSIX glue: mmap, munmap, mprotect,
   madvise and sbrk with their error cases, and a tiny malloc on sbrk
   that must see ENOMEM when the activity's quota runs out.  */
#include <check.h>
#include <errno.h>

#include <hurd/as.h>
#include <hurd/mm.h>
#include <vg/cap.h>

#include "fake_kernel.h"

_Static_assert(HURD_ENOMEM == ENOMEM && HURD_EINVAL == EINVAL
                   && HURD_EACCES == EACCES,
               "newlib and Linux agree with these");

static int last_errno;

static void
hook (int e)
{
  last_errno = e;
  errno = e;
}

static void
setup (void)
{
  fake_kernel_mm_init ();
  hurd_mm_errno_hook = hook;
  last_errno = 0;
}

static uint64_t
u (void *p)
{
  return (uint64_t)(uintptr_t)p;
}

START_TEST (mmap_munmap)
{
  setup ();
  void *a
      = hurd_mm_mmap (NULL, 3 * AS_PAGE + 1, HURD_PROT_READ | HURD_PROT_WRITE,
                      HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  ck_assert_ptr_ne (a, HURD_MAP_FAILED);
  ck_assert_uint_ge (u (a), HURD_MM_VA_LO);
  ck_assert_uint_le (u (a) + 4 * AS_PAGE, HURD_MM_VA_HI);
  uint8_t *p;
  for (int i = 0; i < 4; i++)
    ck_assert_int_eq (fake_touch (u (a) + i * AS_PAGE, true, &p), VG_OK);
  ck_assert_int_eq (fake_touch (u (a) - AS_PAGE, true, &p), VG_EVOID);
  /* Unmap the middle two pages: the ends survive.  */
  ck_assert_int_eq (hurd_mm_munmap ((char *)a + AS_PAGE, 2 * AS_PAGE), 0);
  ck_assert_int_eq (fake_touch (u (a) + AS_PAGE, false, &p), VG_EVOID);
  ck_assert_uint_eq (fake_kernel_type (u (a) + 2 * AS_PAGE), VG_TYPE_VOID);
  ck_assert_uint_eq (fake_kernel_type (u (a) + 3 * AS_PAGE), VG_TYPE_PAGE);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 2);
  ck_assert_int_eq (hurd_mm_munmap (a, 4 * AS_PAGE), 0);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 0);
  ck_assert_int_eq (hurd_mm_munmap (a, 4 * AS_PAGE), 0);
  /* MAP_FIXED lands where asked.  */
  void *f = hurd_mm_mmap (
      (void *)(uintptr_t)(HURD_MM_VA_LO + (1ull << 30)), AS_PAGE,
      HURD_PROT_READ, HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS | HURD_MAP_FIXED,
      -1, 0);
  ck_assert_uint_eq (u (f), HURD_MM_VA_LO + (1ull << 30));
}
END_TEST

START_TEST (mmap_errors)
{
  setup ();
  const int anon = HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS;
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, AS_PAGE, 3, HURD_MAP_PRIVATE, -1, 0),
                    HURD_MAP_FAILED);
  ck_assert_int_eq (last_errno, HURD_EINVAL);
  last_errno = 0;
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, AS_PAGE, 3, anon, 3, 0),
                    HURD_MAP_FAILED);
  ck_assert_int_eq (hurd_mm_errno, HURD_EINVAL);
  ck_assert_int_eq (last_errno, HURD_EINVAL);
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, 0, 3, anon, -1, 0), HURD_MAP_FAILED);
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, AS_PAGE, 3, anon, -1, 4096),
                    HURD_MAP_FAILED);
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, AS_PAGE, 0x100, anon, -1, 0),
                    HURD_MAP_FAILED);
  ck_assert_ptr_eq (
      hurd_mm_mmap ((void *)0x1001, AS_PAGE, 3, anon | HURD_MAP_FIXED, -1, 0),
      HURD_MAP_FAILED);
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, 1ull << 62, 3, anon, -1, 0),
                    HURD_MAP_FAILED);
  ck_assert_int_eq (last_errno, HURD_ENOMEM);
  ck_assert_int_eq (hurd_mm_munmap ((void *)0x1001, AS_PAGE), -1);
  ck_assert_int_eq (errno, EINVAL);
  ck_assert_int_eq (
      hurd_mm_madvise ((void *)(uintptr_t)HURD_MM_VA_LO, AS_PAGE, 99), -1);
  ck_assert_int_eq (hurd_mm_mprotect ((void *)(uintptr_t)HURD_MM_VA_LO,
                                      AS_PAGE, HURD_PROT_READ),
                    -1);
  ck_assert_int_eq (errno, ENOMEM);
}
END_TEST

START_TEST (mprotect_round_trip)
{
  setup ();
  char *a = hurd_mm_mmap (NULL, 4 * AS_PAGE, HURD_PROT_READ | HURD_PROT_WRITE,
                          HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  uint8_t *p;
  for (int i = 0; i < 4; i++)
    {
      ck_assert_int_eq (fake_touch (u (a) + i * AS_PAGE, true, &p), VG_OK);
      *p = (uint8_t)(0x10 + i);
    }
  /* Pages 1-2 read-only: their caps lose the write right.  */
  ck_assert_int_eq (
      hurd_mm_mprotect (a + AS_PAGE, 2 * AS_PAGE, HURD_PROT_READ), 0);
  ck_assert_uint_eq (fake_kernel_rights (u (a) + AS_PAGE) & VG_RIGHT_WRITE, 0);
  ck_assert_uint_eq (fake_kernel_rights (u (a)), VG_RIGHTS_ALL);
  ck_assert_int_eq (fake_touch (u (a) + 2 * AS_PAGE, true, &p), HURD_MM_PROT);
  ck_assert_int_eq (fake_touch (u (a) + 2 * AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0x12);
  ck_assert_int_eq (fake_touch (u (a) + 3 * AS_PAGE, true, &p), VG_OK);
  /* Back to writable: contents kept.  */
  ck_assert_int_eq (
      hurd_mm_mprotect (a, 4 * AS_PAGE, HURD_PROT_READ | HURD_PROT_WRITE), 0);
  for (int i = 0; i < 4; i++)
    {
      ck_assert_int_eq (fake_touch (u (a) + i * AS_PAGE, true, &p), VG_OK);
      ck_assert_uint_eq (*p, 0x10 + i);
    }
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 4);
}
END_TEST

START_TEST (madvise_dontneed)
{
  setup ();
  char *a = hurd_mm_mmap (NULL, 2 * AS_PAGE, HURD_PROT_READ | HURD_PROT_WRITE,
                          HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (u (a), true, &p), VG_OK);
  *p = 7;
  ck_assert_int_eq (hurd_mm_madvise (a, 2 * AS_PAGE, HURD_MADV_DONTNEED), 0);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 0);
  ck_assert_int_eq (fake_touch (u (a), false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0);
  ck_assert_int_eq (hurd_mm_madvise (a, 3 * AS_PAGE, HURD_MADV_DONTNEED), -1);
  ck_assert_int_eq (errno, ENOMEM);
}
END_TEST

/* MADV_FREE makes the pages discardable, WILLNEED and NORMAL important
   again; the contents stay; a piece is split off.  */
START_TEST (madvise_free_willneed)
{
  setup ();
  char *a = hurd_mm_mmap (NULL, 3 * AS_PAGE, HURD_PROT_READ | HURD_PROT_WRITE,
                          HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  uint8_t *p;
  for (unsigned i = 0; i < 3; i++)
    {
      ck_assert_int_eq (fake_touch (u (a) + i * AS_PAGE, true, &p), VG_OK);
      *p = (uint8_t)(0x20 + i);
    }
  ck_assert_int_eq (hurd_mm_madvise (a + AS_PAGE, AS_PAGE, HURD_MADV_FREE), 0);
  ck_assert_uint_eq (anon_find (u (a) + AS_PAGE)->policy.discardable, 1);
  ck_assert_uint_eq (anon_find (u (a))->policy.discardable, 0);
  ck_assert_uint_eq (anon_find (u (a) + 2 * AS_PAGE)->policy.discardable, 0);
  for (unsigned i = 0; i < 3; i++)
    {
      ck_assert_int_eq (fake_touch (u (a) + i * AS_PAGE, false, &p), VG_OK);
      ck_assert_uint_eq (*p, 0x20 + i);
    }
  ck_assert_int_eq (hurd_mm_madvise (a, 3 * AS_PAGE, HURD_MADV_WILLNEED), 0);
  ck_assert_uint_eq (anon_find (u (a) + AS_PAGE)->policy.discardable, 0);
  ck_assert_int_eq (fake_touch (u (a) + AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0x21);
  ck_assert_int_eq (hurd_mm_madvise (a, AS_PAGE, HURD_MADV_FREE), 0);
  ck_assert_int_eq (hurd_mm_madvise (a, AS_PAGE, HURD_MADV_NORMAL), 0);
  ck_assert_uint_eq (anon_find (u (a))->policy.discardable, 0);
  ck_assert_int_eq (hurd_mm_madvise (a, AS_PAGE, 5), -1);
  ck_assert_int_eq (errno, EINVAL);
}
END_TEST

START_TEST (sbrk_basic)
{
  setup ();
  uint64_t base = u (hurd_mm_sbrk (0));
  ck_assert_uint_eq (base, HURD_MM_VA_LO);
  ck_assert_uint_eq (u (hurd_mm_sbrk (10000)), base);
  ck_assert_uint_eq (u (hurd_mm_sbrk (0)), base + 10000);
  /* Populated: present without a fault.  */
  for (uint64_t va = base; va < base + 10000; va += AS_PAGE)
    ck_assert_uint_eq (fake_kernel_type (va), VG_TYPE_PAGE);
  ck_assert_uint_eq (fake_kernel_type (base + 3 * AS_PAGE), VG_TYPE_VOID);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (base + 9999, true, &p), VG_OK);
  *p = 5;
  ck_assert_uint_eq (u (hurd_mm_sbrk (-6000)), base + 10000);
  ck_assert_uint_eq (fake_kernel_type (base + AS_PAGE), VG_TYPE_VOID);
  ck_assert_uint_eq (fake_kernel_type (base), VG_TYPE_PAGE);
  ck_assert_ptr_eq (hurd_mm_sbrk (-5000), (void *)-1);
  ck_assert_int_eq (errno, EINVAL);
  ck_assert_uint_eq (u (hurd_mm_sbrk (-4000)), base + 4000);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 0);
  /* The heap is sbrk's: munmap refuses it.  */
  hurd_mm_sbrk (AS_PAGE);
  ck_assert_int_eq (hurd_mm_munmap ((void *)(uintptr_t)base, AS_PAGE), -1);
}
END_TEST

/* munmap and mprotect refuse any range touching the heap before they
   change anything: the heap stays one region that sbrk can grow.  */
START_TEST (heap_untouchable)
{
  setup ();
  uint64_t base = u (hurd_mm_sbrk (0));
  ck_assert_uint_eq (u (hurd_mm_sbrk (3 * AS_PAGE)), base);
  void *mid = (void *)(uintptr_t)(base + AS_PAGE);
  ck_assert_int_eq (hurd_mm_munmap (mid, AS_PAGE), -1);
  ck_assert_int_eq (errno, ENOMEM);
  ck_assert_int_eq (hurd_mm_mprotect (mid, AS_PAGE, HURD_PROT_READ), -1);
  ck_assert_int_eq (errno, ENOMEM);
  /* A range starting below the heap is refused too.  */
  ck_assert_int_eq (
      hurd_mm_munmap ((void *)(uintptr_t)(base - AS_PAGE), 2 * AS_PAGE), -1);
  ck_assert_ptr_eq (
      hurd_mm_mmap (mid, AS_PAGE, HURD_PROT_READ,
                    HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS | HURD_MAP_FIXED, -1,
                    0),
      HURD_MAP_FAILED);
  ck_assert_int_eq (errno, ENOMEM);
  uint8_t *p;
  for (int i = 0; i < 3; i++)
    {
      ck_assert_uint_eq (fake_kernel_type (base + i * AS_PAGE), VG_TYPE_PAGE);
      ck_assert_int_eq (fake_touch (base + i * AS_PAGE, true, &p), VG_OK);
    }
  ck_assert_uint_eq (u (hurd_mm_sbrk (2 * AS_PAGE)), base + 3 * AS_PAGE);
  for (int i = 3; i < 5; i++)
    ck_assert_int_eq (fake_touch (base + i * AS_PAGE, true, &p), VG_OK);
  ck_assert_uint_eq (fake_kernel_stats (FK_PROG).frames_local, 5);
}
END_TEST

/* MAP_FIXED replaces a mapping that starts inside the new range.  */
START_TEST (map_fixed_replaces)
{
  setup ();
  const int fixed = HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS | HURD_MAP_FIXED;
  const int rw = HURD_PROT_READ | HURD_PROT_WRITE;
  uint64_t lo = HURD_MM_VA_LO + (1ull << 30);
  void *old = hurd_mm_mmap ((void *)(uintptr_t)(lo + AS_PAGE), 2 * AS_PAGE, rw,
                            fixed, -1, 0);
  ck_assert_uint_eq (u (old), lo + AS_PAGE);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (lo + AS_PAGE, true, &p), VG_OK);
  *p = 9;
  ck_assert_int_eq (fake_touch (lo + 2 * AS_PAGE, true, &p), VG_OK);
  *p = 8;
  /* [lo, lo + 2 pages): a hole then the old region's first page.  */
  void *n
      = hurd_mm_mmap ((void *)(uintptr_t)lo, 2 * AS_PAGE, rw, fixed, -1, 0);
  ck_assert_uint_eq (u (n), lo);
  ck_assert_int_eq (fake_touch (lo + AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 0);
  ck_assert_int_eq (fake_touch (lo + 2 * AS_PAGE, false, &p), VG_OK);
  ck_assert_uint_eq (*p, 8);
  ck_assert_int_eq (hurd_mm_munmap ((void *)(uintptr_t)lo, 3 * AS_PAGE), 0);
  ck_assert_int_eq (fake_touch (lo, false, &p), VG_EVOID);
}
END_TEST

/* PROT_NONE cannot be honoured (a mapped page is always readable), so
   mmap and mprotect refuse it.  */
START_TEST (prot_none_refused)
{
  setup ();
  const int anon = HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS;
  ck_assert_ptr_eq (hurd_mm_mmap (NULL, AS_PAGE, HURD_PROT_NONE, anon, -1, 0),
                    HURD_MAP_FAILED);
  ck_assert_int_eq (errno, EINVAL);
  char *a = hurd_mm_mmap (NULL, AS_PAGE, HURD_PROT_READ | HURD_PROT_WRITE,
                          anon, -1, 0);
  ck_assert_ptr_ne (a, HURD_MAP_FAILED);
  errno = 0;
  ck_assert_int_eq (hurd_mm_mprotect (a, AS_PAGE, HURD_PROT_NONE), -1);
  ck_assert_int_eq (errno, EINVAL);
  uint8_t *p;
  ck_assert_int_eq (fake_touch (u (a), true, &p), VG_OK);
}
END_TEST

/* A minimal malloc as newlib's uses sbrk: bump, no reuse.  */
static void *
tiny_malloc (size_t n)
{
  void *p = hurd_mm_sbrk ((intptr_t)n);
  return p == (void *)-1 ? NULL : p;
}

START_TEST (malloc_sees_enomem)
{
  setup ();
  fake_kernel_set_quota (FK_PROG, 2);
  const size_t chunk = 40000;
  int got = 0;
  void *p;
  errno = 0;
  while ((p = tiny_malloc (chunk)) != NULL)
    {
      uint8_t *b;
      ck_assert_int_eq (fake_touch (u (p) + chunk - 1, true, &b), VG_OK);
      *b = (uint8_t)got;
      got++;
      ck_assert_int_lt (got, 1000);
    }
  ck_assert_int_eq (errno, ENOMEM);
  /* Two folios: 256 pages of about 10 per chunk.  */
  ck_assert_int_ge (got, 20);
  ck_assert_int_le (got, 26);
  uint64_t brk = u (hurd_mm_sbrk (0));
  ck_assert_uint_eq (brk, HURD_MM_VA_LO + got * chunk);
  for (int i = 0; i < got; i++)
    {
      uint8_t *b;
      ck_assert_int_eq (
          fake_touch (HURD_MM_VA_LO + (i + 1) * chunk - 1, false, &b), VG_OK);
      ck_assert_uint_eq (*b, (uint8_t)i);
    }
  /* Smaller requests may still fit in the last page.  */
  fake_kernel_set_quota (FK_PROG, 0);
  ck_assert_ptr_nonnull (tiny_malloc (chunk));
}
END_TEST

Suite *mm_posix_suite (void);

Suite *
mm_posix_suite (void)
{
  Suite *s = suite_create ("mm_posix");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, mmap_munmap);
  tcase_add_test (tc, mmap_errors);
  tcase_add_test (tc, mprotect_round_trip);
  tcase_add_test (tc, madvise_dontneed);
  tcase_add_test (tc, madvise_free_willneed);
  tcase_add_test (tc, sbrk_basic);
  tcase_add_test (tc, malloc_sees_enomem);
  tcase_add_test (tc, heap_untouchable);
  tcase_add_test (tc, map_fixed_replaces);
  tcase_add_test (tc, prot_none_refused);
  suite_add_tcase (s, tc);
  return s;
}
