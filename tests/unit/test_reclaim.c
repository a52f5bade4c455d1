/* Unit tests for frame accounting and reclamation: frame limits (the
   aliasing scenario of issue 11, hierarchy, kernel objects refused with
   VG_EFRAMES), read-only activity caps that must make nobody pay, and
   the list invariant checked by os_check after every step.  */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <string.h>

#include <arch/layout.h>

#include "fake/fake.h"
#include "mm/ager.h"
#include "mm/as.h"
#include "mm/pmm.h"
#include "mm/evict.h"
#include "mm/reclaim.h"
#include "obj/cap.h"
#include "obj/cappage.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "obj/object.h"
#include "objstore_fixture.h"
#include "reclaim_fixture.h"

#define TWO_MIB (2ull << 20)

/* The scenario: in ONE folio, a root cappage and three cappages that
   alias (every slot of a level names the same next-level cappage, the
   last level names one page), and a thread.  One byte read every 2 MiB
   needs a new leaf table and reverse-map page each time.  */
struct alias
{
  struct vg_cap folio, cp[4], page, thread;
};

static void
alias_build (struct alias *t, const struct vg_cap *activity)
{
  t->folio = os_folio (activity);
  for (unsigned l = 0; l < 4; l++)
    t->cp[l] = os_alloc (&t->folio, l, VG_TYPE_CAPPAGE);
  t->page = os_alloc (&t->folio, 4, VG_TYPE_PAGE);
  t->thread = os_alloc (&t->folio, 5, VG_TYPE_THREAD);
  for (unsigned l = 0; l < 4; l++)
    for (unsigned i = 0; i < VG_CAPPAGE_SLOTS; i++)
      ck_assert_int_eq (
          cappage_set_cap (&t->cp[l], i, l < 3 ? &t->cp[l + 1] : &t->page),
          VG_OK);
}

/* Run the aliasing scenario for N steps on a cache paid by A; return
   the most frames A's subtree held at once.  */
static uint64_t
alias_run (struct as_cache *c, const struct alias *t, struct activity *a,
           unsigned n)
{
  uint64_t most = 0;
  for (unsigned k = 0; k < n; k++)
    {
      uint64_t va = (uint64_t)k * TWO_MIB;
      int err = RECLAIM_RUN (as_fault (c, &t->cp[0], va, false, false));
      ck_assert_msg (err == VG_OK, "step %u: error %d", k, err);
      if (a->frames_sum_total > most)
        most = a->frames_sum_total;
      if (k % 512 == 0)
        CHECK_OK ();
    }
  return most;
}

/* Starred test: quota of one folio, frame limit 40: 3000 regions (6 GiB
   of address space) run to completion within the limit, the page tables
   recycled, and a sibling still allocates.  */
START_TEST (aliasing_within_frame_limit)
{
  os_boot (32);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct vg_cap sib = os_child (&rf, 1, &root);
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_QUOTA | VG_ACTIVITY_POLICY_FRAMES, 1,
                 40);
  struct activity *a = rf_act (&ac);
  struct alias t;
  alias_build (&t, &ac);
  struct vg_cap f2;
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&ac, &f2)), VG_EQUOTA);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  uint64_t most = alias_run (&c, &t, a, 3000);
  ck_assert_uint_le (most, 40);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&ac, &st), VG_OK);
  /* Every step built a leaf table and an rmap page; most were dropped
     again, coldest first.  */
  ck_assert_uint_ge (st.cache_built, 3 * 3000);
  ck_assert_uint_ge (st.cache_dropped, st.cache_built - 40);
  ck_assert_uint_eq (st.frames_cache, as_cache_frames (&c));
  ck_assert_uint_eq (st.frames_kernel, 4 + 2); /* Cappages, thread.  */
  ck_assert_uint_eq (st.frames_data, 1);
  ck_assert_uint_le (st.frames_total, 40);
  ck_assert_uint_gt (st.limit_hits, 0);
  /* The most recent regions are still mapped, the oldest are not.  */
  ck_assert (pt_lookup (&c.pt, 2999 * TWO_MIB, NULL, NULL));
  ck_assert (!pt_lookup (&c.pt, 0, NULL, NULL));
  /* A sibling is unaffected.  */
  struct vg_cap sf = os_folio (&sib), sp;
  void *d;
  for (unsigned s = 0; s < 64; s++)
    {
      sp = os_alloc (&sf, s, VG_TYPE_PAGE);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&sp, true, &d)),
                        VG_OK);
    }
  CHECK_OK ();
  as_cache_fini (&c);
  ck_assert_uint_eq (a->frames_kind[ACTIVITY_CACHE], 0);
  CHECK_OK ();
}
END_TEST

