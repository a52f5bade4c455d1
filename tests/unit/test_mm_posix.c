#include <check.h>
Suite *mm_posix_suite (void);
Suite *
mm_posix_suite (void)
{
  return suite_create ("mm_posix");
}
