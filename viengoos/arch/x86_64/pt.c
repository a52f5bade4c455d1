/* User page tables (see include/arch/pt.h).  */
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/mm.h>
#include <arch/pt.h>

#include "kstring.h"
#include "kern/panic.h"

uint64_t pt_unmap_gen;

#define PTE_P (1ull << 0)
#define PTE_W (1ull << 1)
#define PTE_U (1ull << 2)
#define PTE_A (1ull << 5)
#define PTE_NX (1ull << 63)
#define PTE_ADDR 0x000ffffffffff000ull
#define LEVELS 4
#define KERNEL_HALF 256

extern uint64_t boot_pml4[512];

static unsigned
index_at (uint64_t va, int level)
{
  /* Level 3 is the PML4, 0 the page table.  */
  return (va >> (PAGE_SHIFT + 9 * level)) & 511;
}

static uint64_t *
table (paddr_t pa)
{
  return phys_to_virt (pa);
}

static paddr_t
new_table (const struct pt_alloc *a)
{
  paddr_t pa = a->alloc_table (a->ctx);
  if (pa)
    {
      assert ((pa & (PAGE_SIZE - 1)) == 0);
      memset (table (pa), 0, PAGE_SIZE);
    }
  return pa;
}

static bool
user_page (uint64_t va)
{
  return va < USER_SPACE_END && (va & (PAGE_SIZE - 1)) == 0;
}

int
pt_space_create (struct pt_space *s, const struct pt_alloc *a)
{
  paddr_t root = new_table (a);
  if (!root)
    return PT_ENOMEM;
  memcpy (table (root) + KERNEL_HALF, boot_pml4 + KERNEL_HALF,
          KERNEL_HALF * sizeof (uint64_t));
  s->root = root;
  s->ntables = 1;
  s->nmapped = 0;
  return PT_OK;
}

static void
free_level (const struct pt_alloc *a, paddr_t t, int level, uint64_t *n)
{
  if (level > 0)
    {
      uint64_t *e = table (t);
      for (unsigned i = 0; i < 512; i++)
        if (e[i] & PTE_P)
          free_level (a, e[i] & PTE_ADDR, level - 1, n);
    }
  a->free_table (a->ctx, t);
  ++*n;
}

void
pt_space_destroy (struct pt_space *s, const struct pt_alloc *a)
{
  pt_unmap_gen++;
  if (!s->root)
    return;
  if (pt_is_current (s))
    pt_activate (NULL);
  uint64_t freed = 0;
  uint64_t *pml4 = table (s->root);
  for (unsigned i = 0; i < KERNEL_HALF; i++)
    if (pml4[i] & PTE_P)
      free_level (a, pml4[i] & PTE_ADDR, LEVELS - 2, &freed);
  a->free_table (a->ctx, s->root);
  freed++;
  assert (freed == s->ntables);
  s->root = 0;
  s->ntables = 0;
  s->nmapped = 0;
}

void
pt_space_clear (struct pt_space *s, const struct pt_alloc *a)
{
  pt_unmap_gen++;
  if (!s->root)
    return;
  uint64_t freed = 0;
  uint64_t *pml4 = table (s->root);
  for (unsigned i = 0; i < KERNEL_HALF; i++)
    if (pml4[i] & PTE_P)
      {
        free_level (a, pml4[i] & PTE_ADDR, LEVELS - 2, &freed);
        pml4[i] = 0;
      }
  assert (freed + 1 == s->ntables);
  s->ntables = 1;
  s->nmapped = 0;
  /* Every user translation must go: reload CR3 (user entries are never
     global).  */
  if (pt_is_current (s))
    write_cr3 (read_cr3 ());
}

/* The leaf entry for VA, or NULL if a table on the way is missing.  */
static uint64_t *
leaf (const struct pt_space *s, uint64_t va)
{
  uint64_t *t = table (s->root);
  for (int level = LEVELS - 1; level > 0; level--)
    {
      uint64_t e = t[index_at (va, level)];
      if (!(e & PTE_P))
        return NULL;
      t = table (e & PTE_ADDR);
    }
  return &t[index_at (va, 0)];
}

static void
flush (const struct pt_space *s, uint64_t va)
{
  if (pt_is_current (s))
    invlpg (va);
}

int
pt_map (struct pt_space *s, const struct pt_alloc *a, uint64_t va, paddr_t pa,
        unsigned flags)
{
  if (!user_page (va) || (pa & ~PTE_ADDR) != 0 || pa == 0)
    return PT_EINVAL;

  /* Count and take every missing table first, so that a failure leaves
     S exactly as it was.  */
  paddr_t fresh[LEVELS - 1];
  int need = 0;
  uint64_t *t = table (s->root);
  for (int level = LEVELS - 1; level > 0; level--)
    {
      uint64_t e = t[index_at (va, level)];
      if (!(e & PTE_P))
        {
          need = level;
          break;
        }
      t = table (e & PTE_ADDR);
    }
  for (int i = 0; i < need; i++)
    {
      fresh[i] = new_table (a);
      if (!fresh[i])
        {
          while (i-- > 0)
            a->free_table (a->ctx, fresh[i]);
          return PT_ENOMEM;
        }
    }

  int used = 0;
  t = table (s->root);
  for (int level = LEVELS - 1; level > 0; level--)
    {
      uint64_t *e = &t[index_at (va, level)];
      if (!(*e & PTE_P))
        {
          assert (used < need);
          *e = fresh[used++] | PTE_P | PTE_W | PTE_U;
        }
      t = table (*e & PTE_ADDR);
    }
  assert (used == need);
  s->ntables += (uint64_t)need;

  uint64_t *l = &t[index_at (va, 0)];
  uint64_t old = *l;
  *l = pa | PTE_P | (flags & PT_WRITE ? PTE_W : 0)
       | (flags & PT_USER ? PTE_U : 0) | (flags & PT_EXEC ? 0 : PTE_NX);
  if (old & PTE_P)
    {
      pt_unmap_gen++;
      flush (s, va);
    }
  else
    s->nmapped++;
  return PT_OK;
}

