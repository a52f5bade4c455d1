/* The reverse map from data frames to cache mappings, the path records
   from cappages to caches, and the frames caches are made of (see
   as_rmap.h).  */
#include <arch/layout.h>
#include <arch/mm.h>
#include <arch/pt.h>

#include "obj/activity.h"
#include "mm/as_rmap.h"
#include "obj/folio.h"
#include "kern/panic.h"

uint64_t as_rmap_steps;

uint32_t
as_rmap_frame_alloc (struct as_cache *c, enum frame_kind kind)
{
  assert (kind == FRAME_PTABLE || kind == FRAME_RMAP);
  if (!c->payer)
    return FRAME_NONE;
  if (activity_frame_limiter (c->payer, 1))
    {
      c->payer->stats.limit_hits++;
      return FRAME_NONE;
    }
  uint32_t i = frame_alloc (kind);
  if (i == FRAME_NONE)
    return FRAME_NONE;
  struct frame *fd = frame_get (i);
  fd->folio = FRAME_NONE;
  fd->slot = 0;
  fd->priority = AS_FRAME_PRIORITY;
  fd->discardable = 1;
  activity_charge_frame (c->payer, i);
  c->payer->stats.cache_built++;
  return i;
}

void
as_rmap_frame_free (struct as_cache *c, uint32_t i)
{
  struct frame *fd = frame_get (i);
  assert (fd->kind == FRAME_PTABLE || fd->kind == FRAME_RMAP);
  assert (fd->activity == c->payer && c->payer);
  activity_uncharge_frame (c->payer, i);
  frame_free (i);
}

static struct as_rmap_page *
page_at (uint32_t i)
{
  assert (frame_get (i)->kind == FRAME_RMAP);
  return frame_virt (i);
}

static struct as_rmap_back *
back_of (const struct as_rmap_page *p)
{
  assert (frame_get (p->back)->kind == FRAME_RMAP);
  return frame_virt (p->back);
}

uint32_t
as_rmap_page_new (struct as_cache *c)
{
  uint32_t i = as_rmap_frame_alloc (c, FRAME_RMAP);
  if (i == FRAME_NONE)
    return FRAME_NONE;
  uint32_t b = i > AS_RMAP_PAGE_LIMIT ? FRAME_NONE
                                      : as_rmap_frame_alloc (c, FRAME_RMAP);
  if (b == FRAME_NONE)
    {
      /* No back page, or record ids could not name the entries.  */
      as_rmap_frame_free (c, i);
      return FRAME_NONE;
    }
  frame_get (b)->slot = AS_RMAP_BACK;
  struct as_rmap_page *p = page_at (i);
  p->cache = c;
  p->table = FRAME_NONE;
  p->back = b;
  p->live = 0;
  for (unsigned k = 0; k < AS_RMAP_ENTRIES; k++)
    p->link[k] = AS_RMAP_UNUSED;
  struct as_rmap_back *q = back_of (p);
  q->front = i;
  for (unsigned k = 0; k < AS_RMAP_ENTRIES; k++)
    q->prev[k] = AS_RMAP_UNUSED;
  for (unsigned j = 0; j < AS_RMAP_PATH; j++)
    q->path[j] = (struct as_rmap_use){ FRAME_NONE, 0, 0 };
  return i;
}

void
as_rmap_page_free (struct as_cache *c, uint32_t page)
{
  struct as_rmap_page *p = page_at (page);
  assert (p->live == 0);
  as_rmap_frame_free (c, p->back);
  as_rmap_frame_free (c, page);
}

void
as_rmap_page_attach (struct as_cache *c, uint32_t page, uint32_t table,
                     uint64_t va)
{
  struct frame *td = frame_get (table);
  assert (td->kind == FRAME_PTABLE && td->folio == FRAME_NONE);
  struct as_rmap_page *p = page_at (page);
  assert (p->cache == c && p->table == FRAME_NONE);
  td->folio = page;
  p->table = table;
  p->va = ALIGN_DOWN (va, (uint64_t)AS_RMAP_ENTRIES * PAGE_SIZE);
  p->next_page = c->rmap_pages;
  p->prev_page = FRAME_NONE;
  if (c->rmap_pages != FRAME_NONE)
    page_at (c->rmap_pages)->prev_page = page;
  c->rmap_pages = page;
  c->nrmap += AS_RMAP_FRAMES;
}

uint32_t
as_rmap_page_of_table (const struct as_cache *c, paddr_t table)
{
  uint32_t page = frame_get (frame_index (table))->folio;
  assert (page != FRAME_NONE && page_at (page)->cache == c);
  return page;
}

