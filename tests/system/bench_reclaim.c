/* Guest instruction counts of the ager and the reclaimer (run under
   -icount, where the TSC counts instructions): BENCH lines for
   tools/bench's format.  Also a test: the counts must add up.

   An activity gets NPAGES discardable pages, touched.  ager_step then
   samples exactly those frames' descriptors (the cursor walks the frame
   table; the count is per resident data frame aged), and reclaim_pass
   takes K frames by the share rule and the policy.  Run with different
   guest memory sizes (VG_QEMU_MEM=64, 1024, 4096) to see that the cost
   per reclaimed frame does not grow with memory.  */
#include <arch/cpu.h>

#include "kern/log.h"
#include "kern/test.h"
#include "mm/ager.h"
#include "mm/pmm.h"
#include "mm/reclaim.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"

#define NFOLIOS 16
#define NPAGES (NFOLIOS * VG_FOLIO_OBJECTS)
#define K 1024

static void
bench (const char *name, uint64_t ops, uint64_t instr)
{
  kprintf ("BENCH %s ops=%lu instr=%lu per_op=%lu\n", name, (unsigned long)ops,
           (unsigned long)instr, (unsigned long)(ops ? instr / ops : 0));
}

VG_TEST (bench_reclaim)
{
  struct vg_cap root, rf, ac;
  activity_root_cap (&root);
  TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&root, &rf)) == VG_OK);
  TEST_ASSERT (
      RECLAIM_RUN (activity_create_cap (activity_root (), &rf, 0, &root, &ac))
      == VG_OK);
  struct activity *a;
  TEST_ASSERT (activity_from_cap (&ac, 0, &a) == VG_OK);
  struct vg_object_policy pol = { 1, 0 };
  uint32_t lo = UINT32_MAX, hi = 0;
  for (unsigned k = 0; k < NFOLIOS; k++)
    {
      struct vg_cap f;
      TEST_ASSERT (RECLAIM_RUN (folio_alloc_cap (&ac, &f)) == VG_OK);
      for (unsigned s = 0; s < VG_FOLIO_OBJECTS; s++)
        {
          struct vg_cap pg;
          void *d;
          TEST_ASSERT (RECLAIM_RUN (object_alloc_cap (activity_root (), &f, s,
                                                      VG_TYPE_PAGE, pol, &pg))
                       == VG_OK);
          TEST_ASSERT (RECLAIM_RUN (object_page_claim (&pg, true, &d))
                       == VG_OK);
          uint32_t i = frame_index (virt_to_phys (d));
          lo = i < lo ? i : lo;
          hi = i > hi ? i : hi;
        }
    }
  TEST_ASSERT (a->frames_kind[ACTIVITY_DATA] == NPAGES);
  log_info ("bench", "%lu frames of memory; pages in frames %u..%u",
            (unsigned long)pmm_total_frames (), lo, hi);

  /* The ager over the descriptors of the frame table: per descriptor
     visited, and per data frame aged.  Every page is referenced once
     (the claim set the bit).  */
  uint64_t aged = 0, steps = 0;
  uint64_t t0 = rdtsc ();
  while (aged < NPAGES && steps < frame_count)
    {
      aged += ager_step (64);
      steps += 64;
    }
  uint64_t t1 = rdtsc ();
  TEST_ASSERT (aged >= NPAGES);
  bench ("ager_descriptor", steps, t1 - t0);
  bench ("ager_aged_frame", aged, t1 - t0);

  /* The reclaimer: K frames by share rule and policy, in passes of
     RECLAIM_CHUNK as an allocation would run them.  */
  uint64_t got = 0, passes = 0;
  t0 = rdtsc ();
  while (got < K)
    {
      got += reclaim_pass (pmm_free_frames () + RECLAIM_CHUNK, RECLAIM_CHUNK);
      passes++;
    }
  t1 = rdtsc ();
  TEST_ASSERT (got == K && passes == K / RECLAIM_CHUNK);
  TEST_ASSERT (a->stats.discarded == K);
  TEST_ASSERT (a->frames_kind[ACTIVITY_DATA] == NPAGES - K);
  bench ("reclaim_frame", got, t1 - t0);
  return 0;
}
