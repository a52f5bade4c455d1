/* Metadata pages and chunks (see meta.h).  */
#include "meta.h"

#include <stddef.h>
#include <vg/object.h>

struct meta_free
{
  struct meta_free *next;
};

static struct meta_free *pages, *chunks;
static unsigned npages;
static uint8_t boot[META_BOOT_PAGES][VG_OBJECT_SIZE]
    __attribute__ ((aligned (VG_OBJECT_SIZE)));

void
meta_init (void)
{
  pages = chunks = NULL;
  npages = 0;
  for (unsigned i = 0; i < META_BOOT_PAGES; i++)
    meta_page_add (boot[i]);
}

void
meta_page_add (void *page)
{
  struct meta_free *f = page;
  f->next = pages;
  pages = f;
  npages++;
}

unsigned
meta_free_pages (void)
{
  return npages;
}

void *
meta_page_alloc (void)
{
  struct meta_free *f = pages;
  if (!f)
    return NULL;
  pages = f->next;
  npages--;
  __builtin_memset (f, 0, VG_OBJECT_SIZE);
  return f;
}

void
meta_page_free (void *page)
{
  meta_page_add (page);
}

void *
meta_chunk_alloc (void)
{
  if (!chunks)
    {
      uint8_t *p = meta_page_alloc ();
      if (!p)
        return NULL;
      for (unsigned off = 0; off < VG_OBJECT_SIZE; off += META_CHUNK)
        meta_chunk_free (p + off);
    }
  struct meta_free *c = chunks;
  chunks = c->next;
  __builtin_memset (c, 0, META_CHUNK);
  return c;
}

void
meta_chunk_free (void *chunk)
{
  struct meta_free *c = chunk;
  c->next = chunks;
  chunks = c;
}
