/* Booting the root task: boot module 0 becomes the first user program
   (see <vg/boot.h> for what it is given, doc/threads.md).  */
#ifndef VG_ROOTTASK_H
#define VG_ROOTTASK_H

#include "exec/thread.h"
#include "types.h"

/* Folios each module should get when the command line has no quota=.  */
#define ROOTTASK_QUOTA_DEFAULT 64

/* Load boot module 0 as the root task in storage of the root activity
   and start its thread (*OUT).  On error (no module, a malformed ELF,
   no memory) logs why, frees what it took and returns the error:
   VG_EVOID (no module), VG_EINVAL (bad image), VG_ENOMEM.  */
int roottask_boot (struct thread **out);

/* Boot the root task and run threads until its thread stops; *WHY and
   *CODE say how (VG_STOP_EXIT and the exit status, VG_STOP_FAULT and
   the vector, ...).  Returns roottask_boot's error, or VG_OK.  The boot
   context idles meanwhile.  */
int roottask_run (unsigned *why, int32_t *code);

#endif
