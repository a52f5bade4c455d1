/* System tests for user page tables: mapping, lookup, unmapping, table
   counts, allocation failure leaving nothing behind, TLB invalidation
   of the current space, and destroy returning every table.  */
#include <arch/mm.h>
#include <arch/pt.h>
#include <arch/usercopy.h>

#include "kstring.h"
#include "mm/pmm.h"
#include "kern/test.h"
#include "user_harness.h"

/* A table allocator that fails once BUDGET allocations are spent.  */
struct budget
{
  int left;
  int out;
};

static paddr_t
budget_alloc (void *ctx)
{
  struct budget *b = ctx;
  if (b->left == 0)
    return 0;
  b->left--;
  b->out++;
  return pmm_alloc ();
}

static void
budget_free (void *ctx, paddr_t p)
{
  struct budget *b = ctx;
  b->out--;
  pmm_free (p);
}

VG_TEST (user_pt)
{
  uint64_t free0 = pmm_free_frames ();
  struct budget b = { 1000, 0 };
  struct pt_alloc a = { budget_alloc, budget_free, &b };
  struct pt_space s;
  paddr_t f1 = pmm_alloc (), f2 = pmm_alloc ();

  TEST_ASSERT (pt_space_create (&s, &a) == PT_OK);
  TEST_ASSERT (pt_space_tables (&s) == 1 && b.out == 1);
  TEST_ASSERT (pt_map (&s, &a, 0x400000, f1, PT_USER | PT_EXEC) == PT_OK);
  TEST_ASSERT (pt_space_tables (&s) == 4 && b.out == 4);
  TEST_ASSERT (pt_map (&s, &a, 0x401000, f2, PT_USER | PT_WRITE) == PT_OK);
  TEST_ASSERT (pt_space_tables (&s) == 4);
  TEST_ASSERT (pt_map (&s, &a, 0x00007ffffffff000, f2, PT_USER) == PT_OK);
  TEST_ASSERT (pt_space_tables (&s) == 7 && s.nmapped == 3);

  paddr_t pa;
  unsigned fl;
  TEST_ASSERT (pt_lookup (&s, 0x400123, &pa, &fl));
  TEST_ASSERT (pa == f1 && fl == (PT_USER | PT_EXEC));
  TEST_ASSERT (pt_lookup (&s, 0x401000, &pa, &fl));
  TEST_ASSERT (pa == f2 && fl == (PT_USER | PT_WRITE));
  TEST_ASSERT (!pt_lookup (&s, 0x402000, NULL, NULL));
  TEST_ASSERT (!pt_lookup (&s, 0xffffffff80100000, NULL, NULL));

  /* Bad requests change nothing.  */
  TEST_ASSERT (pt_map (&s, &a, 0x400800, f1, PT_USER) == PT_EINVAL);
  TEST_ASSERT (pt_map (&s, &a, 0xffff800000000000, f1, PT_USER) == PT_EINVAL);
  TEST_ASSERT (pt_map (&s, &a, 0x0000800000000000, f1, PT_USER) == PT_EINVAL);
  TEST_ASSERT (pt_map (&s, &a, 0x403000, f1 + 1, PT_USER) == PT_EINVAL);

  /* Out of table memory at each depth: nothing half-done, nothing
     leaked.  A fresh PML4 slot needs three tables.  */
  for (int budget = 0; budget < 3; budget++)
    {
      b.left = budget;
      int out = b.out;
      TEST_ASSERT (pt_map (&s, &a, 0x0000100000000000, f1, PT_USER)
                   == PT_ENOMEM);
      TEST_ASSERT (b.out == out && pt_space_tables (&s) == 7);
      TEST_ASSERT (!pt_lookup (&s, 0x0000100000000000, NULL, NULL));
    }
  b.left = 1000;

  TEST_ASSERT (pt_unmap (&s, 0x401000) == f2);
  TEST_ASSERT (pt_unmap (&s, 0x401000) == 0);
  TEST_ASSERT (!pt_lookup (&s, 0x401000, NULL, NULL));
  TEST_ASSERT (s.nmapped == 2);

  /* In the current space, a remap is seen at once (invlpg).  */
  TEST_ASSERT (pt_map (&s, &a, 0x401000, f1, PT_USER | PT_WRITE) == PT_OK);
  pt_activate (&s);
  TEST_ASSERT (pt_is_current (&s));
  uint64_t v = 0x1111, w = 0;
  TEST_ASSERT (copy_to_user (0x401000, &v, 8) == 0);
  TEST_ASSERT (*(uint64_t *)phys_to_virt (f1) == 0x1111);
  *(uint64_t *)phys_to_virt (f2) = 0x2222;
  TEST_ASSERT (pt_map (&s, &a, 0x401000, f2, PT_USER | PT_WRITE) == PT_OK);
  TEST_ASSERT (copy_from_user (&w, 0x401000, 8) == 0 && w == 0x2222);
  TEST_ASSERT (pt_unmap (&s, 0x401000) == f2);
  TEST_ASSERT (copy_from_user (&w, 0x401000, 8) == USERCOPY_EFAULT);

  /* Destroying the current space switches to the kernel's tables.  */
  pt_space_destroy (&s, &a);
  TEST_ASSERT (!pt_is_current (&s) && s.root == 0);
  TEST_ASSERT (b.out == 0);
  pmm_free (f1);
  pmm_free (f2);
  TEST_ASSERT (pmm_free_frames () == free0);
  return 0;
}