/* The same with the limit in the parent: it holds hierarchically.  */
START_TEST (aliasing_parent_limit)
{
  os_boot (32);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap pc = os_child (&rf, 0, &root);
  rf_set_policy (&pc, VG_ACTIVITY_POLICY_FRAMES, 0, 24);
  struct vg_cap pf = os_folio (&pc);
  struct vg_cap ac = os_child (&pf, 0, &pc);
  struct activity *p = rf_act (&pc), *a = rf_act (&ac);
  struct alias t;
  alias_build (&t, &ac);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  uint64_t before = p->frames_sum_total;
  ck_assert_uint_le (before, 24);
  alias_run (&c, &t, a, 1500);
  ck_assert_uint_le (p->frames_sum_total, 24);
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Kernel objects beyond the frame limit are refused with VG_EFRAMES and
   nothing changes; data pages too once the activity has nothing of its
   own to give back; raising the limit lets them through.  */
START_TEST (kernel_objects_refused_at_limit)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = rf_act (&ac);
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 3);
  struct vg_cap f = os_folio (&ac), c1, c2, out;
  c1 = os_alloc (&f, 0, VG_TYPE_CAPPAGE);
  c2 = os_alloc (&f, 1, VG_TYPE_CAPPAGE);
  ck_assert_uint_eq (a->frames_sum_total, 2);
  /* A thread needs two frames (object and kernel stack).  */
  uint64_t free_before = pmm_free_frames ();
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 2, VG_TYPE_THREAD,
                                     os_default_policy, &out)),
      VG_EFRAMES);
  ck_assert_uint_eq (pmm_free_frames (), free_before);
  ck_assert_int_eq (f.type, VG_TYPE_FOLIO);
  struct folio *fo;
  ck_assert_int_eq (cap_folio (&f, 0, &fo), VG_OK);
  ck_assert_int_eq (fo->slots[2].type, VG_TYPE_VOID);
  /* A messenger fits (one frame), then nothing does.  */
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 2,
                                                   VG_TYPE_MESSENGER,
                                                   os_default_policy, &out)),
                    VG_OK);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 3, VG_TYPE_CAPPAGE,
                                     os_default_policy, &out)),
      VG_EFRAMES);
  struct vg_cap pg = os_alloc (&f, 4, VG_TYPE_PAGE);
  void *d;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &d)),
                    VG_EFRAMES);
  ck_assert_uint_eq (a->frames_sum_total, 3);
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&ac, &st), VG_OK);
  ck_assert_uint_eq (st.limit_hits, 3);
  ck_assert_uint_eq (st.frames_kernel, 3);
  /* Activity creation is charged the same way.  */
  ck_assert_int_eq (
      RECLAIM_RUN (activity_create_cap (activity_root (), &f, 5, &ac, &out)),
      VG_EFRAMES);
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, 6);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &d)), VG_OK);
  ck_assert_int_eq (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &f, 3, VG_TYPE_THREAD,
                                     os_default_policy, &out)),
      VG_OK);
  ck_assert_uint_eq (a->frames_sum_total, 6);
  (void)c1;
  (void)c2;
  CHECK_OK ();
}
END_TEST

