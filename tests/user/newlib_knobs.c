/* The root task's per-program knobs (frames=, weight=, priority=,
   notices=; `make run FRAMES= ...`) reach the program: its activity's
   frame limit is argv[1], and it can allocate and touch argv[2] pages
   within it.  The registry line checks the root task's report of the
   weight, priority and notices.  */
#include <stdio.h>
#include <stdlib.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

int
main (int argc, char **argv)
{
  if (argc != 3)
    {
      printf ("usage: newlib_knobs FRAME_LIMIT PAGES\nFAIL\n");
      return 1;
    }
  unsigned long want = strtoul (argv[1], NULL, 0);
  long pages = strtol (argv[2], NULL, 0);
  struct vg_activity_stats st;
  if (vg_activity_stats (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY), &st) != VG_OK)
    {
      printf ("newlib_knobs: no stats\nFAIL\n");
      return 1;
    }
  char *p = malloc ((size_t)pages * 4096);
  for (long i = 0; p && i < pages; i++)
    p[i * 4096] = (char)i;
  struct vg_activity_stats after;
  vg_activity_stats (VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY), &after);
  int ok = st.frame_limit == want && p != NULL && after.frames_total <= want;
  printf ("newlib_knobs: frame limit %lu (want %lu), %s %ld pages, "
          "%lu frames held\n%s\n",
          (unsigned long)st.frame_limit, want, p ? "touched" : "could not get",
          pages, (unsigned long)after.frames_total, ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
