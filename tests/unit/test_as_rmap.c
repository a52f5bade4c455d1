/* Unit tests for the reverse map (as_rmap.c): a property test that any
   sequence of mapping adds and removals, in any order, costs O(1) list
   steps per operation and keeps every list consistent both ways; and
   targeted flushes (overwriting a cappage cap flushes exactly the caches
   that translate through that cappage).  */
#include <check.h>

#include <arch/layout.h>
#include <arch/mm.h>

#include "mm/reclaim.h"
#include "mm/as.h"
#include "mm/as_rmap.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"

static uint32_t
obj_frame (const struct vg_cap *c, uint8_t type)
{
  struct folio *f;
  unsigned i;
  ck_assert_int_eq (cap_object (c, type, 0, &f, &i), VG_OK);
  return f->slots[i].frame;
}

static void
set (const struct vg_cap *cp, unsigned i, const struct vg_cap *c)
{
  ck_assert_int_eq (cappage_set_cap (cp, i, c), VG_OK);
}

/* An aliasing tree: root L1, slot 0 -> L2, slot 0 -> L3, whose slots
   0..NL3-1 all name L4, whose 256 slots all name page P (or Q on odd
   slots): NL3 MiB of addresses over two pages.  */
struct alias
{
  struct vg_cap folio, l1, l2, l3, l4, p, q;
};

static void
alias_build (struct alias *t, unsigned nl3)
{
  struct vg_cap root = os_root_cap ();
  t->folio = os_folio (&root);
  t->l1 = os_alloc (&t->folio, 0, VG_TYPE_CAPPAGE);
  t->l2 = os_alloc (&t->folio, 1, VG_TYPE_CAPPAGE);
  t->l3 = os_alloc (&t->folio, 2, VG_TYPE_CAPPAGE);
  t->l4 = os_alloc (&t->folio, 3, VG_TYPE_CAPPAGE);
  t->p = os_alloc (&t->folio, 4, VG_TYPE_PAGE);
  t->q = os_alloc (&t->folio, 5, VG_TYPE_PAGE);
  set (&t->l1, 0, &t->l2);
  set (&t->l2, 0, &t->l3);
  for (unsigned i = 0; i < nl3; i++)
    set (&t->l3, i, &t->l4);
  for (unsigned i = 0; i < 256; i++)
    set (&t->l4, i, i % 2 ? &t->q : &t->p);
}

