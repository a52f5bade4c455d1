/* A discardable cache for applications (see hurd/cache.h).

   The index (this struct, the hash buckets, the nodes and the slot
   links) lives in one important, populated anonymous region.  The
   values live in one discardable region per priority (a band), each
   with room for every entry, made on first use; slot S of a band is at
   page S / per_page, offset (S % per_page) * slot_size.  */
#include <hurd/anon.h>
#include <hurd/cache.h>
#include <hurd/mm.h>
#include <hurd/notice.h>

#include <mm-env.h>

#define PAGE 4096u
#define MAGIC 0x5ca4e000u
#define NIL 0xffffffffu

/* The fill callback runs inside a fault taken in the middle of our
   accesses: keep the compiler from moving memory accesses across the
   points where we read the refill counts.  */
#define BARRIER() __asm__ volatile("" ::: "memory")

/* What heads every value in its page; never all zeros when valid.  */
struct header
{
  uint32_t check; /* MAGIC ^ seq.  */
  uint32_t len;
  uint64_t key;
};
_Static_assert(sizeof (struct header) == HURD_CACHE_HEADER, "header");

struct node
{
  uint64_t key;
  uint32_t next; /* Next in the bucket's chain, or the free list.  */
  uint32_t seq;  /* Of the value's header; 0 for a free node.  */
  uint32_t len;
  uint32_t slot;
  uint8_t band;
  volatile uint8_t lost; /* Named by a discard notice (hurd_cache_forget):
                            set asynchronously, by an activation.  */
  uint8_t reserved[6];
};

struct band
{
  struct anon_region *region; /* NULL until first used.  */
  int priority;
  uint32_t free_slot; /* Head of the free slots, or NIL.  */
  uint32_t bump;      /* Slots never used start here.  */
  uint32_t *link;     /* Per slot: next free slot, or its node.  */
  uint64_t refills;
};

struct hurd_cache
{
  struct hurd_cache_config cfg;
  struct anon_region *index;
  uint32_t slot_size, per_page, nbuckets, bits;
  uint32_t free_node, seq;
  uint32_t *buckets;
  struct node *nodes;
  struct band bands[HURD_CACHE_BANDS];
  struct hurd_cache_stats st;
};

static uint32_t
hash (const struct hurd_cache *c, uint64_t key)
{
  return (uint32_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - c->bits));
}

static volatile struct header *
slot_header (const struct hurd_cache *c, const struct band *b, uint32_t slot)
{
  uint64_t va = b->region->r.start + (uint64_t)(slot / c->per_page) * PAGE
                + (uint64_t)(slot % c->per_page) * c->slot_size;
  return mm_env_window (va);
}

static uint8_t *
slot_value (const struct hurd_cache *c, const struct band *b, uint32_t slot)
{
  return (uint8_t *)slot_header (c, b, slot) + HURD_CACHE_HEADER;
}

/* The fill callback of every band: a discarded value page was touched
   again and libhurd-mm gave it a fresh zeroed page.  The headers in it
   are zero, so each lookup finds its entry lost.  */
static vg_error_t
cache_fill (void *cookie, uint64_t addr, void *page)
{
  (void)addr;
  (void)page;
  struct band *b = cookie;
  b->refills++;
  return VG_OK;
}

