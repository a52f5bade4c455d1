/* newlib + libhurd-mm + activations: anonymous memory paged by the
   program itself.  mmap/munmap; mprotect read-only and a write to it
   caught by the program's own handler; a discardable region with a
   fill callback, discarded with object_discard (madvise DONTNEED) and
   refilled in normal mode with exact contents; every register class
   and the red zone across an anonymous page fault; malloc gets ENOMEM
   at the activity's quota and the program runs on; exit status 3
   propagates (the system test expects it).  */
#include <act.h>
#include <stdarg.h>
#include <errno.h>
#include <hurd/anon.h>
#include <hurd/mm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/stubs.h>

#include "act_probe.h"

#include "nltest.h"

static volatile uint64_t ro_base;
static volatile unsigned ro_catches;

/* Writes to the read-only mapping: make it writable and retry.  */
static int
catch_ro (struct vg_act_event *ev, struct vg_act_regs *regs, bool normal)
{
  (void)regs;
  (void)normal;
  if (!ro_base || ev->addr < ro_base || ev->addr >= ro_base + 4096
      || !(ev->access & VG_ACT_WRITE))
    return ACT_DECLINED;
  ro_catches++;
  if (hurd_mm_mprotect ((void *)ro_base, 4096,
                        HURD_PROT_READ | HURD_PROT_WRITE))
    return ACT_DECLINED;
  return ACT_HANDLED;
}

static volatile unsigned fills;
static uint64_t fill_base;

static vg_error_t
fill (void *cookie, uint64_t addr, void *page)
{
  (void)cookie;
  fills++;
  uint32_t *w = page;
  for (unsigned i = 0; i < 1024; i++)
    w[i] = (uint32_t)((addr - fill_base) / 4096 * 7919 + i * 31 + 1);
  return VG_OK;
}

static int
say (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vprintf (fmt, ap);
  va_end (ap);
  return n;
}

int
main (void)
{
  /* mmap, touch (demand faults through activations), munmap.  */
  uint64_t f0 = act_stats.activated;
  /* Faulting accesses go through volatile pointers: the compiler must
     not move them past the reads of what the handlers changed.  */
  volatile uint8_t *m
      = hurd_mm_mmap (NULL, 16 * 4096, HURD_PROT_READ | HURD_PROT_WRITE,
                      HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  CHECK (m != HURD_MAP_FAILED, 1);
  for (int i = 0; i < 16; i++)
    m[i * 4096 + i] = (uint8_t)(i + 1);
  CHECK (act_stats.activated - f0, 16);
  int sum = 0;
  for (int i = 0; i < 16; i++)
    sum += m[i * 4096 + i];
  CHECK (sum, 136);
  CHECK (hurd_mm_munmap ((void *)m, 16 * 4096), 0);

  /* mprotect: a write to a read-only page is caught by our handler.  */
  CHECK (act_handler_add (VG_ACT_EV_FAULT, catch_ro), VG_OK);
  volatile uint8_t *r
      = hurd_mm_mmap (NULL, 4096, HURD_PROT_READ | HURD_PROT_WRITE,
                      HURD_MAP_PRIVATE | HURD_MAP_ANONYMOUS, -1, 0);
  r[5] = 42;
  CHECK (hurd_mm_mprotect ((void *)r, 4096, HURD_PROT_READ), 0);
  ro_base = (uint64_t)r;
  r[6] = 43;
  CHECK (ro_catches, 1);
  CHECK (r[5], 42);
  CHECK (r[6], 43);

  /* A discardable cache with a fill callback.  */
  struct vg_object_policy cache = { .discardable = 1, .priority = -10 };
  struct anon_region *c;
  CHECK (anon_create (0, 8 * 4096, ANON_WRITE, cache, fill, NULL, VG_ADDR_VOID,
                      &c),
         VG_OK);
  fill_base = c->r.start;
  volatile uint32_t *cw = (volatile uint32_t *)c->r.start;
  for (int p = 0; p < 8; p++)
    fill (NULL, c->r.start + p * 4096ull, (void *)(cw + p * 1024));
  fills = 0;
  uint64_t normal0 = act_stats.normal;
  CHECK (hurd_mm_madvise ((void *)(cw + 2048), 3 * 4096, HURD_MADV_DONTNEED),
         0);
  unsigned bad = 0;
  for (int p = 0; p < 8; p++)
    for (unsigned i = 0; i < 1024; i++)
      bad += cw[p * 1024 + i] != (uint32_t)(p * 7919 + i * 31 + 1);
  CHECK (bad, 0);
  CHECK (fills, 3);
  CHECK (act_stats.normal - normal0, 3);

  /* Registers across a fault that libhurd-mm resolves.  */
  struct anon_region *pr;
  struct vg_object_policy imp = { 0, 0 };
  CHECK (anon_create (PROBE_ADDR, 4096, ANON_WRITE, imp, NULL, NULL,
                      VG_ADDR_VOID, &pr),
         VG_OK);
  struct probe pb;
  memset (&pb, 0, sizeof pb);
  act_probe (&pb, PROBE_WRITE);
  CHECK (probe_check (&pb, say), 0);
  CHECK (*(volatile uint8_t *)PROBE_ADDR, 0x11);

  /* Quota: malloc gets ENOMEM, and we run on.  */
  vg_addr_t act = VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY);
  struct vg_activity_stats st;
  CHECK (vg_activity_stats (act, &st), VG_OK);
  struct vg_activity_policy pol = { .sibling = { 0, 1 },
                                    .child = { 0, 1 },
                                    .folio_quota = st.folios_total + 8 };
  CHECK (vg_activity_policy_set (act, &pol), VG_OK);
  void *big[64];
  int n = 0;
  errno = 0;
  while (n < 64 && (big[n] = malloc (1 << 20)) != NULL)
    n++;
  CHECK (n < 64, 1);
  CHECK (errno, ENOMEM);
  while (n > 0)
    free (big[--n]);
  pol.folio_quota = st.folio_quota;
  CHECK (vg_activity_policy_set (act, &pol), VG_OK);
  char *after = malloc (100);
  CHECK (after != NULL, 1);
  free (after);

  printf ("newlib_act_mm: %d failure(s)\n", failures);
  printf ("%s\n", failures == 0 ? "PASS" : "FAIL");
  /* 3 on success: the system test checks the status comes through.  */
  exit (failures == 0 ? 3 : 1);
}
