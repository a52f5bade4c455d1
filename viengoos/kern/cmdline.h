/* The kernel command line, parsed once at boot into KEY=VALUE options
   that any code can query.  A word without '=' is an option with an empty
   value.  Options the kernel does not know are reported with a warning,
   since a misspelt option silently ignored wastes an experiment.

   Known options (doc/building.md describes each):
     log=error|warn|info|debug   kernel log level (default info)
     test=NAME                   run system test NAME instead of the demo
     hz=N                        timer frequency in Hz (default 100)
     quota=N                     folios per module's activity (kern/rootload.c)
     policy=NAME                 eviction policy (mm/reclaim.h)
     reclaim_low=N reclaim_high=N  free-frame watermarks (mm/reclaim.h)
     age_ms=N age_batch=N        the ager's period and step (mm/ager.h)
     stats                       print memory statistics at exit
     entrystat                   time every kernel entry (entrystat.h)  */
#ifndef VG_CMDLINE_H
#define VG_CMDLINE_H

#include "types.h"

#define CMDLINE_MAX 1024
#define CMDLINE_MAX_OPTS 32

/* Parse S (copied; S may go away afterwards).  Returns the number of
   options, or -1 if the line was too long or had too many options, in
   which case the options that fit are kept.  */
int cmdline_parse (const char *s);

/* The value of KEY, "" for a bare word, or NULL if absent.  When a key
   appears twice the last one wins.  */
const char *cmdline_get (const char *key);

/* KEY as an unsigned decimal (or 0x hex) number.  Returns false, leaving
 *OUT alone, if KEY is absent or not a number.  */
bool cmdline_get_u64 (const char *key, uint64_t *out);

/* Parse a whole string as an unsigned number (decimal or 0x hex).  */
bool cmdline_parse_u64 (const char *s, uint64_t *out);

/* Names of options seen that no code declared known, for the boot log.
   Returns the count and fills at most MAX names.  */
int cmdline_unknown (const char **names, int max);

#endif
