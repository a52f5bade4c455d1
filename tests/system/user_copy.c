/* System tests for copy_from_user/copy_to_user: a good user buffer, a
   kernel address (rejected before any access), an unmapped user address
   (the fault is caught), ranges that leave or wrap past the user half,
   a copy that runs off the end of a mapping, and the hook that fills a
   mapping on demand.  */
#include <arch/mm.h>
#include <arch/trap.h>
#include <arch/usercopy.h>

#include "kstring.h"
#include "mm/pmm.h"
#include "kern/test.h"
#include "user_harness.h"

#define UNMAPPED_VA 0x10000000ul

static uint64_t kernel_secret = 0x5ec2e7;

VG_TEST (user_copy)
{
  struct uh_space u;
  TEST_ASSERT (uh_setup (&u) == 0);
  uint8_t *stack = phys_to_virt (u.stack);
  char buf[64];

  /* Good buffer, both directions, checked through the direct map.  */
  TEST_ASSERT (copy_to_user (UP_STACK_VA + 100, "hello, user", 12) == 0);
  TEST_ASSERT (memcmp (stack + 100, "hello, user", 12) == 0);
  memcpy (stack + 200, "from ring 3", 12);
  TEST_ASSERT (copy_from_user (buf, UP_STACK_VA + 200, 12) == 0);
  TEST_ASSERT (memcmp (buf, "from ring 3", 12) == 0);
  TEST_ASSERT (copy_from_user (buf, UP_STACK_VA, 0) == 0);

  /* Kernel addresses: rejected without touching them.  */
  uint64_t faults = trap_last_fixup.count;
  TEST_ASSERT (copy_from_user (buf, (uint64_t)&kernel_secret, 8)
               == USERCOPY_EFAULT);
  TEST_ASSERT (copy_to_user ((uint64_t)&kernel_secret, buf, 8)
               == USERCOPY_EFAULT);
  TEST_ASSERT (kernel_secret == 0x5ec2e7);
  /* Straddling the end of the user half, and wrapping around.  */
  TEST_ASSERT (copy_from_user (buf, 0x00007ffffffffff8ul, 16)
               == USERCOPY_EFAULT);
  TEST_ASSERT (copy_from_user (buf, 0x00007ffffffffff8ul, -8ul)
               == USERCOPY_EFAULT);
  TEST_ASSERT (copy_to_user (0xfffffffffffffff0ul, buf, 32)
               == USERCOPY_EFAULT);
  TEST_ASSERT (trap_last_fixup.count == faults);
  TEST_ASSERT (user_range_ok (0x00007ffffffffff8ul, 8));
  TEST_ASSERT (!user_range_ok (0x00007ffffffffff8ul, 9));

  /* Unmapped user memory: the fault is caught and reported.  */
  TEST_ASSERT (copy_from_user (buf, UNMAPPED_VA, 8) == USERCOPY_EFAULT);
  TEST_ASSERT (trap_last_fixup.count == faults + 1);
  TEST_ASSERT (trap_last_fixup.vector == TRAP_PF);
  TEST_ASSERT (trap_last_fixup.cr2 == UNMAPPED_VA);
  TEST_ASSERT (copy_to_user (UNMAPPED_VA + 8, buf, 8) == USERCOPY_EFAULT);
  TEST_ASSERT (trap_last_fixup.cr2 == UNMAPPED_VA + 8);
  TEST_ASSERT (trap_last_fixup.error & 2);
  /* Read-only user memory (the code page) refuses a write.  */
  TEST_ASSERT (copy_to_user (UP_CODE_VA, buf, 8) == USERCOPY_EFAULT);
  TEST_ASSERT (trap_last_fixup.error & 1);
  /* A copy running off the end of the stack page: the mapped prefix is
     copied, then the error.  */
  memset (buf, 0, sizeof buf);
  TEST_ASSERT (copy_to_user (UP_STACK_TOP - 8, "0123456789abcdef", 16)
               == USERCOPY_EFAULT);
  TEST_ASSERT (memcmp (stack + PAGE_SIZE - 8, "01234567", 8) == 0);
  TEST_ASSERT (trap_last_fixup.cr2 == UP_STACK_TOP);

  uh_teardown (&u);
  TEST_ASSERT (uh_tables_out == 0);
  return 0;
}

/* The page tables are a cache: the kernel-mode fault path may map the
   page, and the copy then completes.  */
static struct uh_space *lazy_space;
static paddr_t lazy_frame;
static unsigned lazy_calls;

static bool
lazy_fill (uint64_t addr, bool write)
{
  (void)write;
  lazy_calls++;
  if (ALIGN_DOWN (addr, (uint64_t)PAGE_SIZE) != UNMAPPED_VA)
    return false;
  return pt_map (&lazy_space->pt, &uh_alloc, UNMAPPED_VA, lazy_frame,
                 PT_USER | PT_WRITE)
         == PT_OK;
}

VG_TEST (user_copy_fill)
{
  struct uh_space u;
  TEST_ASSERT (uh_setup (&u) == 0);
  lazy_space = &u;
  lazy_frame = pmm_alloc ();
  TEST_ASSERT (lazy_frame);
  memcpy (phys_to_virt (lazy_frame) + 40, "filled", 7);
  uh_kernel_fault_filter = lazy_fill;
  uint64_t faults = trap_last_fixup.count;
  char buf[8];
  TEST_ASSERT (copy_from_user (buf, UNMAPPED_VA + 40, 7) == 0);
  TEST_ASSERT (memcmp (buf, "filled", 7) == 0);
  TEST_ASSERT (lazy_calls == 1);
  TEST_ASSERT (trap_last_fixup.count == faults);
  /* Elsewhere the hook declines and the copy fails.  */
  TEST_ASSERT (copy_from_user (buf, UNMAPPED_VA + PAGE_SIZE, 7)
               == USERCOPY_EFAULT);
  TEST_ASSERT (lazy_calls == 2);
  uh_kernel_fault_filter = NULL;
  TEST_ASSERT (pt_unmap (&u.pt, UNMAPPED_VA) == lazy_frame);
  pmm_free (lazy_frame);
  uh_teardown (&u);
  TEST_ASSERT (uh_tables_out == 0);
  return 0;
}
