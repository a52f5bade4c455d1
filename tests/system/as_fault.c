/* System tests for address spaces on real page tables: a cap tree built
   with the object store, a ring-3 program whose page faults are
   resolved by RECLAIM_RUN (as_fault (through the harness's fault filter)), and
   checks of zero fill, read-only caps, void addresses, charging of table
   frames, revocation of stale mappings, the copy-from-user hook, and
   running the payer out of memory.  */
#include <arch/cpu.h>
#include <arch/mm.h>
#include <arch/trap.h>
#include <arch/usercopy.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/frame.h"
#include "kstring.h"
#include "obj/object.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"
#include "kern/test.h"
#include "user_harness.h"

#define DATA_VA 0x10000000ull
#define RO_VA 0x10001000ull
#define VOID_VA 0x10002000ull
#define FAR_VA 0x0000012000000000ull

static struct vg_cap root_act, tree_folio, as_root;
static unsigned next_slot;
static struct as_cache cache;
static int last_err;
static const struct vg_object_policy pol = { 0, 0 };

/* Resolve user page faults through the cache; anything else, or a
   refusal, stops the program.  */
static bool
filter (struct trap_frame *tf)
{
  if (tf->vector != TRAP_PF)
    return false;
  last_err
      = RECLAIM_RUN (as_fault (&cache, &as_root, read_cr2 (),
                               (tf->error & 2) != 0, (tf->error & 0x10) != 0));
  return last_err == VG_OK;
}

static int
new_obj (uint8_t type, struct vg_cap *out)
{
  unsigned slot = next_slot++;
  return RECLAIM_RUN (
      object_alloc_cap (activity_root (), &tree_folio, slot, type, pol, out));
}

/* Put PAGE at VA, making the cappages on the way.  */
static int
place (uint64_t va, const struct vg_cap *page)
{
  struct vg_cap *s;
  for (unsigned d = 1; d < VG_ADDR_DEPTH_MAX; d++)
    {
      uint64_t keep = ~((1ull << (VG_ADDR_VA_BITS - 8 * d)) - 1);
      int err = as_slot (&as_root, VG_ADDR (va & keep, d), true, &s);
      if (err)
        return err;
      if (s->type == VG_TYPE_VOID)
        {
          struct vg_cap cp;
          err = new_obj (VG_TYPE_CAPPAGE, &cp);
          if (err)
            return err;
          as_slot_store (s, &cp);
        }
    }
  int err = as_slot (&as_root, VG_ADDR (va, VG_ADDR_DEPTH_MAX), true, &s);
  if (!err)
    as_slot_store (s, page);
  return err;
}

/* The tree: the program (read-only cap) at UP_CODE_VA, a writable page
   at DATA_VA, a read-only one at RO_VA.  */
static int
setup (struct vg_cap *data)
{
  activity_root_cap (&root_act);
  next_slot = 0;
  if (RECLAIM_RUN (folio_alloc_cap (&root_act, &tree_folio)) != VG_OK
      || new_obj (VG_TYPE_CAPPAGE, &as_root) != VG_OK)
    return -1;
  struct vg_cap code, ro, page;
  void *p;
  if (new_obj (VG_TYPE_PAGE, &code)
      || RECLAIM_RUN (object_page_claim (&code, true, &p)))
    return -1;
  memcpy (p, user_prog_start, (size_t)(user_prog_end - user_prog_start));
  if (cap_derive (&code, 0, &ro) || place (UP_CODE_VA, &ro))
    return -1;
  if (new_obj (VG_TYPE_PAGE, data) || place (DATA_VA, data))
    return -1;
  if (new_obj (VG_TYPE_PAGE, &page) || cap_derive (&page, 0, &ro)
      || place (RO_VA, &ro))
    return -1;
  uh_fault_filter = filter;
  return 0;
}

static uint64_t
touch (uint64_t va, uint64_t value, struct uh_result *r)
{
  last_err = -1;
  uh_run_args (uh_entry (user_prog_touch), va, value, r);
  return r->how == UH_EXIT ? r->exit_code : ~0ull;
}

