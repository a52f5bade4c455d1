/* spawn: validate an ELF image, build a child activity and address
   space, start its thread; wait for it (see hurd/spawn.h and
   doc/roottask.md).  */
#include <hurd/spawn-fit.h>
#include <hurd/spawn.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/cap.h>
#include <vg/exregs.h>
#include <vg/object.h>
#include <vg/stubs.h>

#include <libvg.h>
#include <vgstart.h>

#include "elf64.h"
#include "vsnprintf.h"

#define PAGE 4096ull

int
spawn_init (struct spawn_env *env, vg_addr_t activity, vg_addr_t region,
            vg_addr_t folio_slot)
{
  if (vg_addr_depth (region) != 1)
    return VG_EINVAL;
  memset (env, 0, sizeof *env);
  env->activity = activity;
  env->region = region;
  env->folio_slot = folio_slot;
  uint64_t r = vg_addr_va (region);
  int err = vg_folio_alloc (activity, folio_slot);
  if (!err)
    err = vg_object_alloc (folio_slot, 0, VG_TYPE_CAPPAGE, 64, region);
  if (!err)
    err = vg_object_alloc (folio_slot, 1, VG_TYPE_CAPPAGE, 64, VG_ADDR (r, 2));
  if (!err)
    err = vg_object_alloc (folio_slot, 2, VG_TYPE_CAPPAGE, 64, VG_ADDR (r, 3));
  return err;
}

static int
load_segments (struct spawn_env *env, struct spawn_child *c,
               const uint8_t *image, const struct elf_image *img)
{
  for (unsigned i = 0; i < img->nsegments; i++)
    {
      const struct elf_segment *s = &img->segments[i];
      uint64_t fend = s->vaddr + s->filesz;
      for (uint64_t va = s->vaddr & ~(PAGE - 1); va < s->vaddr + s->memsz;
           va += PAGE)
        {
          uint64_t lo = va < s->vaddr ? s->vaddr : va;
          uint64_t hi = va + PAGE < fend ? va + PAGE : fend;
          const uint8_t *src = image + s->offset + (lo - s->vaddr);
          int err = spawn_page (env, c, va, src, hi > lo ? hi - lo : 0,
                                lo - va, (s->flags & ELF_SEG_W) != 0);
          if (err)
            return err;
        }
    }
  return VG_OK;
}

/* Give the child's activity the policy A asks for, with its frame
   limit if LIMIT.  The limit is set only once the child is built: it
   bounds what the program does, and the parent, which touches the
   child's pages while loading them, must not meet it.  */
static int
set_policy (struct spawn_child *c, const struct spawn_args *a, int limit)
{
  struct vg_activity_policy p;
  memset (&p, 0, sizeof p);
  p.sibling.priority = a->priority;
  p.sibling.weight = a->weight ? a->weight : 1;
  p.child.weight = 1;
  p.folio_quota = a->quota;
  p.frame_limit = limit ? a->frame_limit : 0;
  return vg_activity_policy_set (c->activity, &p);
}

/* The child's activity, record and fixed objects.  */
static int
create (struct spawn_env *env, const struct spawn_args *a,
        struct spawn_child *c)
{
  uint64_t r = vg_addr_va (env->region);
  vg_addr_t tmp = VG_ADDR (r + (4ull << 28), 2);
  unsigned n = env->nchildren;
  memset (c, 0, sizeof *c);
  c->index = n;
  c->activity = spawn_record_slot (env, n, VG_BOOT_CAP_ACTIVITY);
  c->thread = spawn_record_slot (env, n, VG_BOOT_CAP_THREAD);
  c->aspace = spawn_record_slot (env, n, VG_BOOT_CAP_ASPACE);
  c->caps = spawn_record_slot (env, n, VG_BOOT_CAP_CAPS);
  /* Activity and record live in the parent's workspace folio.  */
  int err
      = vg_activity_create (env->folio_slot, 3 + 2 * n, env->activity, tmp);
  if (!err)
    err = vg_object_alloc (env->folio_slot, 4 + 2 * n, VG_TYPE_CAPPAGE, 64,
                           VG_ADDR (r + ((uint64_t)(16 + n) << 28), 2));
  if (!err)
    err = vg_cap_copy (tmp, c->activity, VG_RIGHTS_ALL);
  vg_cap_clear (tmp);
  env->nchildren++;
  if (err)
    return err;
  err = set_policy (c, a, 0);
  if (!err)
    err = spawn_alloc (c, VG_TYPE_CAPPAGE, c->aspace);
  if (!err)
    err = spawn_alloc (c, VG_TYPE_CAPPAGE, c->caps);
  if (!err)
    err = spawn_alloc (c, VG_TYPE_THREAD, c->thread);
  return err;
}