/* At its limit, an activity's data page is taken from its own page
   tables before the claim is refused.  */
START_TEST (data_page_drops_own_tables)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = rf_act (&ac);
  struct alias t;
  alias_build (&t, &ac);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  alias_run (&c, &t, a, 8);
  uint64_t held = a->frames_sum_total;
  ck_assert_uint_eq (held, 6 + 1 + 1 + 8 * 3 + 2); /* + PDPT, PD.  */
  rf_set_policy (&ac, VG_ACTIVITY_POLICY_FRAMES, 0, held);
  struct vg_cap pg = os_alloc (&t.folio, 6, VG_TYPE_PAGE);
  void *d;
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg, true, &d)), VG_OK);
  ck_assert_uint_le (a->frames_sum_total, held);
  ck_assert_uint_eq (a->stats.cache_dropped, 3);
  ck_assert (!pt_lookup (&c.pt, 0, NULL, NULL)); /* The coldest.  */
  ck_assert (pt_lookup (&c.pt, 7 * TWO_MIB, NULL, NULL));
  CHECK_OK ();
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Read-only activity caps make nobody pay: no folio, no child, no
   policy change.  (thread_exregs SET_ACTIVITY is checked in QEMU by the
   root_syscalls test.)  */
START_TEST (read_only_activity_pays_nothing)
{
  os_boot (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root), ro, out;
  cap_derive (&ac, 0, &ro);
  struct activity *a = rf_act (&ac);
  ck_assert_int_eq (RECLAIM_RUN (folio_alloc_cap (&ro, &out)), VG_EPERM);
  ck_assert_int_eq (
      RECLAIM_RUN (activity_create_cap (activity_root (), &rf, 1, &ro, &out)),
      VG_EPERM);
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .frame_limit = 1 };
  ck_assert_int_eq (
      activity_policy_set_cap (&ro, VG_ACTIVITY_POLICY_FRAMES, &p), VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&ro, VG_ACTIVITY_POLICY_CPU_CHILD, &p),
      VG_EPERM);
  ck_assert_int_eq (activity_destroy_cap (activity_root (), &ro), VG_EPERM);
  ck_assert_uint_eq (activity_charged_frames (a), 0);
  /* A weak cap (write, no policy) may not change limits either.  */
  struct vg_cap weak;
  cap_derive (&ac, VG_RIGHT_WRITE, &weak);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_FRAMES, &p),
      VG_EPERM);
  ck_assert_int_eq (
      activity_policy_set_cap (&weak, VG_ACTIVITY_POLICY_CPU_CHILD, &p),
      VG_OK);
  CHECK_OK ();
}
END_TEST

/* Four activities with weights 1:2:3:4, all asking for more than fits:
   each holds its weighted share within 5% (relative).  */