/* The list head in the folio slot of object frame FRAME (a page's
   mappings, or a cappage's path records).  */
static uint32_t *
head_of (uint32_t frame)
{
  const struct frame *fd = frame_get (frame);
  assert (fd->kind == FRAME_OBJECT);
  struct folio *f = frame_virt (fd->folio);
  assert (f->slots[fd->slot].frame == frame);
  return &f->slots[fd->slot].rmap;
}

static unsigned
entry_of (uint64_t va)
{
  return (unsigned)(va >> PAGE_SHIFT) % AS_RMAP_ENTRIES;
}

/* Mapping records.  */

static uint32_t
record_id (uint32_t page, unsigned k)
{
  return page * AS_RMAP_ENTRIES + k + 1;
}

/* Follow record ID to its page and entry.  */
static struct as_rmap_page *
record (uint32_t id, unsigned *k)
{
  assert (id != 0 && id != AS_RMAP_UNUSED);
  as_rmap_steps++;
  *k = (id - 1) % AS_RMAP_ENTRIES;
  return page_at ((id - 1) / AS_RMAP_ENTRIES);
}

void
as_rmap_add (uint32_t page, uint64_t va, uint32_t frame)
{
  struct as_rmap_page *p = page_at (page);
  struct as_rmap_back *b = back_of (p);
  unsigned k = entry_of (va);
  assert (p->link[k] == AS_RMAP_UNUSED);
  uint32_t *head = head_of (frame);
  uint32_t id = record_id (page, k);
  if (*head)
    {
      unsigned j;
      struct as_rmap_page *n = record (*head, &j);
      back_of (n)->prev[j] = id;
    }
  p->link[k] = *head;
  b->prev[k] = 0;
  *head = id;
  p->live++;
}

/* Unlink entry K of P from the list whose head is *HEAD (found from the
   mapped frame only when the entry is the head).  */
static void
unlink_record (struct as_rmap_page *p, unsigned k, uint32_t *head)
{
  struct as_rmap_back *b = back_of (p);
  uint32_t next = p->link[k], prev = b->prev[k];
  assert (next != AS_RMAP_UNUSED && prev != AS_RMAP_UNUSED);
  if (prev)
    {
      unsigned j;
      record (prev, &j)->link[j] = next;
    }
  else
    *head = next;
  if (next)
    {
      unsigned j;
      back_of (record (next, &j))->prev[j] = prev;
    }
  p->link[k] = AS_RMAP_UNUSED;
  b->prev[k] = AS_RMAP_UNUSED;
  assert (p->live > 0);
  p->live--;
}

void
as_rmap_remove (uint32_t page, uint64_t va, uint32_t frame)
{
  struct as_rmap_page *p = page_at (page);
  unsigned k = entry_of (va);
  unlink_record (p, k, back_of (p)->prev[k] == 0 ? head_of (frame) : NULL);
}

/* Path records.  */

static uint32_t
use_id (uint32_t page, unsigned j)
{
  return page * 8 + j + 1;
}

static struct as_rmap_use *
use_of (uint32_t id)
{
  assert (id != 0);
  as_rmap_steps++;
  struct as_rmap_page *p = page_at ((id - 1) / 8);
  return &back_of (p)->path[(id - 1) % 8];
}

static void
use_link (uint32_t page, unsigned j, uint32_t cappage)
{
  struct as_rmap_use *u = &back_of (page_at (page))->path[j];
  assert (u->cappage == FRAME_NONE);
  uint32_t *head = head_of (cappage);
  uint32_t id = use_id (page, j);
  if (*head)
    use_of (*head)->prev = id;
  u->cappage = cappage;
  u->next = *head;
  u->prev = 0;
  *head = id;
}

static void
use_unlink (struct as_rmap_use *u)
{
  if (u->cappage == FRAME_NONE)
    return;
  if (u->prev)
    use_of (u->prev)->next = u->next;
  else
    *head_of (u->cappage) = u->next;
  if (u->next)
    use_of (u->next)->prev = u->prev;
  *u = (struct as_rmap_use){ FRAME_NONE, 0, 0 };
}

bool
as_rmap_path (uint32_t page, uint64_t va, const uint32_t path[4])
{
  struct as_rmap_back *b = back_of (page_at (page));
  unsigned half = (unsigned)(va >> 20) & 1;
  const unsigned slot[4] = { 0, 1, 2, 3 + half };
  for (unsigned l = 0; l < 4; l++)
    if (b->path[slot[l]].cappage != FRAME_NONE
        && b->path[slot[l]].cappage != path[l])
      return false;
  for (unsigned l = 0; l < 4; l++)
    if (b->path[slot[l]].cappage == FRAME_NONE)
      use_link (page, slot[l], path[l]);
  return true;
}

