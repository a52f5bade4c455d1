/* Codes the kernel writes to QEMU's isa-debug-exit port.  QEMU exits with
   (code << 1) | 1, so the harness sees 33, 35 and 37.  A status of 0
   (triple fault under -no-reboot) is always a failure.  Keep in sync with
   tools/run-test.  */
#ifndef VG_EXITCODE_H
#define VG_EXITCODE_H

#define VG_EXIT_PASS 0x10
#define VG_EXIT_FAIL 0x11
#define VG_EXIT_PANIC 0x12
/* `make run`: the root task exited with status N, 1 <= N <= 63 (status 0
   is VG_EXIT_PASS, anything else VG_EXIT_FAIL).  QEMU exits with
   129 + 2N; tools/run turns that back into N.  */
#define VG_EXIT_STATUS_BASE 0x40
#define VG_EXIT_STATUS_MAX 63

#endif