START_TEST (weights_share)
{
  rf_boot_unquota (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap pc = os_child (&rf, 0, &root);
  struct vg_cap pf = os_folio (&pc);
  static struct rf_prog pr[4];
  struct activity *a[4];
  for (unsigned k = 0; k < 4; k++)
    {
      struct vg_cap c = os_child (&pf, k, &pc);
      rf_set_share (&c, 0, k + 1);
      a[k] = rf_act (&c);
      rf_prog_init (&pr[k], &c, 16, rf_discardable);
    }
  for (unsigned r = 0; r < 40000; r++)
    rf_prog_step (&pr[r % 4]);
  uint64_t sum = 0;
  for (unsigned k = 0; k < 4; k++)
    sum += a[k]->frames_sum_total;
  ck_assert_uint_gt (sum, 3000); /* Memory is full.  */
  for (unsigned k = 0; k < 4; k++)
    {
      double share = (double)sum * (k + 1) / 10;
      double got = (double)a[k]->frames_sum_total;
      ck_assert_msg (got >= share * 0.95 && got <= share * 1.05,
                     "weight %u: %.0f frames, share %.0f", k + 1, got, share);
      ck_assert_uint_gt (a[k]->stats.discarded, 0);
      ck_assert_uint_eq (a[k]->stats.refaults, pr[k].refilled);
    }
  CHECK_OK ();
}
END_TEST

/* Equal weights, different priorities: the lower priority is reclaimed
   first, so it keeps only what it touched since the last reclaim.  */
START_TEST (priority_first)
{
  rf_boot_unquota (4);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap lo = os_child (&rf, 0, &root), hi = os_child (&rf, 1, &root);
  rf_set_share (&lo, -1, 1);
  rf_set_share (&hi, 0, 1);
  static struct rf_prog pl, ph;
  /* HI's 768 pages fit in the 1024 frames; LO wants 2048 more.  */
  rf_prog_init (&pl, &lo, 16, rf_discardable);
  rf_prog_init (&ph, &hi, 6, rf_discardable);
  for (unsigned r = 0; r < 8000; r++)
    rf_prog_step (r % 2 ? &ph : &pl);
  struct activity *l = rf_act (&lo), *h = rf_act (&hi);
  ck_assert_uint_eq (h->frames_sum_total, 6 * VG_FOLIO_OBJECTS);
  ck_assert_uint_eq (h->stats.discarded, 0);
  ck_assert_uint_gt (l->stats.discarded, 1000);
  ck_assert_uint_gt (l->frames_sum_total, 0);
  /* Same priorities: now HI, the larger, gives up frames too.  */
  rf_set_share (&lo, 0, 1);
  for (unsigned r = 0; r < 2000; r++)
    rf_prog_step (&pl);
  ck_assert_uint_gt (h->stats.discarded, 0);
  CHECK_OK ();
}
END_TEST

/* Within an activity: important pages are never taken (no backing store
   yet), discardable ones are, their slots say discarded, the next touch
   is a refault and a refill restores exact contents; page tables go
   before data of priority 0.  */
START_TEST (discard_important_stay)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = rf_act (&ac);
  struct vg_cap f = os_folio (&ac), pg[64];
  void *d;
  for (unsigned s = 0; s < 64; s++)
    {
      struct vg_object_policy pol = { s % 2, 0 }; /* Odd: discardable.  */
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s, VG_TYPE_PAGE,
                                         pol, &pg[s])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
      memset (d, (int)s, PAGE_SIZE);
    }
  ck_assert_uint_eq (a->frames_important, 32);
  ck_assert_uint_eq (a->evictable_local, 32);
  ck_assert_uint_eq (reclaim_take (a, 100), 32);
  ck_assert_uint_eq (reclaim_take (a, 100), 0);
  ck_assert_uint_eq (a->frames_sum_local, 32);
  ck_assert_ptr_eq (reclaim_victim (activity_root ()), NULL);
  for (unsigned s = 0; s < 64; s++)
    {
      int err = RECLAIM_RUN (object_page_claim (&pg[s], false, &d));
      if (s % 2)
        {
          ck_assert_int_eq (err, VG_EDISCARDED);
          continue;
        }
      ck_assert_int_eq (err, VG_OK);
      for (unsigned b = 0; b < PAGE_SIZE; b++)
        ck_assert_uint_eq (((uint8_t *)d)[b], s);
    }
  struct vg_activity_stats st;
  ck_assert_int_eq (activity_stats_cap (&ac, &st), VG_OK);
  ck_assert_uint_eq (st.discarded, 32);
  ck_assert_uint_eq (st.reclaimed, 32);
  ck_assert_uint_eq (st.refaults, 32);
  ck_assert_uint_eq (st.frames_pinned, 32);
  /* A second touch is no new refault; a refill restores the contents.  */
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[1], false, &d)),
                    VG_EDISCARDED);
  ck_assert_uint_eq (a->stats.refaults, 32);
  struct vg_object_policy dpol = { 1, 0 };
  ck_assert_int_eq (RECLAIM_RUN (object_alloc_cap (
                        activity_root (), &f, 1, VG_TYPE_PAGE, dpol, &pg[1])),
                    VG_OK);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[1], true, &d)), VG_OK);
  ck_assert_uint_eq (((uint8_t *)d)[0], 0); /* A fresh, zeroed page.  */
  memset (d, 1, PAGE_SIZE);
  ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[1], false, &d)),
                    VG_OK);
  ck_assert_uint_eq (((uint8_t *)d)[PAGE_SIZE - 1], 1);
  /* Page tables go first, but never the six warmest leaves
     (as_shrink): eight leaves leave two to take.  */
  struct alias t;
  alias_build (&t, &ac);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  alias_run (&c, &t, a, 8);
  uint64_t data = a->frames_kind[ACTIVITY_DATA];
  ck_assert_uint_eq (reclaim_take (a, 3), 3);
  ck_assert_uint_eq (a->frames_kind[ACTIVITY_DATA], data);
  ck_assert (!pt_lookup (&c.pt, 0, NULL, NULL)); /* The coldest leaf.  */
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Within an activity, by the default (viengoos) policy's key: lower
   object priority first.  */