/* Take front page PAGE off its cache's list.  */
static void
unlink_page (struct as_cache *c, uint32_t page)
{
  struct as_rmap_page *p = page_at (page);
  if (p->prev_page != FRAME_NONE)
    page_at (p->prev_page)->next_page = p->next_page;
  else
    {
      assert (c->rmap_pages == page);
      c->rmap_pages = p->next_page;
    }
  if (p->next_page != FRAME_NONE)
    page_at (p->next_page)->prev_page = p->prev_page;
  assert (c->nrmap >= AS_RMAP_FRAMES);
  c->nrmap -= AS_RMAP_FRAMES;
}

void
as_rmap_touch (struct as_cache *c, uint32_t page)
{
  struct as_rmap_page *p = page_at (page);
  struct frame_list *l = &c->payer->cache_rmap;
  if (l->head == page && frame_get (page)->next == p->back)
    return; /* Already the warmest pair (faults in a row in one leaf).  */
  frame_list_touch (l, p->back);
  frame_list_touch (l, page);
}

uint32_t
as_rmap_front (uint32_t page)
{
  if (frame_get (page)->slot == AS_RMAP_BACK)
    return ((struct as_rmap_back *)(void *)page_at (page))->front;
  return page;
}

void
as_rmap_drop_leaf (uint32_t page)
{
  struct as_rmap_page *p = page_at (page);
  if (frame_get (page)->slot == AS_RMAP_BACK)
    {
      /* A back page: go to its front.  */
      page = ((struct as_rmap_back *)(void *)p)->front;
      p = page_at (page);
    }
  struct as_cache *c = p->cache;
  struct as_rmap_back *b = back_of (p);
  for (unsigned k = 0; k < AS_RMAP_ENTRIES && p->live; k++)
    if (p->link[k] != AS_RMAP_UNUSED)
      {
        uint64_t va = p->va + (uint64_t)k * PAGE_SIZE;
        paddr_t pa;
        bool mapped = pt_lookup (&c->pt, va, &pa, NULL);
        assert (mapped);
        as_rmap_steps++;
        unlink_record (p, k,
                       b->prev[k] == 0 ? head_of (frame_index (pa)) : NULL);
        pt_unmap (&c->pt, va);
      }
  assert (p->live == 0);
  for (unsigned j = 0; j < AS_RMAP_PATH; j++)
    use_unlink (&b->path[j]);
  uint32_t table = p->table;
  frame_get (table)->folio = FRAME_NONE;
  unlink_page (c, page);
  paddr_t t = pt_leaf_detach (&c->pt, p->va);
  assert (t == frame_paddr (table));
  as_rmap_page_free (c, page);
  as_rmap_frame_free (c, table);
}

bool
as_rmap_test_clear_young (uint32_t frame, unsigned *budget)
{
  bool young = false;
  for (uint32_t id = *head_of (frame); id; --*budget)
    {
      if (!*budget)
        return true;
      unsigned k;
      struct as_rmap_page *p = record (id, &k);
      young |= pt_test_clear_accessed (&p->cache->pt,
                                       p->va + (uint64_t)k * PAGE_SIZE);
      id = p->link[k];
    }
  return young;
}

void
as_rmap_drop_all (struct as_cache *c)
{
  while (c->rmap_pages != FRAME_NONE)
    {
      uint32_t page = c->rmap_pages;
      struct as_rmap_page *p = page_at (page);
      struct as_rmap_back *b = back_of (p);
      for (unsigned k = 0; k < AS_RMAP_ENTRIES && p->live; k++)
        if (p->link[k] != AS_RMAP_UNUSED)
          {
            uint32_t *head = NULL;
            if (b->prev[k] == 0)
              {
                /* The head: the mapped frame names the list.  */
                paddr_t pa;
                bool mapped = pt_lookup (
                    &c->pt, p->va + (uint64_t)k * PAGE_SIZE, &pa, NULL);
                assert (mapped);
                head = head_of (frame_index (pa));
              }
            as_rmap_steps++;
            unlink_record (p, k, head);
          }
      assert (p->live == 0);
      for (unsigned j = 0; j < AS_RMAP_PATH; j++)
        use_unlink (&b->path[j]);
      frame_get (p->table)->folio = FRAME_NONE;
      unlink_page (c, page);
      as_rmap_page_free (c, page);
    }
  assert (c->nrmap == 0);
}

