/* Microbenchmarks of the kernel's primitives, in guest instructions per
   operation (see bench.h):
     syscall_null   a system call the kernel rejects at once (an unused
                    number): entry, decode, exit
     syscall_time   the time call: a real handler that writes to user
                    memory
     fault_map      the first touch of a page that is in the cap tree but
                    not in the hardware page tables: #PF, the kernel's
                    walk of the cap tree, claiming and zeroing the frame,
                    installing the mapping, resume
   Run by `make bench` as the root task.  */
#include <libvg.h>
#include <vg/boot.h>
#include <vg/cap.h>
#include <vg/object.h>
#include <vg/syscall-trap.h>

#include "bench.h"

#define ROUNDS 10000
#define PAGES 120
#define NULL_SYSCALL 250 /* Never defined: syscalls.def numbers < 100.  */
#define REGION 0x2000000000ull /* VG_BOOT_FREE_REGION's level-1 slot.  */
#define POLICY_DEFAULT VG_OBJECT_POLICY_DEFAULT

static uint64_t
empty_loop (unsigned n)
{
  uint64_t t0 = bench_tsc ();
  for (unsigned i = 0; i < n; i++)
    __asm__ volatile("" ::: "memory");
  return bench_tsc () - t0;
}

static void
bench_syscalls (void)
{
  uint64_t base = empty_loop (ROUNDS);
  uint64_t t0 = bench_tsc ();
  for (unsigned i = 0; i < ROUNDS; i++)
    if (vg_syscall_trap (NULL_SYSCALL, 0, 0, 0, 0, 0, 0) != VG_ENOSYS)
      vg_printf ("syscall_null: unexpected result\n");
  bench_report ("syscall_null", ROUNDS, bench_tsc () - t0 - base);

  uint64_t ns;
  t0 = bench_tsc ();
  for (unsigned i = 0; i < ROUNDS; i++)
    vg_time (&ns);
  bench_report ("syscall_time", ROUNDS, bench_tsc () - t0 - base);
}

/* Build a three-cappage path under the free level-1 slot and PAGES page
   objects at its leaves, none touched yet.  */
static int
build_region (void)
{
  vg_addr_t folio = VG_BOOT_CAP (VG_BOOT_CAP_FREE);
  vg_addr_t act = VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY);
  if (vg_folio_alloc (act, folio) != VG_OK)
    return -1;
  for (unsigned d = 1; d <= 3; d++)
    if (vg_object_alloc (folio, d - 1, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                         VG_ADDR (REGION, d))
        != VG_OK)
      return -1;
  for (unsigned i = 0; i < PAGES; i++)
    if (vg_object_alloc (folio, 3 + i, VG_TYPE_PAGE, POLICY_DEFAULT,
                         VG_ADDR (REGION + i * 4096ull, 4))
        != VG_OK)
      return -1;
  return 0;
}

static void
bench_faults (void)
{
  if (build_region () != 0)
    {
      vg_printf ("fault_map: could not build the region\n");
      return;
    }
  volatile uint64_t *p = (volatile uint64_t *)REGION;
  uint64_t t0 = bench_tsc ();
  for (unsigned i = 0; i < PAGES; i++)
    p[i * 512] = i;
  uint64_t first = bench_tsc () - t0;
  t0 = bench_tsc ();
  for (unsigned i = 0; i < PAGES; i++)
    p[i * 512] = i + 1;
  uint64_t again = bench_tsc () - t0;
  bench_report ("fault_map", PAGES, first - again);
}

int
main (void)
{
  bench_syscalls ();
  bench_faults ();
  return 0;
}
