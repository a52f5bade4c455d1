/* Entry statistics (the `entrystat` boot option; <vg/entrystat.h> is the
   model): how long each kernel entry holds interrupts off, per row.
   A measurement aid for the bounded-work rule, off by default; when off
   each hook is one load and a branch.

   The single CPU runs at most one entry at a time, so one open stretch
   is kept: entrystat_enter (ROW) opens it where an entry begins
   (interrupts were on before it), entrystat_exit () closes and files it
   where interrupts come on again (the return to user mode, whichever
   thread takes it, and the idle loop's halt).  An exit with no open
   stretch is ignored; an enter while one is open restarts it (that
   happens only around the idle loop, between the iretq that returns to
   it and its cli).  Nested rows (entrystat_nested_*) time a part of an
   entry without closing it.  */
#ifndef VG_KERN_ENTRYSTAT_H
#define VG_KERN_ENTRYSTAT_H

#include <vg/entrystat.h>

#include "types.h"

extern bool entrystat_on; /* [I] after entrystat_init.  */

/* Boot: read the `entrystat' option.  */
void entrystat_init (void);

void entrystat_enter_on (unsigned row);
void entrystat_exit_on (void);
uint64_t entrystat_now (void);
void entrystat_nested_on (unsigned row, uint64_t t0);

static inline void
entrystat_enter (unsigned row)
{
  if (entrystat_on)
    entrystat_enter_on (row);
}

static inline void
entrystat_exit (void)
{
  if (entrystat_on)
    entrystat_exit_on ();
}

/* Time a nested part: T0 = entrystat_nested_begin (), then
   entrystat_nested_end (ROW, T0).  */
static inline uint64_t
entrystat_nested_begin (void)
{
  return entrystat_on ? entrystat_now () : 0;
}

static inline void
entrystat_nested_end (unsigned row, uint64_t t0)
{
  if (entrystat_on)
    entrystat_nested_on (row, t0);
}

/* The table (too big for a kernel stack: copy it out from here), and
   zeroing it.  */
const struct vg_entry_stats *entrystat_table (void);
void entrystat_reset (void);

#endif
