/* kmain: the boot sequence, from boot.S's jump to the higher half to the
   root task or the system test chosen on the command line.  */
#include <arch/boot.h>
#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/machine.h>
#include <arch/mm.h>
#include <arch/protect.h>
#include <arch/syscall.h>
#include <arch/timer.h>
#include <arch/trap.h>

#include "obj/activity.h"
#include "dev/blk.h"
#include "mm/swap.h"
#include "mm/bootmem.h"
#include "kern/cmdline.h"
#include "kern/entrystat.h"
#include "kern/exitcode.h"
#include "kern/hostchan.h"
#include "obj/frame.h"
#include "kern/log.h"
#include "mm/memmap.h"
#include "kern/panic.h"
#include "pic.h"
#include "mm/pmm.h"
#include "kern/rootload.h"
#include "exec/sched.h"
#include "rtc.h"
#include "serial.h"
#include "sys/sys.h"
#include "kern/test.h"
#include "mm/reclaim.h"
#include <vg/exregs.h>

#define BOOT_LIMIT (4ull << 30) /* What boot.S mapped.  */

static struct memmap memmap;

void kmain (uint32_t magic, uint32_t mbi);

static const char *
type_name (uint32_t t)
{
  switch (t)
    {
    case 1:
      return "available";
    case 3:
      return "ACPI reclaimable";
    case 4:
      return "ACPI NVS";
    case 5:
      return "bad memory";
    default:
      return "reserved";
    }
}

static void
memory_init (void)
{
  log_info ("mm", "firmware memory map, %u entries:", boot_info.nentries);
  for (unsigned i = 0; i < boot_info.nentries; i++)
    {
      const struct memmap_entry *e = &boot_info.entries[i];
      if (e->len == 0)
        log_info ("mm", "  %016lx (empty) %s", e->base, type_name (e->type));
      else
        log_info ("mm", "  %016lx-%016lx %s", e->base, e->base + e->len - 1,
                  type_name (e->type));
    }
  for (unsigned i = 0; i < boot_info.nreserved; i++)
    log_debug ("mm", "  kernel reserves %016lx-%016lx",
               boot_info.reserved[i].start, boot_info.reserved[i].end - 1);
  memmap_build (&memmap, boot_info.entries, boot_info.nentries,
                boot_info.reserved, boot_info.nreserved, 0);
  if (memmap.ignored)
    log_warn ("mm", "%u memory map entries ignored (empty or too many)",
              memmap.ignored);
  if (memmap.truncated)
    log_warn ("mm", "more than %d free ranges; the rest is unused",
              MEMMAP_MAX_RANGES);
  if (memmap.nfree == 0)
    panic ("no free memory to run in");
  uint64_t top = memmap.free[memmap.nfree - 1].end;

  bootmem_init (&memmap, BOOT_LIMIT);
  arch_mm_init (top);
  /* Frame descriptors cover every frame pmm may manage: pmm's range
     starts at or above the first free address left now.  */
  frame_init (memmap.free[0].start, top);
  activity_root_init ();
  pmm_init (&memmap);
  activity_root_grant ();
  for (unsigned i = 0; i < memmap.nfree; i++)
    log_info ("mm", "  free %016lx-%016lx (%lu KiB)", memmap.free[i].start,
              memmap.free[i].end - 1,
              (memmap.free[i].end - memmap.free[i].start) >> 10);
  log_info ("mm",
            "RAM %lu KiB; kernel boot pool %lu KiB; %lu frames free "
            "(%lu KiB)",
            memmap.available_bytes >> 10, bootmem_used () >> 10,
            pmm_free_frames (), pmm_free_frames () * (PAGE_SIZE >> 10));
  log_info ("mm", "root activity: quota %lu folios; kernel pool %lu frames",
            activity_root ()->policy.folio_quota, frame_kernel_pool ());
}

static void
run_root_task (void)
{
  if (boot_info.nmodules > 0)
    {
      unsigned why;
      int32_t code;
      int err = roottask_run (&why, &code);
      reclaim_print_stats ();
      if (err == VG_OK)
        kprintf ("Demo done: the root task's thread stopped (%s %d).\n",
                 why == VG_STOP_EXIT ? "exit status" : "reason", code);
      /* The root task's exit status becomes QEMU's (exitcode.h).  */
      if (err != VG_OK || why != VG_STOP_EXIT || code < 0
          || code > VG_EXIT_STATUS_MAX)
        arch_exit (VG_EXIT_FAIL);
      arch_exit (code == 0 ? VG_EXIT_PASS
                           : VG_EXIT_STATUS_BASE + (unsigned)code);
    }
  kprintf ("Demo: the timer runs; ten ticks follow.\n");
  cpu_sti ();
  uint64_t start = timer_ticks ();
  for (uint64_t seen = start; seen < start + 10;)
    {
      cpu_sti_halt ();
      if (timer_ticks () != seen)
        {
          seen = timer_ticks ();
          kprintf ("  tick %lu (%lu ms)\n", seen, arch_uptime_ms ());
        }
    }
  kprintf ("Demo done: the kernel booted, mapped memory and took timer "
           "interrupts.\n");
  arch_exit (VG_EXIT_PASS);
}

void
kmain (uint32_t magic, uint32_t mbi)
{
  serial_init ();
  kprintf ("\nViengoos/x86-64 research kernel, built " __DATE__ " " __TIME__
           "\n");
  bool mb_ok = multiboot_parse (magic, mbi);
  int n = cmdline_parse (boot_info.cmdline);
  log_init ();
  if (n < 0)
    log_warn ("boot", "command line too long or too many options; truncated");
  log_info ("boot", "command line: '%s'", boot_info.cmdline);
  boot_info.wall_seconds = rtc_read_seconds ();
  log_info ("boot", "wall clock (CMOS): %lu s since the epoch",
            (unsigned long)boot_info.wall_seconds);
  if (hostchan_init ())
    log_info ("boot", "host channel on COM2 (doc/host-channel.md)");
  const char *unknown[8];
  int nu = cmdline_unknown (unknown, 8);
  for (int i = 0; i < nu && i < 8; i++)
    log_warn ("boot", "unknown command-line option '%s' ignored", unknown[i]);
  if (!mb_ok)
    panic ("cannot boot without multiboot information");

  gdt_init ();
  idt_init ();
  syscall_init ();
  cpu_protect_init ();
  fpu_init ();
  memory_init ();
  bootmem_seal ();
  reclaim_init ();

  pic_init ();
  uint64_t hz = TIMER_DEFAULT_HZ;
  const char *hz_opt = cmdline_get ("hz");
  if (hz_opt && !cmdline_parse_u64 (hz_opt, &hz))
    log_warn ("boot", "hz='%s' is not a number", hz_opt);
  timer_init (hz > TIMER_MAX_HZ ? 0 : (unsigned)hz);
  blk_init ();
  /* The swap bitmap comes out of the root's grant.  */
  swap_init (blk_swap_dev ());
  activity_root_grant ();
  sched_init ();
  entrystat_init ();
  log_info ("boot", "kernel up; %u boot modules", boot_info.nmodules);

  const char *test = cmdline_get ("test");
  if (test && *test)
    test_run (test);
  run_root_task ();
}