/* Copy the data modules A passes into the child from
   VG_BOOT_MODULES_VA up and list them in BI.  */
static int
pass_files (struct spawn_env *env, struct spawn_child *c,
            const struct spawn_args *a, struct vg_boot_info *bi)
{
  uint64_t va = VG_BOOT_MODULES_VA;
  for (unsigned i = 0; i < a->nfiles; i++)
    {
      const struct vg_boot_module *f = &a->files[i];
      const uint8_t *src = (const uint8_t *)(uintptr_t)f->va;
      if (f->size > VG_BOOT_MODULES_VA + VG_BOOT_MODULES_MAX - va)
        return VG_ERANGE;
      bi->modules[i] = *f;
      bi->modules[i].va = va;
      for (uint64_t off = 0; off < f->size; off += PAGE)
        {
          size_t n = f->size - off < PAGE ? f->size - off : PAGE;
          int err = spawn_page (env, c, va + off, src + off, n, 0, 0);
          if (err)
            return err;
        }
      va += (f->size + PAGE - 1) & ~(PAGE - 1);
    }
  bi->nmodules = a->nfiles;
  return VG_OK;
}

/* The boot-info page, the start block and the boot cappage.  */
static int
boot_pages (struct spawn_env *env, struct spawn_child *c,
            const struct spawn_args *a)
{
  static struct vg_boot_info bi;
  static uint64_t block[VG_BOOT_START_SIZE / 8];
  size_t len = vg_start_block_build (block, sizeof block, VG_BOOT_START_VA,
                                     a->cmdline, NULL);
  if (len == 0)
    return VG_EINVAL;
  int err = spawn_page (env, c, VG_BOOT_START_VA, block, len, 0, 0);
  vg_addr_t dst;
  if (!err)
    err = spawn_child_slot (env, c, VG_BOOT_INFO_VA, 4, &dst);
  if (err)
    return err;
  memset (&bi, 0, sizeof bi);
  err = pass_files (env, c, a, &bi);
  if (err)
    return err;
  bi.magic = VG_BOOT_MAGIC;
  bi.abi_version = VG_ABI_VERSION;
  bi.quota_default = a->quota_default;
  bi.wall_seconds = a->wall_seconds;
  /* The page below may need one more folio.  */
  bi.nfolios = c->nfolios + (c->next == VG_FOLIO_OBJECTS);
  bi.ncaps = a->ncaps;
  size_t n = strnlen (a->cmdline, sizeof bi.cmdline - 1);
  memcpy (bi.cmdline, a->cmdline, n);
  err = spawn_page (env, c, VG_BOOT_INFO_VA, &bi, sizeof bi, 0, 0);
  if (err)
    return err;

  /* The boot cappage: the child's own caps, folios, passed caps.  */
  vg_addr_t caps_va = vg_addr_va (c->caps);
  for (unsigned i = 0; !err && i < 4 + c->nfolios; i++)
    err = vg_cap_copy (spawn_record_slot (env, c->index, i),
                       VG_ADDR (caps_va + ((uint64_t)i << 12), 4),
                       i == VG_BOOT_CAP_ACTIVITY ? VG_RIGHT_WRITE
                                                 : VG_RIGHTS_ALL);
  for (unsigned i = 0; !err && i < a->ncaps; i++)
    err = vg_cap_copy (
        a->caps[i],
        VG_ADDR (caps_va + ((uint64_t)(VG_BOOT_CAP_PASSED0 + i) << 12), 4),
        VG_RIGHTS_ALL);
  if (!err)
    err = spawn_child_slot (env, c, VG_BOOT_CAPS_VA, 1, &dst);
  if (!err)
    err = vg_cap_copy (c->caps, dst, VG_RIGHTS_ALL);
  return err;
}