static uint64_t
rng (uint64_t *s)
{
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

#define NL3 4
#define NVA (NL3 * 256)

/* Random adds (faults) and removals (unmaps) over two caches mapping
   1024 aliases of two pages: every operation visits at most a constant
   number of list records, and both lists stay consistent.  */
START_TEST (rmap_o1_any_order)
{
  os_boot (32);
  struct alias t;
  alias_build (&t, NL3);
  struct as_cache c[2];
  for (unsigned i = 0; i < 2; i++)
    ck_assert_int_eq (as_cache_init (&c[i], activity_root ()), VG_OK);
  void *d;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&t.p, false, &d)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&t.q, false, &d)), VG_OK);
  uint32_t pf = obj_frame (&t.p, VG_TYPE_PAGE);
  uint32_t qf = obj_frame (&t.q, VG_TYPE_PAGE);
  static bool mapped[2][NVA];
  memset (mapped, 0, sizeof mapped);
  unsigned live[2] = { 0, 0 }; /* Mappings of P and of Q.  */
  uint64_t seed = 0x9e3779b97f4a7c15ull + (uint64_t)_i;
  uint64_t worst = 0, ops = 0;
  for (unsigned n = 0; n < 20000; n++)
    {
      unsigned ci = rng (&seed) % 2, v = rng (&seed) % NVA;
      uint64_t va = (uint64_t)v << PAGE_SHIFT;
      uint32_t frame = v % 2 ? qf : pf;
      uint64_t before = as_rmap_steps;
      if (mapped[ci][v])
        {
          struct pt_probe pr;
          pt_probe (&c[ci].pt, va, &pr);
          as_rmap_remove (as_rmap_page_of_table (&c[ci], pr.table), va, frame);
          ck_assert_uint_eq (pt_unmap (&c[ci].pt, va), frame_paddr (frame));
          mapped[ci][v] = false;
          live[v % 2]--;
        }
      else
        {
          ck_assert_int_eq (
              RECLAIM_RUN (as_fault (&c[ci], &t.l1, va, false, false)), VG_OK);
          mapped[ci][v] = true;
          live[v % 2]++;
        }
      uint64_t cost = as_rmap_steps - before;
      if (cost > worst)
        worst = cost;
      ops++;
      if (n % 1000 == 0)
        {
          ck_assert (as_rmap_list_ok (pf));
          ck_assert (as_rmap_list_ok (qf));
          ck_assert_uint_eq (as_rmap_count (pf), live[0]);
          ck_assert_uint_eq (as_rmap_count (qf), live[1]);
        }
    }
  /* One record for the mapping, and up to four path records when the
     fault builds a leaf table.  A singly linked list walked from its
     head would cost up to its length here: hundreds of records.  */
  ck_assert_uint_le (worst, 5);
  ck_assert (as_rmap_list_ok (pf));
  ck_assert_uint_eq (as_rmap_count (pf), live[0]);
  ck_assert_uint_eq (as_rmap_count (qf), live[1]);
  /* Dropping a whole cache costs O(1) per record too, whatever order
     its records sit in the lists.  */
  unsigned records = 0;
  for (unsigned v = 0; v < NVA; v++)
    records += mapped[0][v];
  uint64_t before = as_rmap_steps;
  as_cache_flush (&c[0]);
  ck_assert_uint_le (as_rmap_steps - before, 3 * records + 3 * 10);
  ck_assert (as_rmap_list_ok (pf));
  ck_assert_uint_eq (as_rmap_count (pf) + as_rmap_count (qf),
                     live[0] + live[1] - records);
  for (unsigned i = 0; i < 2; i++)
    as_cache_fini (&c[i]);
  ck_assert_uint_eq (as_rmap_count (pf), 0);
  ck_assert_uint_eq (as_rmap_path_count (obj_frame (&t.l4, VG_TYPE_CAPPAGE)),
                     0);
  CHECK_OK ();
}
END_TEST

/* Entry-major touches then a full drop: the quadratic case of the old
   singly linked list (each removal walked from the far end).  */
START_TEST (rmap_drop_entry_major)
{
  os_boot (32);
  struct alias t;
  alias_build (&t, NL3);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, activity_root ()), VG_OK);
  for (unsigned k = 0; k < 256; k++)
    for (unsigned m = 0; m < NL3; m++)
      ck_assert_int_eq (
          RECLAIM_RUN (as_fault (&c, &t.l1,
                                 ((uint64_t)m << 20) + ((uint64_t)k << 12),
                                 false, false)),
          VG_OK);
  uint64_t before = as_rmap_steps;
  as_cache_flush (&c);
  ck_assert_uint_le (as_rmap_steps - before, 3 * NVA);
  ck_assert_uint_eq (as_rmap_count (obj_frame (&t.p, VG_TYPE_PAGE)), 0);
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Overwriting a cappage cap flushes the caches that translate through
   that cappage, and leaves every other cache's mappings alone.  */