paddr_t
pt_unmap (struct pt_space *s, uint64_t va)
{
  if (!user_page (va))
    return 0;
  uint64_t *l = leaf (s, va);
  if (!l || !(*l & PTE_P))
    return 0;
  paddr_t old = *l & PTE_ADDR;
  *l = 0;
  s->nmapped--;
  pt_unmap_gen++;
  flush (s, va);
  return old;
}

static unsigned
flags_of (uint64_t e)
{
  return (e & PTE_W ? PT_WRITE : 0) | (e & PTE_U ? PT_USER : 0)
         | (e & PTE_NX ? 0 : PT_EXEC);
}

void
pt_probe (const struct pt_space *s, uint64_t va, struct pt_probe *p)
{
  *p = (struct pt_probe){ 0, LEVELS - 1, 0, 0 };
  if (!s->root || va >= USER_SPACE_END)
    return;
  uint64_t *t = table (s->root);
  paddr_t pa = s->root;
  for (int level = LEVELS - 1; level > 0; level--)
    {
      uint64_t e = t[index_at (va, level)];
      if (!(e & PTE_P))
        {
          p->need = (unsigned)level;
          return;
        }
      pa = e & PTE_ADDR;
      t = table (pa);
    }
  p->table = pa;
  p->need = 0;
  uint64_t e = t[index_at (va, 0)];
  if (e & PTE_P)
    {
      p->pa = e & PTE_ADDR;
      p->flags = flags_of (e);
    }
}

bool
pt_lookup (const struct pt_space *s, uint64_t va, paddr_t *pa, unsigned *flags)
{
  if (va >= USER_SPACE_END)
    return false;
  uint64_t *l = leaf (s, ALIGN_DOWN (va, (uint64_t)PAGE_SIZE));
  if (!l || !(*l & PTE_P))
    return false;
  if (pa)
    *pa = *l & PTE_ADDR;
  if (flags)
    *flags = flags_of (*l);
  return true;
}

bool
pt_leaf_table (const struct pt_space *s, uint64_t va, paddr_t *pt)
{
  if (!s->root || va >= USER_SPACE_END)
    return false;
  uint64_t *t = table (s->root);
  paddr_t pa = s->root;
  for (int level = LEVELS - 1; level > 0; level--)
    {
      uint64_t e = t[index_at (va, level)];
      if (!(e & PTE_P))
        return false;
      pa = e & PTE_ADDR;
      t = table (pa);
    }
  *pt = pa;
  return true;
}

bool
pt_test_clear_accessed (struct pt_space *s, uint64_t va)
{
  if (!s->root || !user_page (va))
    return false;
  uint64_t *l = leaf (s, va);
  if (!l || !(*l & PTE_P) || !(*l & PTE_A))
    return false;
  *l &= ~PTE_A;
  flush (s, va);
  return true;
}

paddr_t
pt_leaf_detach (struct pt_space *s, uint64_t va)
{
  if (!s->root || va >= USER_SPACE_END)
    return 0;
  uint64_t *t = table (s->root);
  for (int level = LEVELS - 1; level > 1; level--)
    {
      uint64_t e = t[index_at (va, level)];
      if (!(e & PTE_P))
        return 0;
      t = table (e & PTE_ADDR);
    }
  uint64_t *pde = &t[index_at (va, 1)];
  if (!(*pde & PTE_P))
    return 0;
  paddr_t leaf_pa = *pde & PTE_ADDR;
  for (unsigned i = 0; i < 512; i++)
    assert (!(table (leaf_pa)[i] & PTE_P));
  *pde = 0;
  assert (s->ntables > 1);
  s->ntables--;
  /* INVLPG also drops the paging-structure cache entries.  */
  flush (s, ALIGN_DOWN (va, 512ull * PAGE_SIZE));
  return leaf_pa;
}

uint64_t
pt_space_tables (const struct pt_space *s)
{
  return s->ntables;
}

bool
pt_is_current (const struct pt_space *s)
{
  return s && s->root && (read_cr3 () & PTE_ADDR) == s->root;
}

void
pt_activate (const struct pt_space *s)
{
  paddr_t root = s ? s->root : virt_to_phys (boot_pml4);
  assert (root);
  if ((read_cr3 () & PTE_ADDR) != root)
    write_cr3 (root);
}
