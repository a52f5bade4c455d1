/* The root task's address space, boot-info page and thread (see
   roottask.h).  Everything is made through the object store's cap
   entry points, in folios of the root activity.  */
#include <arch/boot.h>
#include <arch/context.h>
#include <arch/layout.h>
#include <arch/mm.h>
#include <vg/boot.h>

#include "obj/activity.h"
#include "mm/as.h"
#include "mm/reclaim.h"
#include "obj/cap.h"
#include "kern/cmdline.h"
#include "elf64.h"
#include "obj/folio.h"
#include "kstring.h"
#include "kern/log.h"
#include "obj/object.h"
#include "kern/rootload.h"
#include "exec/sched.h"

struct builder
{
  struct vg_cap folios[VG_BOOT_MAX_FOLIOS];
  unsigned nfolios, next;
  struct vg_cap root; /* The AS root cappage.  */
};

static struct builder b;

static int
new_object (uint8_t type, struct vg_cap *out)
{
  if (b.nfolios == 0 || b.next == VG_FOLIO_OBJECTS)
    {
      if (b.nfolios == VG_BOOT_MAX_FOLIOS)
        return VG_ENOMEM;
      struct vg_cap ac;
      activity_root_cap (&ac);
      int err = RECLAIM_RUN (folio_alloc_cap (&ac, &b.folios[b.nfolios]));
      if (err)
        return err;
      b.nfolios++;
      b.next = 0;
    }
  struct vg_object_policy p = { 0, 0 };
  unsigned slot = b.next++;
  return RECLAIM_RUN (object_alloc_cap (
      activity_root (), &b.folios[b.nfolios - 1], slot, type, p, out));
}

/* The slot ADDR names, making the cappages on the way.  */
static int
slot_at (vg_addr_t addr, struct vg_cap **slot)
{
  uint64_t va = vg_addr_va (addr);
  for (unsigned d = 1; d < vg_addr_depth (addr); d++)
    {
      uint64_t mask = (1ull << (VG_ADDR_VA_BITS - VG_ADDR_LEVEL_BITS * d)) - 1;
      struct vg_cap *s, c;
      int err = as_slot (&b.root, VG_ADDR (va & ~mask, d), true, &s);
      if (err)
        return err;
      if (s->type != VG_TYPE_VOID)
        continue;
      err = new_object (VG_TYPE_CAPPAGE, &c);
      if (err)
        return err;
      as_slot_store (s, &c);
    }
  return as_slot (&b.root, addr, true, slot);
}

/* Map a new page at VA holding N bytes from SRC (the rest zero).  */
static int
map_page (uint64_t va, const void *src, size_t n, bool writable)
{
  struct vg_cap pc, *slot;
  void *data;
  int err = new_object (VG_TYPE_PAGE, &pc);
  if (!err)
    err = RECLAIM_RUN (object_page_claim (&pc, true, &data));
  if (!err)
    err = slot_at (VG_ADDR (va, 4), &slot);
  if (err)
    return err;
  if (n)
    memcpy (data, src, n);
  if (!writable)
    pc.rights &= (uint8_t)~VG_RIGHT_WRITE;
  as_slot_store (slot, &pc);
  return VG_OK;
}

static int
load_segments (const uint8_t *image, const struct elf_image *img)
{
  for (unsigned i = 0; i < img->nsegments; i++)
    {
      const struct elf_segment *s = &img->segments[i];
      uint64_t fend = s->vaddr + s->filesz;
      for (uint64_t va = s->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
           va < s->vaddr + s->memsz; va += PAGE_SIZE)
        {
          /* Copy [max (va, vaddr), min (va + PAGE_SIZE, fend)).  */
          uint64_t lo = va < s->vaddr ? s->vaddr : va;
          uint64_t hi = va + PAGE_SIZE < fend ? va + PAGE_SIZE : fend;
          int err;
          if (hi > lo)
            {
              static uint8_t buf[PAGE_SIZE];
              memset (buf, 0, sizeof buf);
              memcpy (buf + (lo - va), image + s->offset + (lo - s->vaddr),
                      hi - lo);
              err = map_page (va, buf, PAGE_SIZE, s->flags & ELF_SEG_W);
            }
          else
            err = map_page (va, NULL, 0, s->flags & ELF_SEG_W);
          if (err)
            return err;
        }
    }
  return VG_OK;
}

static void
copy_str (char *dst, const char *src, size_t size)
{
  size_t n = strnlen (src, size - 1);
  memcpy (dst, src, n);
  dst[n] = 0;
}