START_TEST (flush_targets_users_only)
{
  os_boot (32);
  struct alias a, b;
  alias_build (&a, 2);
  alias_build (&b, 2);
  struct as_cache ca, cb, cshare;
  ck_assert_int_eq (as_cache_init (&ca, activity_root ()), VG_OK);
  ck_assert_int_eq (as_cache_init (&cb, activity_root ()), VG_OK);
  ck_assert_int_eq (as_cache_init (&cshare, activity_root ()), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&ca, &a.l1, 0x1000, false, false)),
                    VG_OK);
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&ca, &a.l1, 0x100000, false, false)), VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&cb, &b.l1, 0x1000, false, false)),
                    VG_OK);
  uint32_t a4 = obj_frame (&a.l4, VG_TYPE_CAPPAGE);
  /* One leaf table: 0 and 1 MiB are the two halves of one 2 MiB
     region, each through A's L4.  */
  ck_assert_uint_eq (as_rmap_path_count (a4), 2);
  ck_assert_uint_eq (as_rmap_path_count (obj_frame (&a.l1, VG_TYPE_CAPPAGE)),
                     1);
  /* A third cache whose tree shares A's L3 (and so L4) from B's L2.  */
  struct vg_cap root = os_root_cap (), f = os_folio (&root);
  struct vg_cap s1 = os_alloc (&f, 0, VG_TYPE_CAPPAGE);
  struct vg_cap s2 = os_alloc (&f, 1, VG_TYPE_CAPPAGE);
  set (&s1, 0, &s2);
  set (&s2, 0, &a.l3);
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&cshare, &s1, 0x2000, false, false)), VG_OK);
  ck_assert_uint_eq (as_rmap_path_count (a4), 3);

  /* A store over a cappage cap that no cache translates through: nobody
     is flushed.  */
  struct vg_cap v;
  cap_void (&v);
  struct vg_cap x = os_alloc (&f, 2, VG_TYPE_CAPPAGE);
  set (&a.l2, 7, &x);
  set (&a.l2, 7, &v);
  ck_assert (pt_lookup (&ca.pt, 0x1000, NULL, NULL));
  ck_assert (pt_lookup (&cb.pt, 0x1000, NULL, NULL));
  ck_assert (pt_lookup (&cshare.pt, 0x2000, NULL, NULL));

  /* Overwriting A's L1 slot naming A's L2: A's cache only.  */
  set (&a.l1, 0, &v);
  ck_assert (!pt_lookup (&ca.pt, 0x1000, NULL, NULL));
  ck_assert (!pt_lookup (&ca.pt, 0x100000, NULL, NULL));
  ck_assert_uint_eq (as_cache_frames (&ca), 1);
  ck_assert (pt_lookup (&cb.pt, 0x1000, NULL, NULL));
  ck_assert (pt_lookup (&cshare.pt, 0x2000, NULL, NULL));
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&ca, &a.l1, 0x1000, false, false)),
                    VG_EVOID);
  set (&a.l1, 0, &a.l2);
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&ca, &a.l1, 0x1000, false, false)),
                    VG_OK);

  /* Overwriting a slot naming A's L3 (B's L2 does not): A's cache and
     the sharing one, not B's.  */
  set (&s2, 0, &v);
  ck_assert (!pt_lookup (&cshare.pt, 0x2000, NULL, NULL));
  ck_assert (!pt_lookup (&ca.pt, 0x1000, NULL, NULL));
  ck_assert (pt_lookup (&cb.pt, 0x1000, NULL, NULL));
  ck_assert_int_eq (
      RECLAIM_RUN (as_fault (&cshare, &s1, 0x2000, false, false)), VG_EVOID);

  /* Destroying B's L4 flushes B's cache.  */
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&ca, &a.l1, 0x1000, false, false)),
                    VG_OK);
  os_alloc (&b.folio, 3, VG_TYPE_VOID);
  ck_assert (!pt_lookup (&cb.pt, 0x1000, NULL, NULL));
  ck_assert (pt_lookup (&ca.pt, 0x1000, NULL, NULL));
  ck_assert_int_eq (RECLAIM_RUN (as_fault (&cb, &b.l1, 0x1000, false, false)),
                    VG_EDEADCAP);
  as_cache_fini (&ca);
  as_cache_fini (&cb);
  as_cache_fini (&cshare);
  ck_assert_uint_eq (as_rmap_path_count (a4), 0);
  CHECK_OK ();
}
END_TEST

Suite *as_rmap_suite (void);

Suite *
as_rmap_suite (void)
{
  Suite *s = suite_create ("as_rmap");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_loop_test (tc, rmap_o1_any_order, 0, 3);
  tcase_add_test (tc, rmap_drop_entry_major);
  tcase_add_test (tc, flush_targets_users_only);
  suite_add_tcase (s, tc);
  return s;
}
