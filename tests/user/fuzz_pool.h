/* Shared by fuzz_syscalls.c (the supervisor) and fuzz_gen.c (the fuzz
   threads).  Slots of the boot cappage (FREE_CAP (i)):
     0 MAIN_FOLIO  the folio (from the root activity) holding the fuzz
                   activity (object 0) and the fuzz threads (1..NFUZZ)
     1 FUZZ_ACT    the fuzz threads' activity (quota FUZZ_QUOTA)
     2.. FUZZ_THREAD (i)
     STOCK0..      the stock: objects the fuzzers create and may destroy
     SINK0..       copies of protected caps (only ever read)
   Protected caps (boot caps, the slots above, the mappings of our own
   text, data and stacks) are never the target of a destructive call;
   caps from them are only copied into the sink, never into the stock or
   into messages, so nothing destructive ever reaches them.  */
#ifndef FUZZ_POOL_H
#define FUZZ_POOL_H

#include <libvg.h>
#include <vg/activation.h>
#include <vg/boot.h>
#include <vg/msg.h>

#define NFUZZ 2
#define FUZZ_QUOTA 6
#define MAIN_FOLIO VG_BOOT_CAP (VG_BOOT_CAP_FREE + 0)
#define FUZZ_ACT VG_BOOT_CAP (VG_BOOT_CAP_FREE + 1)
#define FUZZ_THREAD(i) VG_BOOT_CAP (VG_BOOT_CAP_FREE + 2 + (i))
#define STOCK0 (VG_BOOT_CAP_FREE + 20)
#define NSTOCK 64
#define SINK0 (STOCK0 + NSTOCK)
#define NSINK 8

struct fuzz_shared
{
  volatile uint64_t calls;  /* Calls issued by all fuzz threads.  */
  volatile uint64_t deaths; /* Fuzz threads restarted.  */
  volatile uint64_t last_nr;
  volatile uint64_t ipc;     /* IPC episodes (a call or a receive).  */
  volatile uint64_t replies; /* Reply caps received.  */
  volatile int stop;
  int verbose; /* argv[3]: print every call.  */
  uint64_t seed[NFUZZ];
  uint8_t *fstack[NFUZZ];
  uint8_t *astack[NFUZZ]; /* Activation-handler stacks.  */
};

extern struct fuzz_shared fz;

void fuzz_thread_main (uint64_t i) __attribute__ ((noreturn));
void fuzz_touch (void);

#endif