static vg_error_t
cache_create (const struct hurd_cache_config *cfg, struct hurd_cache **out)
{
  if (!cfg || cfg->value_max == 0 || cfg->value_max > HURD_CACHE_VALUE_MAX
      || cfg->entries == 0 || cfg->entries > HURD_CACHE_ENTRIES_MAX)
    return VG_EINVAL;
  uint32_t n = (uint32_t)cfg->entries, bits = 1;
  while ((1u << bits) < n)
    bits++;
  uint64_t size = sizeof (struct hurd_cache) + (4ull << bits)
                  + (uint64_t)n * sizeof (struct node)
                  + (uint64_t)HURD_CACHE_BANDS * n * 4;
  size = (size + PAGE - 1) & ~(uint64_t)(PAGE - 1);
  struct vg_object_policy important = { 0, 0 };
  struct anon_region *ix;
  vg_error_t err = anon_create (0, size, ANON_WRITE | ANON_POPULATE, important,
                                NULL, NULL, VG_ADDR_VOID, &ix);
  if (err)
    return err;
  uint8_t *p = mm_env_window (ix->r.start);
  struct hurd_cache *c = (struct hurd_cache *)p;
  p += sizeof *c;
  c->cfg = *cfg;
  c->index = ix;
  c->slot_size = ((uint32_t)cfg->value_max + HURD_CACHE_HEADER + 15) & ~15u;
  c->per_page = PAGE / c->slot_size;
  c->bits = bits;
  c->nbuckets = 1u << bits;
  c->buckets = (uint32_t *)p;
  p += 4ull << bits;
  c->nodes = (struct node *)p;
  p += (uint64_t)n * sizeof (struct node);
  for (uint32_t i = 0; i < c->nbuckets; i++)
    c->buckets[i] = NIL;
  for (uint32_t i = 0; i < n; i++)
    c->nodes[i].next = i + 1 < n ? i + 1 : NIL;
  c->free_node = 0;
  for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
    {
      c->bands[i].link = (uint32_t *)p + (uint64_t)i * n;
      c->bands[i].free_slot = NIL;
    }
  *out = c;
  return VG_OK;
}

static void
cache_destroy (struct hurd_cache *c)
{
  for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
    if (c->bands[i].region)
      anon_free (c->bands[i].region);
  anon_free (c->index);
}

/* The band of PRIORITY, made if needed: NULL (with *ERR) if there is
   no room for another priority or its region cannot be made.  */
static struct band *
band_for (struct hurd_cache *c, int priority, vg_error_t *err)
{
  struct band *free = NULL;
  for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
    {
      struct band *b = &c->bands[i];
      if (b->region && b->priority == priority)
        return b;
      if (!b->region && !free)
        free = b;
    }
  if (!free)
    {
      *err = VG_ERANGE;
      return NULL;
    }
  uint64_t pages = (c->cfg.entries + c->per_page - 1) / c->per_page;
  struct vg_object_policy pol = { 1, (int8_t)priority };
  *err = anon_create (0, pages * PAGE, ANON_WRITE, pol, cache_fill, free,
                      c->cfg.activity, &free->region);
  if (*err)
    return NULL;
  free->priority = priority;
  return free;
}

static uint32_t *
find (struct hurd_cache *c, uint64_t key)
{
  uint32_t *p = &c->buckets[hash (c, key)];
  while (*p != NIL && c->nodes[*p].key != key)
    p = &c->nodes[*p].next;
  return p;
}

/* Unlink the node at *P (a chain link) and free it and its slot.  */
static void
unlink_node (struct hurd_cache *c, uint32_t *p)
{
  uint32_t i = *p;
  struct node *n = &c->nodes[i];
  struct band *b = &c->bands[n->band];
  *p = n->next;
  b->link[n->slot] = b->free_slot;
  b->free_slot = n->slot;
  n->seq = 0;
  n->next = c->free_node;
  c->free_node = i;
  c->st.entries--;
}

/* Write KEY's value into slot SLOT of B with sequence SEQ.  Fails with
   VG_EDISCARDED if a page of B was refilled meanwhile (the page may
   have been dropped between the writes: the caller retries).  */
static vg_error_t
store (struct hurd_cache *c, struct band *b, uint32_t slot, uint32_t seq,
       uint64_t key, const void *value, size_t len)
{
  volatile struct header *h = slot_header (c, b, slot);
  h->check = 0; /* Touch the page first: a refill happens here.  */
  BARRIER ();
  uint64_t r1 = b->refills;
  BARRIER ();
  __builtin_memcpy (slot_value (c, b, slot), value, len);
  h->len = (uint32_t)len;
  h->key = key;
  h->check = MAGIC ^ seq;
  BARRIER ();
  return b->refills == r1 ? VG_OK : VG_EDISCARDED;
}