void
as_rmap_unmap_frame (uint32_t frame)
{
  uint32_t *head = head_of (frame);
  while (*head)
    {
      unsigned k;
      struct as_rmap_page *p = record (*head, &k);
      unlink_record (p, k, head);
      paddr_t was = pt_unmap (&p->cache->pt, p->va + (uint64_t)k * PAGE_SIZE);
      assert (was == frame_paddr (frame));
    }
}

bool
as_rmap_frame_drain (uint32_t frame, unsigned *budget)
{
  uint32_t *head = head_of (frame);
  for (; *head && *budget; --*budget)
    {
      unsigned k;
      struct as_rmap_page *p = record (*head, &k);
      unlink_record (p, k, head);
      paddr_t was = pt_unmap (&p->cache->pt, p->va + (uint64_t)k * PAGE_SIZE);
      assert (was == frame_paddr (frame));
    }
  return !*head;
}

unsigned
as_rmap_drop_some (struct as_cache *c, unsigned budget)
{
  for (uint32_t page = c->rmap_pages; page != FRAME_NONE && budget;
       page = page_at (page)->next_page)
    {
      struct as_rmap_page *p = page_at (page);
      struct as_rmap_back *b = back_of (p);
      /* Scanning a page's entries costs about AS_RMAP_PAGE_COST
         mappings' worth, counted so that many caches with few mappings
         each make a bounded chunk too.  */
      if (p->live)
        budget -= budget < AS_RMAP_PAGE_COST ? budget : AS_RMAP_PAGE_COST;
      for (unsigned k = 0; k < AS_RMAP_ENTRIES && p->live && budget; k++)
        if (p->link[k] != AS_RMAP_UNUSED)
          {
            paddr_t pa = pt_unmap (&c->pt, p->va + (uint64_t)k * PAGE_SIZE);
            assert (pa);
            as_rmap_steps++;
            unlink_record (
                p, k, b->prev[k] == 0 ? head_of (frame_index (pa)) : NULL);
            budget--;
          }
    }
  return budget;
}

bool
as_rmap_cappage_drain (uint32_t cappage, unsigned *budget)
{
  uint32_t *head = head_of (cappage);
  while (*head)
    {
      uint32_t was = *head;
      struct as_cache *c = page_at ((was - 1) / 8)->cache;
      *budget = as_rmap_drop_some (c, *budget);
      if (!*budget)
        return false;
      /* C maps nothing now: dropping its tables is O(its tables), about
         AS_RMAP_FLUSH_COST mappings' worth, counted too, so that many
         caches with few mappings each make a bounded chunk as well.  */
      as_cache_flush (c);
      assert (*head != was);
      *budget -= *budget < AS_RMAP_FLUSH_COST ? *budget : AS_RMAP_FLUSH_COST;
      if (*head && !*budget)
        return false;
    }
  return true;
}

void
as_rmap_cappage_changed (uint32_t cappage)
{
  uint32_t *head = head_of (cappage);
  while (*head)
    {
      /* Flushing the cache drops every path record it has, this one
         included, so the list shrinks each time.  */
      uint32_t was = *head;
      struct as_cache *c = page_at ((was - 1) / 8)->cache;
      as_rmap_steps++;
      as_cache_flush (c);
      assert (*head != was);
    }
}

unsigned
as_rmap_count (uint32_t frame)
{
  unsigned n = 0;
  for (uint32_t id = *head_of (frame); id; n++)
    {
      unsigned k;
      struct as_rmap_page *p = record (id, &k);
      id = p->link[k];
    }
  return n;
}

unsigned
as_rmap_path_count (uint32_t cappage)
{
  unsigned n = 0;
  for (uint32_t id = *head_of (cappage); id; n++)
    id = use_of (id)->next;
  return n;
}

bool
as_rmap_list_ok (uint32_t frame)
{
  uint32_t prev = 0;
  for (uint32_t id = *head_of (frame); id;)
    {
      unsigned k;
      struct as_rmap_page *p = record (id, &k);
      if (back_of (p)->prev[k] != prev || p->link[k] == AS_RMAP_UNUSED)
        return false;
      paddr_t pa;
      if (!pt_lookup (&p->cache->pt, p->va + (uint64_t)k * PAGE_SIZE, &pa,
                      NULL)
          || pa != frame_paddr (frame))
        return false;
      prev = id;
      id = p->link[k];
    }
  return true;
}
