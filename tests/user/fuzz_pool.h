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
   into messages, so nothing destructive ever reaches them.

   Self-aimed calls (fuzz_gen.c self_aim) are the exception: a fuzz
   thread aims at what is its own and no one else's, and the supervisor
   records what became of it and restarts it (doc/abi.md "Calls that hit
   their caller").  Its own: its thread slot (MAIN_FOLIO object 1 + i),
   MAIN_FOLIO itself, FUZZ_ACT (object 0 of MAIN_FOLIO), and its region:
   level-1 slot OWN_L1 + i of our address space, built by the supervisor
   from MAIN_FOLIO objects OWN_SLOT0 (i)...: three cappages on the way
   (C2, C3, C4), then its stack, its activation-handler stack and its
   activation area, one page each slot.  */
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
#define OWN_L1 3
#define OWN_VA(i) ((uint64_t)(OWN_L1 + (i)) << 36)
#define OWN_SLOT0(i) (16 + 16 * (i)) /* C2, C3, C4, then the pages.  */
#define OWN_STACK_PAGES 4
#define OWN_ASTACK_PAGES 2
#define OWN_AREA_PAGE (OWN_STACK_PAGES + OWN_ASTACK_PAGES)
#define OWN_NPAGES (OWN_AREA_PAGE + 1)
#define OWN_PAGE_VA(i, k) (OWN_VA (i) + (uint64_t)(k)*4096)

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
  uint8_t *astack[NFUZZ];                 /* Activation-handler stacks.  */
  struct vg_activation_area *area[NFUZZ]; /* In the thread's own region.  */
  volatile uint64_t self_calls, self_ok, self_busy; /* Self-aimed calls.  */
};

extern struct fuzz_shared fz;

void fuzz_thread_main (uint64_t i) __attribute__ ((noreturn));
void fuzz_touch (void);

#endif
