#include <check.h>
Suite *mm_anon_suite (void);
Suite *
mm_anon_suite (void)
{
  return suite_create ("mm_anon");
}
