/* Threads that execute a privileged instruction, divide by zero, jump to
   a kernel address or touch an unmapped page are stopped cleanly with
   the vector recorded, while this thread keeps running.  */
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

static uint8_t stacks[4][4096] __attribute__ ((aligned (16)));
static volatile int zero;

static void
privileged (void)
{
  __asm__ volatile("hlt");
}

static void
divide (void)
{
  /* In assembly: gcc turns 1 / x into a comparison.  */
  int x = zero;
  __asm__ volatile("xorl %%edx, %%edx\n\tmovl $1, %%eax\n\tdivl %0"
                   :
                   : "r"(x)
                   : "eax", "edx", "cc");
}

static void
kernel_jump (void)
{
  ((void (*) (void))0xffffffff80100000ull) ();
}

static void
unmapped (void)
{
  *(volatile int *)0x7000000000ull = 1;
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  void (*fns[4]) (void) = { privileged, divide, kernel_jump, unmapped };
  const int vectors[4] = { 13, 0, 14, 14 };
  CHECK (vg_folio_alloc (ROOT_ACT, FREE_CAP (0)), VG_OK);
  for (unsigned i = 0; i < 4; i++)
    {
      CHECK (vg_object_alloc (FREE_CAP (0), i, VG_TYPE_THREAD, POLICY_DEFAULT,
                              FREE_CAP (1 + i)),
             VG_OK);
      CHECK (vgtest_start (FREE_CAP (1 + i), fns[i], stacks[i],
                           sizeof stacks[i], ROOT_ACT),
             VG_OK);
    }
  /* This thread keeps running while the others fault.  */
  unsigned stopped = 0;
  for (int n = 0; n < 10000 && stopped < 4; n++)
    {
      stopped = 0;
      for (unsigned i = 0; i < 4; i++)
        if (VG_THREAD_STATUS_STATE (vgtest_status (FREE_CAP (1 + i)))
            == VG_THREAD_STOPPED)
          stopped++;
      vg_yield ();
    }
  CHECK (stopped, 4);
  for (unsigned i = 0; i < 4; i++)
    {
      uint64_t s = vgtest_status (FREE_CAP (1 + i));
      CHECK (VG_THREAD_STATUS_WHY (s), VG_STOP_FAULT);
      CHECK (VG_THREAD_STATUS_CODE (s), vectors[i]);
    }
  CHECK (vg_folio_free (FREE_CAP (0)), VG_OK);
  vg_printf ("faults: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