static vg_error_t
cache_put (struct hurd_cache *c, uint64_t key, const void *value, size_t len,
           int priority)
{
  if (len > c->cfg.value_max || priority < VG_PRIORITY_MIN
      || priority > VG_PRIORITY_MAX)
    return VG_EINVAL;
  uint32_t *p = find (c, key);
  if (*p != NIL)
    unlink_node (c, p);
  vg_error_t err = VG_OK;
  struct band *b = band_for (c, priority, &err);
  if (!b)
    return err;
  if (c->free_node == NIL)
    return VG_ERANGE;
  uint32_t slot;
  if (b->free_slot != NIL)
    {
      slot = b->free_slot;
      b->free_slot = b->link[slot];
    }
  else
    slot = b->bump++;
  uint32_t i = c->free_node;
  struct node *n = &c->nodes[i];
  c->free_node = n->next;
  if (++c->seq == 0)
    c->seq = 1;
  *n = (struct node){ .key = key,
                      .seq = c->seq,
                      .len = (uint32_t)len,
                      .slot = slot,
                      .band = (uint8_t)(b - c->bands) };
  b->link[slot] = i;
  n->next = *p;
  *p = i;
  c->st.entries++;
  /* A page dropped between our writes: write again (each retry touches
     the page it just got; two drops in a row are rare).  */
  for (unsigned tries = 0; tries < 8; tries++)
    {
      err = store (c, b, slot, n->seq, key, value, len);
      if (err != VG_EDISCARDED)
        break;
    }
  if (err)
    {
      unlink_node (c, find (c, key));
      return err;
    }
  c->st.puts++;
  return VG_OK;
}

/* Whether node N's header in its page is intact.  */
static int
intact (struct hurd_cache *c, const struct node *n)
{
  volatile struct header *h = slot_header (c, &c->bands[n->band], n->slot);
  BARRIER ();
  int ok
      = h->check == (MAGIC ^ n->seq) && h->len == n->len && h->key == n->key;
  BARRIER ();
  return ok;
}

static vg_error_t
cache_get (struct hurd_cache *c, uint64_t key, void *buf, size_t size,
           size_t *len)
{
  uint32_t *p = find (c, key);
  if (*p == NIL)
    {
      c->st.misses++;
      return VG_EVOID;
    }
  struct node *n = &c->nodes[*p];
  if (n->len > size)
    {
      *len = n->len;
      return VG_ERANGE;
    }
  if (!n->lost && intact (c, n))
    {
      __builtin_memcpy (buf, slot_value (c, &c->bands[n->band], n->slot),
                        n->len);
      /* Still the same incarnation of the page after the copy?  */
      if (intact (c, n))
        {
          *len = n->len;
          c->st.hits++;
          return VG_OK;
        }
    }
  /* Lost: regenerate it, or drop it.  */
  c->st.lost++;
  int priority = c->bands[n->band].priority;
  unlink_node (c, p);
  size_t got = 0;
  if (!c->cfg.regen || c->cfg.regen (c->cfg.cookie, key, buf, size, &got)
      || got > c->cfg.value_max || got > size)
    {
      c->st.misses++;
      return VG_EVOID;
    }
  /* Keep it for next time; failing to store it again changes nothing
     for this lookup.  */
  (void)cache_put (c, key, buf, got, priority);
  c->st.regenerated++;
  c->st.hits++;
  *len = got;
  return VG_OK;
}

static vg_error_t
cache_remove (struct hurd_cache *c, uint64_t key)
{
  uint32_t *p = find (c, key);
  if (*p == NIL)
    return VG_EVOID;
  unlink_node (c, p);
  return VG_OK;
}

int
hurd_cache_owns (const struct hurd_cache *c, uint64_t addr, uint64_t len)
{
  for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
    {
      const struct anon_region *r = c->bands[i].region;
      if (r && addr < r->r.end && addr + len > r->r.start)
        return 1;
    }
  return 0;
}

