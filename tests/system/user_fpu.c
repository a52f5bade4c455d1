/* System test for the per-thread FPU/SSE helpers: a fresh area loads
   the default control words, and state round-trips through
   fpu_restore/fpu_save.  */
#include <arch/fpu.h>

#include "kstring.h"
#include "kern/test.h"

static uint8_t area_a[4096] __attribute__ ((aligned (FPU_AREA_ALIGN)));
static uint8_t area_b[4096] __attribute__ ((aligned (FPU_AREA_ALIGN)));

VG_TEST (user_fpu)
{
  TEST_ASSERT (fpu_save_area_size () <= sizeof area_a);
  fpu_init_area (area_a);
  /* A marker in xmm0 (offset 160 of the legacy area).  */
  memcpy (area_a + 160, "xmm0 survives!!", 16);
  fpu_restore (area_a);
  memset (area_b, 0xff, sizeof area_b);
  fpu_save (area_b);
  uint16_t fcw;
  uint32_t mxcsr;
  memcpy (&fcw, area_b, 2);
  memcpy (&mxcsr, area_b + 24, 4);
  TEST_ASSERT (fcw == 0x37f);
  TEST_ASSERT (mxcsr == 0x1f80);
  TEST_ASSERT (memcmp (area_b + 160, "xmm0 survives!!", 16) == 0);
  return 0;
}
