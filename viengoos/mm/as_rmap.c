/* The reverse map from data frames to cache mappings, and the frames
   caches are made of (see as_rmap.h).  */
#include <arch/layout.h>
#include <arch/mm.h>
#include <arch/pt.h>

#include "obj/activity.h"
#include "mm/as_rmap.h"
#include "obj/folio.h"
#include "kern/panic.h"

uint32_t
as_rmap_frame_alloc (struct as_cache *c, enum frame_kind kind)
{
  assert (kind == FRAME_PTABLE || kind == FRAME_RMAP);
  if (!c->payer)
    return FRAME_NONE;
  uint32_t i = frame_alloc (kind);
  if (i == FRAME_NONE)
    return FRAME_NONE;
  struct frame *fd = frame_get (i);
  fd->folio = FRAME_NONE;
  fd->slot = 0;
  fd->priority = AS_FRAME_PRIORITY;
  fd->discardable = 1;
  activity_charge_frame (c->payer, i);
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

uint32_t
as_rmap_page_new (struct as_cache *c)
{
  uint32_t i = as_rmap_frame_alloc (c, FRAME_RMAP);
  if (i == FRAME_NONE)
    return FRAME_NONE;
  if (i > AS_RMAP_PAGE_LIMIT)
    {
      /* Record ids could not name its entries.  */
      as_rmap_frame_free (c, i);
      return FRAME_NONE;
    }
  struct as_rmap_page *p = page_at (i);
  p->cache = c;
  p->table = FRAME_NONE;
  for (unsigned k = 0; k < AS_RMAP_ENTRIES; k++)
    p->link[k] = AS_RMAP_UNUSED;
  return i;
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
  c->rmap_pages = page;
  c->nrmap++;
}

uint32_t
as_rmap_page_of (const struct as_cache *c, uint64_t va)
{
  paddr_t t;
  bool ok = pt_leaf_table (&c->pt, va, &t);
  assert (ok);
  uint32_t page = frame_get (frame_index (t))->folio;
  assert (page != FRAME_NONE && page_at (page)->cache == c);
  return page;
}

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

void
as_rmap_add (uint32_t page, uint64_t va, uint32_t frame)
{
  struct as_rmap_page *p = page_at (page);
  unsigned k = entry_of (va);
  assert (p->link[k] == AS_RMAP_UNUSED);
  uint32_t *head = head_of (frame);
  p->link[k] = *head;
  *head = page * AS_RMAP_ENTRIES + k + 1;
  p->live++;
}

/* Follow record ID to its page and entry.  */
static struct as_rmap_page *
record (uint32_t id, unsigned *k)
{
  assert (id != 0 && id != AS_RMAP_UNUSED);
  *k = (id - 1) % AS_RMAP_ENTRIES;
  return page_at ((id - 1) / AS_RMAP_ENTRIES);
}

void
as_rmap_remove (uint32_t page, uint64_t va, uint32_t frame)
{
  unsigned k = entry_of (va);
  uint32_t id = page * AS_RMAP_ENTRIES + k + 1;
  uint32_t *link = head_of (frame);
  while (*link != id)
    {
      unsigned j;
      struct as_rmap_page *q = record (*link, &j);
      link = &q->link[j];
    }
  struct as_rmap_page *p = page_at (page);
  *link = p->link[k];
  p->link[k] = AS_RMAP_UNUSED;
  assert (p->live > 0);
  p->live--;
}

void
as_rmap_drop_all (struct as_cache *c)
{
  while (c->rmap_pages != FRAME_NONE)
    {
      uint32_t page = c->rmap_pages;
      struct as_rmap_page *p = page_at (page);
      for (unsigned k = 0; k < AS_RMAP_ENTRIES && p->live; k++)
        if (p->link[k] != AS_RMAP_UNUSED)
          {
            uint64_t va = p->va + (uint64_t)k * PAGE_SIZE;
            paddr_t pa;
            bool mapped = pt_lookup (&c->pt, va, &pa, NULL);
            assert (mapped);
            as_rmap_remove (page, va, frame_index (pa));
          }
      assert (p->live == 0);
      frame_get (p->table)->folio = FRAME_NONE;
      c->rmap_pages = p->next_page;
      c->nrmap--;
      as_rmap_frame_free (c, page);
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
      *head = p->link[k];
      p->link[k] = AS_RMAP_UNUSED;
      p->live--;
      paddr_t was = pt_unmap (&p->cache->pt, p->va + (uint64_t)k * PAGE_SIZE);
      assert (was == frame_paddr (frame));
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
