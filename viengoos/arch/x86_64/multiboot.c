/* Multiboot v1 information parsing.  Everything the loader placed in
   memory (the info block, the map, strings, modules) is reserved so the
   frame allocator does not hand it out.  */
#include <arch/boot.h>
#include <arch/layout.h>
#include <arch/mm.h>

#include "kstring.h"
#include "kern/log.h"
#include "kern/panic.h"

#define MB_BOOT_MAGIC 0x2BADB002
#define MBI_MEM (1u << 0)
#define MBI_CMDLINE (1u << 2)
#define MBI_MODS (1u << 3)
#define MBI_MMAP (1u << 6)

struct mb_info
{
  uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
  uint32_t mods_count, mods_addr;
  uint32_t syms[4];
  uint32_t mmap_length, mmap_addr;
} __attribute__ ((packed));

struct mb_mmap
{
  uint32_t size;
  uint64_t addr, len;
  uint32_t type;
} __attribute__ ((packed));

struct mb_module
{
  uint32_t start, end, string, reserved;
};

struct boot_info boot_info;
extern char _kernel_end[];

static void
reserve (uint64_t start, uint64_t end)
{
  if (boot_info.nreserved < MEMMAP_MAX_RESERVED)
    boot_info.reserved[boot_info.nreserved++]
        = (struct memmap_range){ ALIGN_DOWN (start, (uint64_t)PAGE_SIZE),
                                 ALIGN_UP (end, (uint64_t)PAGE_SIZE) };
  else
    /* Handing out memory the loader filled would corrupt a module or the
       boot information: the table is sized for every reservation the
       kernel makes, so running out is a kernel bug.  */
    panic ("multiboot: too many reserved ranges; [%#lx, %#lx) would be "
           "handed out",
           (unsigned long)start, (unsigned long)end);
}

static void
reserve_string (uint32_t addr)
{
  const char *s = phys_to_virt (addr);
  reserve (addr, addr + strlen (s) + 1);
}

bool
multiboot_parse (uint32_t magic, paddr_t mbi)
{
  if (magic != MB_BOOT_MAGIC)
    {
      log_error ("boot", "bad multiboot magic %#x", magic);
      return false;
    }
  const struct mb_info *mi = phys_to_virt (mbi);
  boot_info.cmdline = "";

  /* Low memory (BIOS data, the EBDA, frame 0) and the kernel image.  */
  reserve (0, 0x100000);
  reserve (0x100000, (uint64_t)_kernel_end - KERNEL_VMA);
  reserve (mbi, mbi + sizeof *mi);

  if (mi->flags & MBI_CMDLINE)
    {
      boot_info.cmdline = phys_to_virt (mi->cmdline);
      reserve_string (mi->cmdline);
    }

  if (mi->flags & MBI_MMAP)
    {
      reserve (mi->mmap_addr, (uint64_t)mi->mmap_addr + mi->mmap_length);
      uint64_t p = mi->mmap_addr, end = p + mi->mmap_length;
      while (p + sizeof (struct mb_mmap) <= end)
        {
          const struct mb_mmap *m = phys_to_virt (p);
          if (boot_info.nentries < MEMMAP_MAX_ENTRIES)
            boot_info.entries[boot_info.nentries++]
                = (struct memmap_entry){ m->addr, m->len, m->type };
          p += m->size + 4;
        }
    }
  else if (mi->flags & MBI_MEM)
    {
      log_warn ("boot", "no memory map; using mem_lower/mem_upper");
      boot_info.entries[0]
          = (struct memmap_entry){ 0, mi->mem_lower * 1024ull, 1 };
      boot_info.entries[1]
          = (struct memmap_entry){ 0x100000, mi->mem_upper * 1024ull, 1 };
      boot_info.nentries = 2;
    }
  else
    {
      log_error ("boot", "the loader gave no memory information");
      return false;
    }

  if (mi->flags & MBI_MODS)
    {
      const struct mb_module *mods = phys_to_virt (mi->mods_addr);
      reserve (mi->mods_addr,
               mi->mods_addr + (uint64_t)mi->mods_count * sizeof *mods);
      for (uint32_t i = 0; i < mi->mods_count; i++)
        {
          if (i >= BOOT_MAX_MODULES)
            {
              log_error ("boot", "%u modules; only %u are used",
                         mi->mods_count, BOOT_MAX_MODULES);
              break;
            }
          struct boot_module *bm = &boot_info.modules[boot_info.nmodules++];
          bm->start = mods[i].start;
          bm->end = mods[i].end;
          bm->cmdline = mods[i].string ? phys_to_virt (mods[i].string) : "";
          reserve (bm->start, bm->end);
          if (mods[i].string)
            reserve_string (mods[i].string);
        }
    }
  return true;
}