START_TEST (lower_priority_first_within)
{
  os_boot (16);
  ck_assert_str_eq (evict_policy ()->name, "viengoos");
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = rf_act (&ac);
  struct vg_cap f = os_folio (&ac), pg[64];
  void *d;
  for (unsigned s = 0; s < 64; s++)
    {
      /* Even slots priority 5, odd ones -5; all discardable.  */
      struct vg_object_policy pol = { 1, s % 2 ? -5 : 5 };
      ck_assert_int_eq (
          RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s, VG_TYPE_PAGE,
                                         pol, &pg[s])),
          VG_OK);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
    }
  ck_assert_uint_eq (reclaim_take (a, 32), 32);
  for (unsigned s = 0; s < 64; s++)
    ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], false, &d)),
                      s % 2 ? VG_EDISCARDED : VG_OK);
  CHECK_OK ();
}
END_TEST

/* A page's policy changes in place: made discardable it is reclaimed,
   made important again it stays, and its contents survive the
   change.  */
START_TEST (policy_change_in_place)
{
  os_boot (16);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root);
  struct activity *a = rf_act (&ac);
  struct vg_cap f = os_folio (&ac), pg[8], ro;
  void *d;
  for (unsigned s = 0; s < 8; s++)
    {
      pg[s] = os_alloc (&f, s, VG_TYPE_PAGE);
      ck_assert_int_eq (RECLAIM_RUN (object_page_claim (&pg[s], true, &d)),
                        VG_OK);
      memset (d, 0x40 + (int)s, PAGE_SIZE);
    }
  ck_assert_uint_eq (reclaim_take (a, 8), 0);
  struct vg_object_policy disc = { 1, -3 }, imp = { 0, 2 }, bad = { 2, 0 };
  cap_derive (&pg[0], 0, &ro);
  ck_assert_int_eq (object_policy_set_cap (&ro, disc), VG_EPERM);
  ck_assert_int_eq (object_policy_set_cap (&pg[0], bad), VG_EINVAL);
  for (unsigned s = 0; s < 4; s++)
    ck_assert_int_eq (object_policy_set_cap (&pg[s], disc), VG_OK);
  ck_assert_uint_eq (a->frames_local[PRIO_INDEX (-3)], 4);
  ck_assert_uint_eq (a->frames_important, 4);
  ck_assert_int_eq (object_policy_set_cap (&pg[3], imp), VG_OK);
  ck_assert_uint_eq (a->frames_local[PRIO_INDEX (2)], 1);
  ck_assert_uint_eq (reclaim_take (a, 8), 3);
  for (unsigned s = 0; s < 8; s++)
    {
      int err = RECLAIM_RUN (object_page_claim (&pg[s], false, &d));
      ck_assert_int_eq (err, s < 3 ? VG_EDISCARDED : VG_OK);
      if (!err)
        ck_assert_uint_eq (((uint8_t *)d)[PAGE_SIZE / 2], 0x40 + s);
    }
  CHECK_OK ();
}
END_TEST