VG_TEST (as_fault)
{
  uint64_t pool = frame_kernel_pool ();
  struct vg_cap data, pf, payer_cap;
  TEST_ASSERT (setup (&data) == 0);
  struct activity *payer;
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&root_act, &pf)) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (activity_create_cap (activity_root (), &pf, 0,
                                                 &root_act, &payer_cap))
               == VG_OK);
  TEST_ASSERT (activity_from_cap (&payer_cap, 0, &payer) == VG_OK);
  TEST_ASSERT (as_cache_init (&cache, payer) == VG_OK);
  as_cache_activate (&cache);
  struct uh_result r;

  /* Zero fill on first touch; then a write reads back.  */
  TEST_ASSERT (touch (DATA_VA, 0, &r) == 0);
  TEST_ASSERT (touch (DATA_VA + 8, 0x1234, &r) == 0x1234);
  void *kd;
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&data, false, &kd)) == VG_OK);
  TEST_ASSERT (((uint64_t *)kd)[1] == 0x1234);
  unsigned flags;
  TEST_ASSERT (pt_lookup (&cache.pt, DATA_VA, NULL, &flags));
  TEST_ASSERT (flags == (PT_USER | PT_WRITE)); /* NX.  */
  TEST_ASSERT (pt_lookup (&cache.pt, UP_CODE_VA, NULL, &flags));
  TEST_ASSERT (flags == (PT_USER | PT_EXEC)); /* Read-only cap.  */

  /* Read-only cap: reads work, a write stops the program.  */
  TEST_ASSERT (touch (RO_VA, 0, &r) == 0);
  TEST_ASSERT (touch (RO_VA, 7, &r) == ~0ull);
  TEST_ASSERT (r.how == UH_FAULT && r.cr2 == RO_VA && last_err == VG_EPERM);
  /* Nothing there.  */
  TEST_ASSERT (touch (VOID_VA, 0, &r) == ~0ull);
  TEST_ASSERT (r.cr2 == VOID_VA && last_err == VG_EVOID);

  /* Table frames are the payer's, and only those.  */
  TEST_ASSERT (as_cache_frames (&cache) >= 6);
  TEST_ASSERT (activity_frames_local (payer) == as_cache_frames (&cache));
  TEST_ASSERT (frame_kernel_pool () == pool);

  /* Revocation by version bump: the old mapping is gone, no stale
     data is readable.  */
  unsigned data_slot = (unsigned)(data.oid % FOLIO_OID_STRIDE) - 1;
  TEST_ASSERT (
      RECLAIM_RUN (object_alloc_cap (activity_root (), &tree_folio, data_slot,
                                     VG_TYPE_PAGE, pol, &data))
      == VG_OK);
  TEST_ASSERT (!pt_lookup (&cache.pt, DATA_VA, NULL, NULL));
  TEST_ASSERT (touch (DATA_VA + 8, 0, &r) == ~0ull);
  TEST_ASSERT (r.cr2 == DATA_VA + 8 && last_err == VG_EDEADCAP);
  /* A new page in the slot reads as zeros.  */
  struct vg_cap *s;
  TEST_ASSERT (as_slot (&as_root, VG_ADDR (DATA_VA, 4), true, &s) == VG_OK);
  as_slot_store (s, &data);
  TEST_ASSERT (touch (DATA_VA + 8, 0, &r) == 0);
  TEST_ASSERT (touch (DATA_VA, 0x55, &r) == 0x55);
  /* Revocation by overwriting the slot.  */
  struct vg_cap v;
  cap_void (&v);
  as_slot_store (s, &v);
  TEST_ASSERT (!pt_lookup (&cache.pt, DATA_VA, NULL, NULL));
  TEST_ASSERT (touch (DATA_VA, 0, &r) == ~0ull);
  TEST_ASSERT (last_err == VG_EVOID);

  /* The kernel's user copies fault pages in through the current
     cache.  */
  as_slot_store (s, &data);
  as_cache_flush (&cache);
  as_set_current (&cache, &as_root);
  uint64_t got = 0, fixups = trap_last_fixup.count;
  TEST_ASSERT (copy_from_user (&got, DATA_VA, 8) == 0);
  TEST_ASSERT (got == 0x55);
  TEST_ASSERT (copy_to_user (DATA_VA + 16, &got, 8) == 0);
  TEST_ASSERT (copy_to_user (RO_VA, &got, 8) == USERCOPY_EFAULT);
  TEST_ASSERT (copy_from_user (&got, VOID_VA, 8) == USERCOPY_EFAULT);
  TEST_ASSERT (trap_last_fixup.count == fixups + 2);

  /* Fini gives every frame back.  */
  as_set_current (NULL, NULL);
  as_cache_activate (NULL);
  as_cache_fini (&cache);
  TEST_ASSERT (activity_frames_local (payer) == 0);
  uh_fault_filter = NULL;
  TEST_ASSERT (frame_kernel_pool () == pool);
  return 0;
}

