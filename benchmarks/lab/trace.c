/* Building a lab trace, next-use precomputation and the writers for
   other simulators (trace.h).  */
#include <stdlib.h>
#include <string.h>

#include "trace.h"

void
trace_init (struct lab_trace *t)
{
  memset (t, 0, sizeof *t);
  t->activity = -1;
}

void
trace_free (struct lab_trace *t)
{
  free (t->id);
  free (t->priority);
  free (t->discardable);
  free (t->key);
  free (t->slots);
  int64_t activity = t->activity;
  trace_init (t);
  t->activity = activity;
}

static uint64_t
mix (uint64_t x)
{
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

/* The table has 2 * keycap slots (a power of two), each a dense id + 1
   or 0.  */
static uint32_t *
slot_of (const struct lab_trace *t, uint64_t key)
{
  size_t mask = (size_t)t->keycap * 2 - 1;
  for (size_t h = mix (key) & mask;; h = (h + 1) & mask)
    if (t->slots[h] == 0 || t->key[t->slots[h] - 1] == key)
      return &t->slots[h];
}

static bool
grow_keys (struct lab_trace *t)
{
  uint32_t cap = t->keycap ? t->keycap * 2 : 1024;
  if (cap > (1u << 30))
    return false;
  uint64_t *key = realloc (t->key, cap * sizeof *key);
  uint32_t *slots = calloc ((size_t)cap * 2, sizeof *slots);
  if (!key || !slots)
    {
      free (slots);
      if (key)
        t->key = key;
      return false;
    }
  t->key = key;
  free (t->slots);
  t->slots = slots;
  t->keycap = cap;
  for (uint32_t i = 0; i < t->nkeys; i++)
    *slot_of (t, t->key[i]) = i + 1;
  return true;
}

static bool
grow_refs (struct lab_trace *t)
{
  uint64_t cap = t->cap ? (uint64_t)t->cap * 2 : 4096;
  if (cap > UINT32_MAX - 1)
    cap = UINT32_MAX - 1;
  if (cap <= t->cap)
    return false;
  uint32_t *id = realloc (t->id, cap * sizeof *id);
  if (id)
    t->id = id;
  int8_t *pr = realloc (t->priority, cap);
  if (pr)
    t->priority = pr;
  uint8_t *d = realloc (t->discardable, cap);
  if (d)
    t->discardable = d;
  if (!id || !pr || !d)
    return false;
  t->cap = (uint32_t)cap;
  return true;
}

bool
trace_append (struct lab_trace *t, uint64_t key, int8_t priority,
              bool discardable)
{
  if (t->n == t->cap && !grow_refs (t))
    return false;
  if ((t->nkeys + 1) * 2 > t->keycap && !grow_keys (t))
    return false;
  uint32_t *s = slot_of (t, key);
  if (*s == 0)
    {
      t->key[t->nkeys] = key;
      *s = ++t->nkeys;
    }
  t->id[t->n] = *s - 1;
  t->priority[t->n] = priority;
  t->discardable[t->n] = discardable;
  t->n++;
  return true;
}

uint32_t *
trace_next_use (const struct lab_trace *t)
{
  uint32_t *next = malloc ((t->n ? t->n : 1) * sizeof *next);
  uint32_t *last = malloc ((t->nkeys ? t->nkeys : 1) * sizeof *last);
  if (!next || !last)
    {
      free (next);
      free (last);
      return NULL;
    }
  for (uint32_t i = 0; i < t->nkeys; i++)
    last[i] = UINT32_MAX;
  for (uint32_t k = t->n; k-- > 0;)
    {
      next[k] = last[t->id[k]];
      last[t->id[k]] = k;
    }
  free (last);
  return next;
}

static void
put_le (unsigned char *p, uint64_t v, int bytes)
{
  for (int b = 0; b < bytes; b++)
    p[b] = (unsigned char)(v >> (8 * b));
}

bool
trace_write_oracle (const struct lab_trace *t, FILE *f)
{
  uint32_t *next = trace_next_use (t);
  if (!next)
    return false;
  for (uint32_t k = 0; k < t->n; k++)
    {
      unsigned char r[24];
      int64_t nv = next[k] == UINT32_MAX ? -1 : (int64_t)next[k] + 1;
      put_le (r, k, 4);
      put_le (r + 4, t->key[t->id[k]], 8);
      put_le (r + 12, 4096, 4);
      put_le (r + 16, (uint64_t)nv, 8);
      if (fwrite (r, sizeof r, 1, f) != 1)
        {
          free (next);
          return false;
        }
    }
  free (next);
  return fflush (f) == 0;
}

bool
trace_write_csv (const struct lab_trace *t, FILE *f)
{
  fprintf (f, "time,obj_id,obj_size\n");
  for (uint32_t k = 0; k < t->n; k++)
    fprintf (f, "%u,%llu,4096\n", k, (unsigned long long)t->key[t->id[k]]);
  return fflush (f) == 0 && !ferror (f);
}