/* The aliasing scenario with no limit: once a sibling needs memory, the
   aliasing activity's page tables are reclaimed down to its share, and
   the sibling's allocations all succeed.  */
START_TEST (aliasing_share_without_limit)
{
  rf_boot_unquota (8);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac = os_child (&rf, 0, &root), bc = os_child (&rf, 1, &root);
  struct activity *a = rf_act (&ac), *b = rf_act (&bc);
  struct alias t;
  alias_build (&t, &ac);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, a), VG_OK);
  static struct rf_prog pb;
  rf_prog_init (&pb, &bc, 16, rf_discardable);
  for (unsigned k = 0; k < 6000; k++)
    {
      ck_assert_int_eq (
          RECLAIM_RUN (
              as_fault (&c, &t.cp[0], (uint64_t)k * TWO_MIB, false, false)),
          VG_OK);
      rf_prog_step (&pb);
    }
  uint64_t sum = a->frames_sum_total + b->frames_sum_total;
  ck_assert_uint_gt (sum, 1500);
  ck_assert_msg (a->frames_sum_total <= sum / 2 + RECLAIM_VICTIM_CHUNK + 3,
                 "aliasing activity holds %lu of %lu",
                 (unsigned long)a->frames_sum_total, (unsigned long)sum);
  ck_assert_uint_gt (a->stats.cache_dropped, 1000);
  ck_assert_uint_eq (pb.touched, 6000);
  as_cache_fini (&c);
  CHECK_OK ();
}
END_TEST

/* Property: any sequence of allocations, touches, ager steps, reclaims,
   discards and frees keeps every frame on exactly one list and every
   counter equal to the sum over the tree (os_check).  */
static void
property_run (unsigned seed, unsigned steps)
{
  rf_boot_unquota (4);
  srandom (seed);
  struct vg_cap root = os_root_cap (), rf = os_folio (&root);
  struct vg_cap ac[3];
  static struct rf_prog pr[3];
  for (unsigned k = 0; k < 3; k++)
    {
      ac[k] = os_child (&rf, k, &root);
      rf_set_share (&ac[k], (int32_t)(random () % 3) - 1, 1 + random () % 4);
      struct vg_object_policy pol
          = { (uint8_t)(random () % 2), (int8_t)(random () % 5 - 2) };
      rf_prog_init (&pr[k], &ac[k], 4, pol);
    }
  struct alias t;
  alias_build (&t, &ac[0]);
  struct as_cache c;
  ck_assert_int_eq (as_cache_init (&c, rf_act (&ac[0])), VG_OK);
  for (unsigned step = 0; step < steps; step++)
    {
      unsigned k = (unsigned)random () % 3;
      switch (random () % 8)
        {
        case 0:
        case 1:
        case 2:
          /* Touch; memory may run out (important pages): fine.  */
          {
            unsigned n = pr[k].next % (pr[k].nfolios * VG_FOLIO_OBJECTS);
            struct folio *fo;
            const struct vg_cap *f = &pr[k].folio[n / VG_FOLIO_OBJECTS];
            ck_assert_int_eq (cap_folio (f, 0, &fo), VG_OK);
            struct vg_cap pg;
            pr[k].next++;
            if (RECLAIM_RUN (object_alloc_cap (activity_root (), f,
                                               n % VG_FOLIO_OBJECTS,
                                               VG_TYPE_PAGE, pr[k].pol, &pg))
                == VG_OK)
              {
                void *d;
                RECLAIM_RUN (object_page_claim (&pg, true, &d));
              }
          }
          break;
        case 3:
          RECLAIM_RUN (as_fault (&c, &t.cp[0],
                                 (uint64_t)(random () % 4096) * TWO_MIB, false,
                                 false));
          break;
        case 4:
          ager_step (1 + random () % 64);
          break;
        case 5:
          reclaim_take (rf_act (&ac[k]), 1 + random () % 16);
          break;
        case 6:
          reclaim_pass (pmm_free_frames () + random () % 32, 16);
          break;
        case 7:
          {
            struct vg_activity_policy p
                = { .sibling = { 0, 1 },
                    .child = { 0, 1 },
                    .frame_limit = random () % 2 ? 0 : 64 + random () % 256 };
            activity_policy_set_cap (&ac[k], VG_ACTIVITY_POLICY_FRAMES, &p);
          }
          break;
        }
      const char *why = os_check ();
      ck_assert_msg (why == NULL, "step %u: %s", step, why);
    }
  as_cache_fini (&c);
  /* Freeing everything gives every frame back.  */
  for (unsigned k = 0; k < 3; k++)
    for (unsigned j = 0; j < pr[k].nfolios; j++)
      ck_assert_int_eq (folio_free_cap (activity_root (), &pr[k].folio[j]),
                        VG_OK);
  ck_assert_int_eq (folio_free_cap (activity_root (), &t.folio), VG_OK);
  for (unsigned k = 0; k < 3; k++)
    ck_assert_uint_eq (rf_act (&ac[k])->frames_sum_total, 0);
  CHECK_OK ();
}

