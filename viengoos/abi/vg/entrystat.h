/* Kernel entry statistics: a measurement aid for the bounded-work rule
   (doc/architecture.md, doc/performance.md).  With the boot option
   `entrystat' the kernel times every stretch it runs with interrupts
   off, from the entry (a system call, an exception or an interrupt
   taken while interrupts were on) to the next return to user mode or
   to the idle loop's halt, and files it under the entry's row: its
   longest and total duration in guest time-stamp-counter units (guest
   instructions under QEMU's -icount shift=0) and a count.  A stretch
   includes everything the entry led to before interrupts came on
   again: restarts' preemption points, a switch to another thread and
   that thread's way back to user mode.  The entry_stats call reads and
   optionally resets the table.  Without the option nothing is recorded
   and entry_stats fails with VG_ENOSYS.  */
#ifndef VG_ENTRYSTAT_H
#define VG_ENTRYSTAT_H

#include <stdint.h>

/* Rows.  A system call's row is its number (an unknown number, which
   fails with VG_ENOSYS, has one too).  */
#define VG_ENTRY_ROW_SYSCALLS 256
#define VG_ENTRY_ROW_PAGE_FAULT 256 /* A page fault from user mode.  */
#define VG_ENTRY_ROW_EXCEPTION 257  /* Any other exception from user mode.  */
#define VG_ENTRY_ROW_IRQ0                                                     \
  258 /* Interrupt N is row 258 + N; 0 is                                     \
         the timer.  */
#define VG_ENTRY_IRQS 16
/* Nested rows: part of an entry, timed on their own (the entry's row
   includes them too).  */
#define VG_ENTRY_ROW_RECLAIM_TICK                                             \
  274 /* The timer's reclaim_tick: the                                        \
         ager's step and the tick's                                           \
         reclaim pass.  */
#define VG_ENTRY_ROWS 276

/* entry_stats FLAGS.  */
#define VG_ENTRY_STATS_RESET 1u /* Zero the table after reading it.  */

struct vg_entry_row
{
  uint64_t count; /* Stretches (entries) filed here.  */
  uint64_t max;   /* The longest, in TSC units.  */
  uint64_t total; /* Their sum.  */
};

struct vg_entry_stats
{
  struct vg_entry_row row[VG_ENTRY_ROWS];
};

_Static_assert(sizeof (struct vg_entry_row) == 24, "vg_entry_row");
_Static_assert(sizeof (struct vg_entry_stats) == 24 * VG_ENTRY_ROWS,
               "vg_entry_stats");

#endif
