/* System test: the kernel boots, parses its command line, and has free
   memory.  */
#include <arch/boot.h>

#include "kern/cmdline.h"
#include "kstring.h"
#include "mm/pmm.h"
#include "kern/test.h"

VG_TEST (boot)
{
  const char *t = cmdline_get ("test");
  TEST_ASSERT (t && strcmp (t, "boot") == 0);
  TEST_ASSERT (boot_info.nentries > 0);
  TEST_ASSERT (pmm_total_frames () > 0);
  TEST_ASSERT (pmm_free_frames () == pmm_total_frames ());
  return 0;
}