START_TEST (property_lists_and_counters)
{
  property_run (1234 + (unsigned)_i, 3000);
}
END_TEST

/* make soak-reclaim: the property test with fresh seeds for
   RECLAIM_SOAK_SECONDS of wall time (each seed in its own boot).  */
START_TEST (soak)
{
  unsigned secs = (unsigned)atoi (getenv ("RECLAIM_SOAK_SECONDS"));
  time_t end = time (NULL) + secs;
  unsigned seed = (unsigned)time (NULL), runs = 0;
  while (time (NULL) < end)
    {
      pid_t pid = fork ();
      ck_assert_int_ge (pid, 0);
      if (pid == 0)
        {
          property_run (seed + runs, 20000);
          _exit (0);
        }
      int status;
      ck_assert_int_eq (waitpid (pid, &status, 0), pid);
      ck_assert_msg (WIFEXITED (status) && WEXITSTATUS (status) == 0,
                     "seed %u failed", seed + runs);
      runs++;
    }
  printf ("soak-reclaim: %u runs of 20000 steps, seeds %u..%u, no failure\n",
          runs, seed, seed + runs - 1);
}
END_TEST

Suite *reclaim_suite (void);

Suite *
reclaim_suite (void)
{
  Suite *s = suite_create ("reclaim");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, aliasing_within_frame_limit);
  tcase_add_test (tc, aliasing_parent_limit);
  tcase_add_test (tc, kernel_objects_refused_at_limit);
  tcase_add_test (tc, data_page_drops_own_tables);
  tcase_add_test (tc, read_only_activity_pays_nothing);
  tcase_add_test (tc, weights_share);
  tcase_add_test (tc, priority_first);
  tcase_add_test (tc, discard_important_stay);
  tcase_add_test (tc, lower_priority_first_within);
  tcase_add_test (tc, policy_change_in_place);
  tcase_add_test (tc, aliasing_share_without_limit);
  tcase_add_loop_test (tc, property_lists_and_counters, 0, 3);
  suite_add_tcase (s, tc);
  if (getenv ("RECLAIM_SOAK_SECONDS"))
    {
      TCase *soak_tc = tcase_create ("soak");
      tcase_set_timeout (soak_tc,
                         atoi (getenv ("RECLAIM_SOAK_SECONDS")) + 120.0);
      tcase_add_test (soak_tc, soak);
      suite_add_tcase (s, soak_tc);
    }
  return s;
}