unsigned
hurd_cache_forget (struct hurd_cache *c, uint64_t addr, uint64_t len)
{
  unsigned dropped = 0;
  for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
    {
      struct band *b = &c->bands[i];
      if (!b->region || addr >= b->region->r.end
          || addr + len <= b->region->r.start)
        continue;
      uint64_t lo = addr > b->region->r.start ? addr : b->region->r.start;
      uint64_t hi
          = addr + len < b->region->r.end ? addr + len : b->region->r.end;
      uint64_t p0 = (lo - b->region->r.start) / PAGE;
      uint64_t p1 = (hi - b->region->r.start + PAGE - 1) / PAGE;
      for (uint64_t s = p0 * c->per_page; s < p1 * c->per_page && s < b->bump;
           s++)
        {
          /* A free slot's link is the next free slot: only a live node
             that names this slot owns it.  */
          uint32_t k = b->link[s];
          if (k >= c->cfg.entries)
            continue;
          struct node *n = &c->nodes[k];
          if (n->seq == 0 || n->band != i || n->slot != s || n->lost)
            continue;
          n->lost = 1;
          dropped++;
        }
    }
  c->st.forgotten += dropped;
  return dropped;
}

void
hurd_cache_stats (const struct hurd_cache *c, struct hurd_cache_stats *out)
{
  *out = c->st;
  for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
    out->pages_refilled += c->bands[i].refills;
}

/* Mark lost the live entries of page P of band B; return how many.  */
static unsigned
mark_page (struct hurd_cache *c, struct band *b, uint64_t p)
{
  unsigned marked = 0;
  for (uint64_t s = p * c->per_page; s < (p + 1) * c->per_page && s < b->bump;
       s++)
    {
      uint32_t k = b->link[s];
      if (k >= c->cfg.entries)
        continue;
      struct node *n = &c->nodes[k];
      if (n->seq == 0 || n->band != (uint8_t)(b - c->bands) || n->slot != s
          || n->lost)
        continue;
      n->lost = 1;
      marked++;
    }
  return marked;
}

static uint64_t
cache_shrink (struct hurd_cache *c, uint64_t pages)
{
  uint64_t freed = 0;
  bool done[HURD_CACHE_BANDS] = { false };
  while (freed < pages)
    {
      /* The lowest priority not yet gone through.  */
      struct band *b = NULL;
      for (unsigned i = 0; i < HURD_CACHE_BANDS; i++)
        if (c->bands[i].region && !done[i]
            && (!b || c->bands[i].priority < b->priority))
          b = &c->bands[i];
      if (!b)
        break;
      done[b - c->bands] = true;
      /* From the top of the band down: its newest pages.  */
      uint64_t top = (b->bump + c->per_page - 1) / c->per_page;
      for (uint64_t p = top; p-- > 0 && freed < pages;)
        {
          if (!mark_page (c, b, p))
            continue;
          if (anon_discard (b->region->r.start + p * PAGE, PAGE) == VG_OK)
            freed++;
        }
    }
  c->st.shrunk += freed;
  return freed;
}

/* The entry points hold pressure callbacks off (hurd/notice.h): the
   cache makes regions and discards pages through libhurd-mm, which is
   not reentrant, and a callback may well call hurd_cache_shrink.  */

vg_error_t
hurd_cache_create (const struct hurd_cache_config *cfg,
                   struct hurd_cache **out)
{
  hurd_notice_hold ();
  vg_error_t err = cache_create (cfg, out);
  hurd_notice_release ();
  return err;
}

void
hurd_cache_destroy (struct hurd_cache *c)
{
  hurd_notice_hold ();
  cache_destroy (c);
  hurd_notice_release ();
}

vg_error_t
hurd_cache_put (struct hurd_cache *c, uint64_t key, const void *value,
                size_t len, int priority)
{
  hurd_notice_hold ();
  vg_error_t err = cache_put (c, key, value, len, priority);
  hurd_notice_release ();
  return err;
}

vg_error_t
hurd_cache_get (struct hurd_cache *c, uint64_t key, void *buf, size_t size,
                size_t *len)
{
  hurd_notice_hold ();
  vg_error_t err = cache_get (c, key, buf, size, len);
  hurd_notice_release ();
  return err;
}

vg_error_t
hurd_cache_remove (struct hurd_cache *c, uint64_t key)
{
  hurd_notice_hold ();
  vg_error_t err = cache_remove (c, key);
  hurd_notice_release ();
  return err;
}

uint64_t
hurd_cache_shrink (struct hurd_cache *c, uint64_t pages)
{
  hurd_notice_hold ();
  uint64_t freed = cache_shrink (c, pages);
  hurd_notice_release ();
  return freed;
}
