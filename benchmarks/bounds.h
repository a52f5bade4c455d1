/* Shared by the parts of the bound benchmark (bounds.c: the framework
   and most scenarios; bounds_mem.c: the memory scenarios).  */
#ifndef BOUNDS_H
#define BOUNDS_H

#include <act.h>
#include <libvg.h>
#include <vg/activation.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/cap-info.h>
#include <vg/cap.h>
#include <vg/entrystat.h>
#include <vg/error.h>
#include <vg/hostchan.h>
#include <vg/exregs.h>
#include <vg/msg.h>
#include <vg/object.h>
#include <vg/syscall-trap.h>
#include <vg/syscall.h>

#define QUOTA 64 /* Folios: the kernel's default module quota.  */
#define ROOT_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define ASPACE VG_BOOT_CAP (VG_BOOT_CAP_ASPACE)
#define F(i) VG_BOOT_CAP (VG_BOOT_CAP_FREE + (i))
#define POLICY VG_OBJECT_POLICY_DEFAULT
#define FOREVER UINT64_MAX
#define MS 1000000ull

extern int failures;
#define CHECK(expr, want)                                                     \
  do                                                                          \
    {                                                                         \
      long long got_ = (long long)(expr);                                     \
      if (got_ != (long long)(want))                                          \
        {                                                                     \
          vg_printf ("bounds: FAIL line %d: %s = %lld, want %lld\n",          \
                     __LINE__, #expr, got_, (long long)(want));               \
          failures++;                                                         \
        }                                                                     \
    }                                                                         \
  while (0)

extern bool smoke;

/* Sizes: full, smoke.  */
#define SZ(full, small) (smoke ? (small) : (full))

/* Scenario activities.  Slot F(0) holds the folio of every scenario
   activity, F(1) the current one.  */
#define SFOLIO F (0)
#define SACT F (1)

/* A messenger nobody sends to: threads park on it (bounds.c).  */
#define PARK F (2)

void stats_report (const char *scenario);
void scenario_begin (const char *name);
void scenario_end (const char *name);
int start_thread (vg_addr_t thread, void (*fn) (void), vg_addr_t activity);
void park (void);
bool stopped (vg_addr_t thread);

/* The scenarios of bounds_mem.c.  */
void aliases (void);
void closure (void);
void reclaim (void);
/* FOLIOS folios of discardable pages touched by a thread of the
   scenario activity under a frame limit of LIMIT frames.  */
void touch_past_limit (unsigned folios, uint64_t limit);

#endif