/* Take every free frame for HOG.  */
static void
exhaust (const struct vg_cap *hog)
{
  struct vg_activity_policy p
      = { .sibling = { 0, 1 }, .child = { 0, 1 }, .folio_quota = 0 };
  activity_policy_set_cap (&root_act, VG_ACTIVITY_POLICY_QUOTA, &p);
  for (;;)
    {
      struct vg_cap f;
      if (RECLAIM_RUN (folio_alloc_cap (hog, &f)) != VG_OK)
        return;
      for (unsigned i = 0; i < VG_FOLIO_OBJECTS; i++)
        {
          struct vg_cap pg;
          void *d;
          if (RECLAIM_RUN (object_alloc_cap (activity_root (), &f, i,
                                             VG_TYPE_PAGE, pol, &pg))
                  != VG_OK
              || RECLAIM_RUN (object_page_claim (&pg, true, &d)) != VG_OK)
            return;
        }
    }
}

VG_TEST (as_fault_enomem)
{
  uint64_t pool = frame_kernel_pool ();
  struct vg_cap data, far, pf, payer_cap, hog_cap;
  TEST_ASSERT (setup (&data) == 0);
  TEST_ASSERT (new_obj (VG_TYPE_PAGE, &far) == VG_OK);
  TEST_ASSERT (place (FAR_VA, &far) == VG_OK);
  void *d;
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&far, false, &d)) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (object_page_claim (&data, false, &d)) == VG_OK);
  struct activity *payer, *hog;
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&root_act, &pf)) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (activity_create_cap (activity_root (), &pf, 0,
                                                 &root_act, &payer_cap))
               == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (activity_create_cap (activity_root (), &pf, 1,
                                                 &root_act, &hog_cap))
               == VG_OK);
  TEST_ASSERT (activity_from_cap (&payer_cap, 0, &payer) == VG_OK);
  TEST_ASSERT (activity_from_cap (&hog_cap, 0, &hog) == VG_OK);
  TEST_ASSERT (as_cache_init (&cache, payer) == VG_OK);
  TEST_ASSERT (RECLAIM_RUN (as_fault (&cache, &as_root, DATA_VA, false, false))
               == VG_OK);
  uint64_t held = as_cache_frames (&cache);
  TEST_ASSERT (held == 6); /* Root, 3 tables, 2 rmap frames.  */

  /* The cache's own fallback, with the reclaimer (which would take the
     payer's tables for the hog) out of the way.  */
  reclaim_test_pool (false);
  exhaust (&hog_cap);
  TEST_ASSERT (pmm_free_frames () == 0);
  uint64_t hog_frames = activity_charged_frames (hog);
  /* A far page needs new tables: the cache drops its own and retries. */
  TEST_ASSERT (RECLAIM_RUN (as_fault (&cache, &as_root, FAR_VA, false, false))
               == VG_OK);
  TEST_ASSERT (cache.drops == 1);
  TEST_ASSERT (!pt_lookup (&cache.pt, DATA_VA, NULL, NULL));
  TEST_ASSERT (pt_lookup (&cache.pt, FAR_VA, NULL, NULL));
  TEST_ASSERT (activity_frames_local (payer) == as_cache_frames (&cache));
  TEST_ASSERT (activity_charged_frames (hog) == hog_frames);

  /* Nothing to drop: VG_ENOMEM, and a ring-3 fault stops the thread
     with it instead of a panic.  */
  as_cache_flush (&cache);
  exhaust (&hog_cap);
  hog_frames = activity_charged_frames (hog);
  TEST_ASSERT (pmm_free_frames () == 0);
  TEST_ASSERT (RECLAIM_RUN (as_fault (&cache, &as_root, FAR_VA, false, false))
               == VG_ENOMEM);
  as_cache_activate (&cache);
  struct uh_result r;
  TEST_ASSERT (touch (DATA_VA, 0, &r) == ~0ull);
  TEST_ASSERT (r.how == UH_FAULT && last_err == VG_ENOMEM);
  TEST_ASSERT (r.cr2 == uh_entry (user_prog_touch));
  TEST_ASSERT (activity_charged_frames (hog) == hog_frames);
  TEST_ASSERT (activity_frames_local (payer) == 1);
  TEST_ASSERT (frame_kernel_pool () == pool);

  as_cache_activate (NULL);
  as_cache_fini (&cache);
  TEST_ASSERT (activity_frames_local (payer) == 0);
  uh_fault_filter = NULL;
  TEST_ASSERT (frame_kernel_pool () == pool);
  reclaim_test_pool (true);
  return 0;
}
