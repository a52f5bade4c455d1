/* Started by the root task (tests/system/root_boot.c, root_spawn_*):
   checks that argv and its boot info arrived as doc/roottask.md says,
   and exits with the sum of its numeric arguments (so a test can see
   both the arguments and the exit status), or 60 + the number of failed
   checks.  */
#include "vgtest.h"

#include <vg/boot.h>
#include <vg/cap-info.h>

int vgtest_failures;
int main (int argc, char **argv);

int
main (int argc, char **argv)
{
  const struct vg_boot_info *bi
      = (const struct vg_boot_info *)(uintptr_t)VG_BOOT_INFO_VA;
  CHECK (argc >= 1, 1);
  CHECK (bi->magic, VG_BOOT_MAGIC);
  CHECK (bi->nmodules, 0);
  CHECK (bi->nfolios >= 1, 1);
  /* argv[0] is the first word of the boot info's command line.  */
  CHECK (argc >= 1 && strncmp (bi->cmdline, argv[0], strlen (argv[0])) == 0,
         1);
  struct vg_cap_info ci;
  CHECK (vg_cap_info (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_ACTIVITY);
  /* The child may not raise its own quota.  */
  CHECK (ci.rights & VG_RIGHT_POLICY, 0);
  CHECK (vg_cap_info (VG_BOOT_CAP (VG_BOOT_CAP_THREAD), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_THREAD);
  CHECK (vg_cap_info (VG_BOOT_CAP (VG_BOOT_CAP_FOLIO0), &ci), VG_OK);
  CHECK (ci.type, VG_TYPE_FOLIO);
  /* The boot-info page is read-only: a store would fault.  Its cap is
     found through the tree like any other.  */
  CHECK (vg_cap_info (VG_ADDR (VG_BOOT_INFO_VA, 4), &ci), VG_OK);
  CHECK (ci.rights & VG_RIGHT_WRITE, 0);
  /* Allocation from its own activity works.  */
  CHECK (vg_folio_alloc (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY), FREE_CAP (0)),
         VG_OK);
  int sum = 0;
  for (int i = 1; i < argc; i++)
    {
      vg_printf ("argsum: argv[%d] = '%s'\n", i, argv[i]);
      int v = 0;
      for (const char *p = argv[i]; *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (*p - '0');
      sum += v;
    }
  vg_printf ("argsum: argc %d, sum %d, %d failed checks\n", argc, sum,
             vgtest_failures);
  return vgtest_failures ? 60 + vgtest_failures : sum;
}