static int
build (struct spawn_env *env, const struct spawn_args *a,
       struct spawn_child *c, const struct elf_image *img)
{
  int err = create (env, a, c);
  if (!err)
    err = load_segments (env, c, a->image, img);
  for (unsigned i = 0; !err && i < VG_BOOT_STACK_PAGES; i++)
    err = spawn_page (env, c, VG_BOOT_STACK_TOP - (i + 1) * PAGE, NULL, 0, 0,
                      1);
  if (!err)
    err = boot_pages (env, c, a);
  if (!err && a->frame_limit)
    err = set_policy (c, a, 1);
  if (err)
    return err;
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.regs.rip = img->entry;
  s.regs.rsp = VG_BOOT_STACK_TOP;
  s.regs.rflags = 0x202;
  s.regs.rdi = VG_BOOT_START_VA;
  s.regs.rsi = VG_START_MAGIC;
  s.regs.rdx = VG_BOOT_INFO_VA;
  s.aspace = c->aspace;
  s.activity = c->activity;
  return vg_thread_exregs (c->thread,
                           VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE
                               | VG_EXREGS_SET_ACTIVITY | VG_EXREGS_START,
                           &s, NULL);
}

const char *
spawn_limit_name (int err)
{
  switch (err)
    {
    case VG_EQUOTA:
      return ", its folio quota or an ancestor's";
    case VG_EFRAMES:
      return ", its frame limit or an ancestor's";
    case VG_ENOMEM:
      return ", no free frame in the machine";
    default:
      return "";
    }
}

int
spawn (struct spawn_env *env, const struct spawn_args *a,
       struct spawn_child *out, char *why, size_t whylen)
{
  static struct elf_image img;
  char dummy[1];
  if (why == NULL)
    {
      why = dummy;
      whylen = sizeof dummy;
    }
  why[0] = 0;
  if (a->cmdline == NULL || a->ncaps > VG_BOOT_MAX_PASSED
      || (a->ncaps && a->caps == NULL) || a->nfiles > VG_BOOT_MAX_MODULES
      || (a->nfiles && a->files == NULL) || a->priority < VG_PRIORITY_MIN
      || a->priority > VG_PRIORITY_MAX)
    {
      vg_snprintf (why, whylen, "bad arguments");
      return VG_EINVAL;
    }
  if (env->nchildren == SPAWN_MAX_CHILDREN)
    {
      vg_snprintf (why, whylen, "workspace full (%u children)",
                   SPAWN_MAX_CHILDREN);
      return VG_ERANGE;
    }
  if (elf_parse (a->image, a->size, &img) != ELF_OK)
    {
      elf_describe_error (&img, why, whylen);
      return VG_EINVAL;
    }
  int err = spawn_fit_segments (&img, why, whylen);
  if (err)
    return err;
  for (unsigned i = 0; a->nfiles && i < img.nsegments; i++)
    if (img.segments[i].vaddr + img.segments[i].memsz > VG_BOOT_MODULES_VA
        && img.segments[i].vaddr < VG_BOOT_MODULES_VA + VG_BOOT_MODULES_MAX)
      {
        vg_snprintf (why, whylen, "segment %u overlaps the data-module window",
                     i);
        return VG_EINVAL;
      }
  err = build (env, a, out, &img);
  if (err)
    {
      if (out->nfolios == SPAWN_MAX_FOLIOS && err == VG_ENOMEM)
        vg_snprintf (why, whylen,
                     "the image and its data modules need more than the "
                     "%u folios (%u MiB) a child is built from",
                     SPAWN_MAX_FOLIOS, SPAWN_MAX_FOLIOS / 2);
      else
        vg_snprintf (why, whylen,
                     "building the child failed: error %d%s "
                     "(%u folios used)",
                     err, spawn_limit_name (err), out->nfolios);
      vg_activity_destroy (out->activity);
      return err;
    }
  out->entry = img.entry;
  return VG_OK;
}

int
spawn_wait (const struct spawn_child *child, uint64_t timeout_ns,
            uint64_t *status)
{
  uint64_t start = 0, now = 0;
  vg_time (&start);
  for (;;)
    {
      struct vg_thread_state s;
      int err = vg_thread_exregs (child->thread, 0, NULL, &s);
      if (err)
        return err;
      if (VG_THREAD_STATUS_STATE (s.status) == VG_THREAD_STOPPED
          && VG_THREAD_STATUS_WHY (s.status) != VG_STOP_NEW)
        {
          *status = s.status;
          return VG_OK;
        }
      vg_time (&now);
      if (timeout_ns != UINT64_MAX && now - start >= timeout_ns)
        return VG_ETIMEDOUT;
      vg_yield ();
    }
}

int
spawn_destroy (const struct spawn_child *child)
{
  return vg_activity_destroy (child->activity);
}
