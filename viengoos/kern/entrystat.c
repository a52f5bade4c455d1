/* Entry statistics (see entrystat.h).  */
#include <arch/io.h>

#include "kern/cmdline.h"
#include "kern/entrystat.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "kstring.h"

bool entrystat_on;

/* One CPU, interrupts off while any of this runs.  */
static struct vg_entry_stats table;
static uint64_t open_t0;
static unsigned open_row;
static bool open;

void
entrystat_init (void)
{
  entrystat_on = cmdline_get ("entrystat") != NULL;
  if (entrystat_on)
    log_info ("entrystat", "timing every kernel entry (%u rows)",
              VG_ENTRY_ROWS);
}

uint64_t
entrystat_now (void)
{
  return arch_cycles ();
}

static void
file (unsigned row, uint64_t d)
{
  struct vg_entry_row *r = &table.row[row];
  r->count++;
  r->total += d;
  if (d > r->max)
    r->max = d;
}

void
entrystat_enter_on (unsigned row)
{
  assert (row < VG_ENTRY_ROWS);
  open_row = row;
  open = true;
  open_t0 = arch_cycles ();
}

void
entrystat_exit_on (void)
{
  uint64_t now = arch_cycles ();
  if (!open)
    return;
  open = false;
  file (open_row, now - open_t0);
}

void
entrystat_nested_on (unsigned row, uint64_t t0)
{
  assert (row < VG_ENTRY_ROWS);
  file (row, arch_cycles () - t0);
}

const struct vg_entry_stats *
entrystat_table (void)
{
  return &table;
}

void
entrystat_reset (void)
{
  memset (&table, 0, sizeof table);
}
