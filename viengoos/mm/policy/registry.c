/* The list of policies, and lookup by name for `policy=NAME'.  */
#include "mm/policy.h"

const struct policy_ops *const policy_registry[] = {
  &policy_viengoos_ops,  &policy_fifo_ops,   &policy_clock_ops,
  &policy_lruapprox_ops, &policy_s3fifo_ops, &policy_s3fifo_hint_ops,
  &policy_dfifo_ops,
};

const size_t policy_registry_count
    = sizeof policy_registry / sizeof policy_registry[0];

const struct policy_ops *
policy_find (const char *name)
{
  for (size_t k = 0; k < policy_registry_count; k++)
    if (strcmp (policy_registry[k]->name, name) == 0)
      return policy_registry[k];
  return NULL;
}

static void
names_put (char *buf, size_t size, size_t *len, char c)
{
  if (*len + 1 < size)
    buf[*len] = c;
  (*len)++;
}

size_t
policy_names (char *buf, size_t size)
{
  size_t len = 0;
  for (size_t k = 0; k < policy_registry_count; k++)
    {
      if (k > 0)
        names_put (buf, size, &len, ' ');
      for (const char *p = policy_registry[k]->name; *p; p++)
        names_put (buf, size, &len, *p);
    }
  if (size > 0)
    buf[len < size ? len : size - 1] = '\0';
  return len;
}
