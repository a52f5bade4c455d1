/* System tests for exceptions: a deliberate #UD and #PF on a path listed
   in the exception table are caught, recorded and recovered from; and a
   deliberate kernel bug (panic_*) produces a report with symbol names.
   tools/run-test checks the panic_* reports.  */
#include <arch/cpu.h>
#include <arch/trap.h>

#include "kern/panic.h"
#include "kern/test.h"

#define UNMAPPED 0x1000ul /* Low memory: the identity map is gone.  */

VG_TEST (exception_ud)
{
  uint64_t before = trap_last_fixup.count;
  __asm__ volatile("1: ud2\n2:\n\t" EXTABLE_ENTRY (1b, 2b)::: "memory");
  TEST_ASSERT (trap_last_fixup.count == before + 1);
  TEST_ASSERT (trap_last_fixup.vector == TRAP_UD);
  return 0;
}

VG_TEST (exception_pf)
{
  uint64_t before = trap_last_fixup.count;
  uint64_t v = 0x1234;
  __asm__ volatile("1: movq (%1), %0\n2:\n\t" EXTABLE_ENTRY (1b, 2b)
                   : "+r"(v)
                   : "r"(UNMAPPED)
                   : "memory");
  TEST_ASSERT (trap_last_fixup.count == before + 1);
  TEST_ASSERT (trap_last_fixup.vector == TRAP_PF);
  TEST_ASSERT (trap_last_fixup.cr2 == UNMAPPED);
  TEST_ASSERT ((trap_last_fixup.error & 3) == 0); /* Read, not present.  */
  TEST_ASSERT (v == 0x1234);

  /* A write is reported as one.  */
  __asm__ volatile("1: movq %0, (%1)\n2:\n\t" EXTABLE_ENTRY (1b, 2b)
                   :
                   : "r"(v), "r"(UNMAPPED + 8)
                   : "memory");
  TEST_ASSERT (trap_last_fixup.count == before + 2);
  TEST_ASSERT (trap_last_fixup.cr2 == UNMAPPED + 8);
  TEST_ASSERT (trap_last_fixup.error & 2);
  return 0;
}

/* Deliberate kernel bugs.  Each must end in a report naming the function
   (the harness looks for "<test_panic_...").  */
static __attribute__ ((noinline)) uint64_t
load_from (volatile uint64_t *p)
{
  return *p;
}

VG_TEST (panic_page_fault)
{
  return (int)load_from ((volatile uint64_t *)UNMAPPED);
}

VG_TEST (panic_assert)
{
  volatile int one = 1;
  assert (one == 2);
  return 0;
}

VG_TEST (panic_ud)
{
  __asm__ volatile("ud2");
  return 0;
}
