/* The eviction policy the kernel runs (see evict.h).  */
#include "mm/evict.h"
#include "kern/cmdline.h"

static const struct policy_ops *ops;

const struct policy_ops *
evict_policy (void)
{
  if (!ops)
    {
      const char *name = cmdline_get ("policy");
      if (name && *name)
        ops = policy_find (name);
      if (!ops)
        ops = policy_find (EVICT_DEFAULT_POLICY);
      if (!ops)
        ops = policy_registry[0];
    }
  return ops;
}

bool
evict_test_policy (const char *name)
{
  const struct policy_ops *p = policy_find (name);
  if (p)
    ops = p;
  return p != NULL;
}