/* The boot-info page and the other modules.  */
static int
load_info (struct vg_boot_info *bi)
{
  bi->magic = VG_BOOT_MAGIC;
  bi->abi_version = VG_ABI_VERSION;
  uint64_t q = ROOTTASK_QUOTA_DEFAULT;
  const char *qs = cmdline_get ("quota");
  if (qs && !cmdline_parse_u64 (qs, &q))
    log_warn ("roottask", "quota='%s' is not a number; using %lu", qs,
              (q = ROOTTASK_QUOTA_DEFAULT));
  bi->quota_default = q;
  bi->wall_seconds = boot_info.wall_seconds;
  copy_str (bi->cmdline, boot_info.modules[0].cmdline, sizeof bi->cmdline);
  uint64_t va = VG_BOOT_MODULES_VA;
  for (unsigned m = 1; m < boot_info.nmodules; m++)
    {
      const struct boot_module *bm = &boot_info.modules[m];
      uint64_t size = bm->end - bm->start;
      uint64_t pages = (size + PAGE_SIZE - 1) / PAGE_SIZE;
      if (bi->nmodules == VG_BOOT_MAX_MODULES
          || va + pages * PAGE_SIZE > VG_BOOT_MODULES_VA + VG_BOOT_MODULES_MAX)
        {
          log_error ("roottask", "module %u ('%s') does not fit: dropped", m,
                     bm->cmdline);
          continue;
        }
      size_t len = strnlen (bm->cmdline, VG_BOOT_MODULE_CMDLINE_MAX);
      if (len == VG_BOOT_MODULE_CMDLINE_MAX)
        {
          log_error ("roottask",
                     "module %u's command line is longer than %d bytes: "
                     "dropped ('%.40s...')",
                     m, VG_BOOT_MODULE_CMDLINE_MAX - 1, bm->cmdline);
          continue;
        }
      struct vg_boot_module *e = &bi->modules[bi->nmodules++];
      e->va = va;
      e->size = size;
      copy_str (e->cmdline, bm->cmdline, sizeof e->cmdline);
      const uint8_t *src = phys_to_virt (bm->start);
      for (uint64_t off = 0; off < size; off += PAGE_SIZE, va += PAGE_SIZE)
        {
          int err = map_page (va, src + off,
                              size - off < PAGE_SIZE ? size - off : PAGE_SIZE,
                              false);
          if (err)
            return err;
        }
    }
  return VG_OK;
}

static int
build (const uint8_t *image, const struct elf_image *img, struct thread **out)
{
  static struct vg_boot_info bi;
  memset (&bi, 0, sizeof bi);
  struct vg_cap tc, caps, *slot;
  int err = new_object (VG_TYPE_CAPPAGE, &b.root);
  if (!err)
    err = load_segments (image, img);
  for (unsigned i = 0; !err && i < VG_BOOT_STACK_PAGES; i++)
    err = map_page (VG_BOOT_STACK_TOP - (i + 1) * PAGE_SIZE, NULL, 0, true);
  if (!err)
    err = load_info (&bi);
  if (!err)
    err = new_object (VG_TYPE_THREAD, &tc);
  if (!err)
    err = new_object (VG_TYPE_CAPPAGE, &caps);
  if (!err)
    err = slot_at (VG_ADDR (VG_BOOT_CAPS_VA, 1), &slot);
  if (!err)
    {
      as_slot_store (slot, &caps);
      /* The last folio may still be taken by the boot-info page.  */
      err = map_page (VG_BOOT_INFO_VA, NULL, 0, false);
    }
  if (err)
    return err;
  bi.nfolios = b.nfolios;
  struct vg_cap c;
  activity_root_cap (&c);
  const struct vg_cap *fixed[4] = { &c, &tc, &b.root, &caps };
  for (unsigned i = 0; i < 4 + b.nfolios; i++)
    {
      err = as_slot (&b.root, VG_BOOT_CAP (i), true, &slot);
      if (err)
        return err;
      as_slot_store (slot, i < 4 ? fixed[i] : &b.folios[i - 4]);
    }
  /* Fill the (read-only) boot-info page through its cap.  */
  err = as_slot (&b.root, VG_ADDR (VG_BOOT_INFO_VA, 4), false, &slot);
  if (err)
    return err;
  void *data;
  struct vg_cap wc = *slot;
  wc.rights |= VG_RIGHT_WRITE; /* The kernel's own view.  */
  if (!err)
    err = RECLAIM_RUN (object_page_claim (&wc, true, &data));
  if (err)
    return err;
  memcpy (data, &bi, sizeof bi);

  struct thread *t;
  err = thread_from_cap (&tc, 0, &t);
  if (err)
    return err;
  t->aspace = b.root;
  t->activity = c;
  t->regs.rip = img->entry;
  t->regs.rsp = VG_BOOT_STACK_TOP;
  t->regs.rdi = VG_BOOT_INFO_VA;
  t->regs.rflags = RFLAGS_IF | RFLAGS_RESERVED;
  sched_start (t);
  *out = t;
  return VG_OK;
}

int
roottask_boot (struct thread **out)
{
  if (boot_info.nmodules == 0)
    {
      log_error ("roottask", "no boot module: no root task");
      return VG_EVOID;
    }
  const struct boot_module *m = &boot_info.modules[0];
  const uint8_t *image = phys_to_virt (m->start);
  static struct elf_image img;
  if (elf_parse (image, m->end - m->start, &img) != ELF_OK)
    {
      char why[96];
      elf_describe_error (&img, why, sizeof why);
      log_error ("roottask", "module 0 ('%s') rejected: %s", m->cmdline, why);
      return VG_EINVAL;
    }
  memset (&b, 0, sizeof b);
  int err = build (image, &img, out);
  if (err)
    {
      log_error ("roottask", "cannot build the root task: error %d", err);
      for (unsigned i = 0; i < b.nfolios; i++)
        folio_free_cap (NULL, &b.folios[i]);
      return err;
    }
  log_info ("roottask", "'%s' started: entry %#lx, %u folios", m->cmdline,
            img.entry, b.nfolios);
  return VG_OK;
}

static struct thread *watched;

static bool
root_stopped (void)
{
  return sched_watched ().stopped;
}

int
roottask_run (unsigned *why, int32_t *code)
{
  int err = roottask_boot (&watched);
  if (err)
    return err;
  sched_watch (watched);
  sched_idle_until (root_stopped);
  struct sched_watch w = sched_watched ();
  sched_watch (NULL);
  *why = w.why;
  *code = w.code;
  log_info ("roottask", "root thread stopped: why %u, code %d", *why, *code);
  return VG_OK;
}
