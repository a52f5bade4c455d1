/* Belady's OPT (sim.h): the resident pages in a max-heap keyed by next
   use; a hit raises its page's key (the page was due now, its next use
   is later), a miss with all frames full evicts the heap's top.  Ties
   (pages never used again) are broken arbitrarily, which changes which
   page goes but not the number of misses.  */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"

struct heap
{
  uint32_t n;
  uint32_t *key; /* [frames] next use of the page at each position.  */
  uint32_t *id;  /* [frames] page at each position.  */
  uint32_t *pos; /* [nkeys] position of each resident page, or NONE.  */
};

static void
heap_set (struct heap *h, uint32_t at, uint32_t key, uint32_t id)
{
  h->key[at] = key;
  h->id[at] = id;
  h->pos[id] = at;
}

static void
sift_up (struct heap *h, uint32_t at)
{
  uint32_t key = h->key[at], id = h->id[at];
  while (at > 0)
    {
      uint32_t parent = (at - 1) / 2;
      if (h->key[parent] >= key)
        break;
      heap_set (h, at, h->key[parent], h->id[parent]);
      at = parent;
    }
  heap_set (h, at, key, id);
}

static void
sift_down (struct heap *h, uint32_t at)
{
  uint32_t key = h->key[at], id = h->id[at];
  for (;;)
    {
      uint32_t c = 2 * at + 1;
      if (c >= h->n)
        break;
      if (c + 1 < h->n && h->key[c + 1] > h->key[c])
        c++;
      if (h->key[c] <= key)
        break;
      heap_set (h, at, h->key[c], h->id[c]);
      at = c;
    }
  heap_set (h, at, key, id);
}

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

bool
lab_opt (const struct lab_trace *t, const uint32_t *next, uint32_t frames,
         struct lab_result *r, uint32_t *victims)
{
  memset (r, 0, sizeof *r);
  if (frames == 0)
    frames = 1;
  double t0 = now ();
  uint32_t *own = NULL;
  if (!next)
    {
      own = trace_next_use (t);
      if (!own)
        return false;
      next = own;
    }
  struct heap h = { 0, NULL, NULL, NULL };
  size_t nk = t->nkeys ? t->nkeys : 1;
  h.key = malloc (frames * sizeof *h.key);
  h.id = malloc (frames * sizeof *h.id);
  h.pos = malloc (nk * sizeof *h.pos);
  uint8_t *disc = malloc (nk);
  bool ok = h.key && h.id && h.pos && disc;
  if (ok)
    {
      memset (h.pos, 0xff, nk * sizeof *h.pos);
      uint64_t nvictims = 0;
      for (uint32_t k = 0; k < t->n; k++)
        {
          uint32_t id = t->id[k];
          disc[id] = t->discardable[k];
          uint32_t at = h.pos[id];
          if (at != UINT32_MAX)
            {
              h.key[at] = next[k];
              sift_up (&h, at);
              continue;
            }
          r->misses++;
          if (h.n == frames)
            {
              uint32_t v = h.id[0];
              if (disc[v])
                r->evict_discardable++;
              else
                r->evict_important++;
              if (victims)
                victims[nvictims++] = v;
              h.pos[v] = UINT32_MAX;
              heap_set (&h, 0, next[k], id);
              sift_down (&h, 0);
            }
          else
            {
              heap_set (&h, h.n++, next[k], id);
              sift_up (&h, h.n - 1);
            }
        }
      r->refs = t->n;
    }
  r->seconds = now () - t0;
  free (h.key);
  free (h.id);
  free (h.pos);
  free (disc);
  free (own);
  return ok;
}
