/* Replaying a trace through a policy (sim.h).  */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

const struct policy_ops *
lab_policy_find (const char *name)
{
  if (strcmp (name, lab_lru_ops.name) == 0)
    return &lab_lru_ops;
  return policy_find (name);
}

bool
lab_simulate (const struct policy_ops *ops, const struct lab_trace *t,
              uint32_t frames, struct lab_result *r, uint32_t *victims)
{
  memset (r, 0, sizeof *r);
  if (frames == 0)
    frames = 1;
  struct frame *table = calloc (frames, sizeof *table);
  uint32_t *where = malloc ((t->nkeys ? t->nkeys : 1) * sizeof *where);
  if (!table || !where)
    {
      free (table);
      free (where);
      return false;
    }
  for (uint32_t i = 0; i < t->nkeys; i++)
    where[i] = FRAME_NONE;
  for (uint32_t i = 0; i < frames; i++)
    table[i].prev = table[i].next = FRAME_NONE;
  lab_frames = table;

  double t0 = now ();
  struct policy_state s;
  ops->init (&s);
  uint32_t used = 0;
  uint64_t nvictims = 0;
  for (uint32_t k = 0; k < t->n; k++)
    {
      uint32_t id = t->id[k];
      uint32_t f = where[id];
      if (f != FRAME_NONE)
        {
          struct frame *fd = &table[f];
          if (fd->priority != t->priority[k]
              || fd->discardable != t->discardable[k])
            {
              struct policy_hint old = { fd->priority, fd->discardable };
              fd->priority = t->priority[k];
              fd->discardable = t->discardable[k];
              ops->hint_changed (&s, f, old);
            }
          ops->referenced (&s, f);
          continue;
        }
      r->misses++;
      if (used < frames)
        f = used++;
      else
        {
          f = ops->victim (&s, POLICY_STEPS_UNBOUNDED);
          policy_assert (f < frames);
          if (table[f].discardable)
            r->evict_discardable++;
          else
            r->evict_important++;
          ops->remove (&s, f);
          where[table[f].object] = FRAME_NONE;
          if (victims)
            victims[nvictims++] = (uint32_t)table[f].object;
        }
      table[f].object = id;
      table[f].priority = t->priority[k];
      table[f].discardable = t->discardable[k];
      where[id] = f;
      ops->add (&s, f);
    }
  r->refs = t->n;
  r->seconds = now () - t0;
  lab_frames = NULL;
  free (table);
  free (where);
  return true;
}
