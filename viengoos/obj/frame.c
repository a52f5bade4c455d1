/* Frame descriptors, frame lists and the retired list (see frame.h).  */
#include <arch/layout.h>
#include <arch/mm.h>

#include "mm/bootmem.h"
#include "obj/frame.h"
#include "kstring.h"
#include "kern/panic.h"
#include "mm/pmm.h"

struct frame *frame_table; /* The array, from the boot pool.  */
uint64_t frame_base_pfn;
uint32_t frame_count;
static uint64_t enomem;
static uint64_t in_use;
static struct frame_list retired = FRAME_LIST_INIT;
static uint64_t nretired;

void
frame_init (paddr_t lo, paddr_t hi)
{
  frame_base_pfn = lo >> PAGE_SHIFT;
  uint64_t n = hi > lo ? (hi - lo) >> PAGE_SHIFT : 0;
  if (n >= FRAME_NONE)
    panic ("frame_init: %lu frames do not fit 32-bit indexes",
           (unsigned long)n);
  frame_count = (uint32_t)n;
  in_use = 0;
  nretired = 0;
  retired = (struct frame_list)FRAME_LIST_INIT;
  frame_table
      = n ? phys_to_virt (bootmem_alloc (n * sizeof *frame_table)) : NULL;
  for (uint32_t i = 0; i < frame_count; i++)
    frame_table[i].prev = frame_table[i].next = FRAME_NONE;
}

uint32_t
frame_index (paddr_t p)
{
  uint32_t i;
  if (!frame_valid_pfn (p >> PAGE_SHIFT, &i))
    panic ("frame_index: %#lx has no descriptor", (unsigned long)p);
  return i;
}

uint32_t
frame_alloc (enum frame_kind kind)
{
  assert (kind != FRAME_FREE);
  uint32_t i;
  if (kind == FRAME_OBJECT && retired.head != FRAME_NONE)
    {
      i = retired.head;
      frame_list_remove (&retired, i);
      nretired--;
    }
  else
    {
      paddr_t p = pmm_alloc ();
      if (!p)
        return FRAME_NONE;
      i = frame_index (p);
    }
  struct frame *f = &frame_table[i];
  assert (f->kind == FRAME_FREE && f->list == FRAME_LIST_NONE);
  f->kind = kind;
  f->flags &= FRAME_RETIRED;
  f->activity = NULL;
  f->age = 0;
  memset (frame_virt (i), 0, PAGE_SIZE);
  in_use++;
  return i;
}

void
frame_free (uint32_t i)
{
  struct frame *f = frame_get (i);
  assert (f->kind != FRAME_FREE);
  assert (f->list == FRAME_LIST_NONE);
  assert (in_use > 0);
  uint32_t floor = f->version_floor;
  uint8_t keep = f->flags & FRAME_RETIRED;
  memset (f, 0, sizeof *f);
  f->prev = f->next = FRAME_NONE;
  f->version_floor = floor;
  f->flags = keep;
  in_use--;
  if (keep)
    {
      frame_list_push (&retired, i, FRAME_LIST_INACTIVE);
      nretired++;
    }
  else
    pmm_free (frame_paddr (i));
}

void
frame_list_push (struct frame_list *l, uint32_t i, uint8_t which)
{
  struct frame *f = frame_get (i);
  assert (f->list == FRAME_LIST_NONE && which != FRAME_LIST_NONE);
  f->list = which;
  f->prev = FRAME_NONE;
  f->next = l->head;
  if (l->head != FRAME_NONE)
    frame_table[l->head].prev = i;
  else
    l->tail = i;
  l->head = i;
}

void
frame_list_remove (struct frame_list *l, uint32_t i)
{
  struct frame *f = frame_get (i);
  assert (f->list != FRAME_LIST_NONE);
  if (f->prev != FRAME_NONE)
    frame_table[f->prev].next = f->next;
  else
    {
      assert (l->head == i);
      l->head = f->next;
    }
  if (f->next != FRAME_NONE)
    frame_table[f->next].prev = f->prev;
  else
    {
      assert (l->tail == i);
      l->tail = f->prev;
    }
  f->prev = f->next = FRAME_NONE;
  f->list = FRAME_LIST_NONE;
}

void
frame_list_touch (struct frame_list *l, uint32_t i)
{
  if (l->head == i)
    return;
  uint8_t which = frame_get (i)->list;
  frame_list_remove (l, i);
  frame_list_push (l, i, which);
}

uint32_t
frame_list_count (const struct frame_list *l)
{
  uint32_t n = 0;
  for (uint32_t i = l->head; i != FRAME_NONE; i = frame_table[i].next)
    n++;
  return n;
}

uint64_t
frame_in_use (void)
{
  return in_use;
}

uint64_t
frame_retired_idle (void)
{
  return nretired;
}

uint64_t
frame_kernel_pool (void)
{
  uint64_t out = pmm_total_frames () - pmm_free_frames ();
  assert (out >= in_use + nretired);
  return bootmem_used () / PAGE_SIZE + (out - in_use - nretired);
}

void
frame_test_set_floor (uint32_t i, uint32_t floor)
{
  frame_get (i)->version_floor = floor;
}

void
frame_count_enomem (void)
{
  enomem++;
}

uint64_t
frame_enomem_count (void)
{
  return enomem;
}
