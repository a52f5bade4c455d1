/* While one thread waits for a page-in, a spinner in another activity
   keeps running.  This thread maps a region of important pages of low
   priority (-10, so the reclaimer takes them before anything else of
   ours) twice the size of free memory, writes it, then touches every
   page again: about half come back from the swap disk.  A spinner
   thread on a child activity counts in a loop.  For each touch the
   kernel's page-in count (mm_stats) says whether it waited for a read;
   the spinner's count says whether it ran meanwhile.

   Then system calls take their buffers from the region: for each page,
   activity_policy_set reads a policy from it, time writes the clock
   into another page, and messenger_send and messenger_receive (which
   find nobody waiting) read and check a message in two more.  A buffer on the
   swap disk must be read back for the call (the caller waits, as for its own
   touch), never VG_EFAULT: at least 100 of the calls must have waited for a
   page-in, and every call must succeed.  A page-in that waited by spinning in
   the kernel, or with interrupts off, would let the spinner run during almost
   none of them (this thread is in the kernel throughout, and the kernel is not
   preempted); waiting on a queue lets it run during nearly all.  The test
   wants it during at least half, over at least 100 page-ins, and every page's
   contents back.  */
#include <vg/activity.h>
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

#define F(i) FREE_CAP (i)
#define FOLIO F (0)        /* The activity, the spinner, the cappages.  */
#define CHILD F (1)        /* The spinner's activity.  */
#define SPINNER F (2)      /* The spinner thread.  */
#define MSGR F (3)         /* A messenger nobody receives on.  */
#define PAGE_FOLIO0 10     /* F (10) ...: folios of the region's pages.  */
#define MAX_FOLIOS 200     /* Up to F (209) (the boot cappage has 248).  */
#define RV 0x4000000000ull /* Level-1 slot 4 of our address space.  */

static uint8_t stack[8192] __attribute__ ((aligned (16)));
static volatile uint64_t count;

/* Count, and let this thread run as soon as it is woken (threads of
   equal priority otherwise take turns only at the end of a slice).  */
static void
spin (void)
{
  for (;;)
    {
      count++;
      vg_yield ();
    }
}

static uint64_t
word (uint64_t va, unsigned gen)
{
  return (va * 0x9e3779b97f4a7c15ull) ^ gen ^ 1;
}

static uint64_t
page_ins (void)
{
  struct vg_mm_stats ms;
  if (vg_mm_stats (&ms))
    return 0;
  return ms.swap.page_ins;
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  struct vg_mm_stats ms;
  CHECK (vg_mm_stats (&ms), VG_OK);
  CHECK (ms.swap.blocks > 0, 1); /* The registry gives us a disk.  */
  /* Up to MAX_FOLIOS folios of pages and 123 level-4 cappages (FOLIO's
     last slot holds the messenger).  */
  uint64_t n = 2 * ms.frames_free;
  if (n > (uint64_t)MAX_FOLIOS * VG_FOLIO_OBJECTS)
    n = (uint64_t)MAX_FOLIOS * VG_FOLIO_OBJECTS;
  if (n > 123 * 256)
    n = 123 * 256;
  uint64_t nfolios = (n + VG_FOLIO_OBJECTS - 1) / VG_FOLIO_OBJECTS;

  /* The spinner, on a child activity.  */
  CHECK (vg_folio_alloc (ROOT_ACT, FOLIO), VG_OK);
  CHECK (vg_activity_create (FOLIO, 0, ROOT_ACT, CHILD), VG_OK);
  CHECK (vg_object_alloc (FOLIO, 1, VG_TYPE_THREAD, POLICY_DEFAULT, SPINNER),
         VG_OK);
  CHECK (vg_object_alloc (FOLIO, VG_FOLIO_OBJECTS - 1, VG_TYPE_MESSENGER,
                          POLICY_DEFAULT, MSGR),
         VG_OK);

  /* The region: cappages at RV for levels 2 and 3, one for level 4 per
     256 pages, the pages at priority -10.  */
  const uint8_t low = vg_object_policy_encode (
      (struct vg_object_policy){ .discardable = 0, .priority = -10 });
  CHECK (vg_object_alloc (FOLIO, 2, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (RV, 1)),
         VG_OK);
  CHECK (vg_object_alloc (FOLIO, 3, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                          VG_ADDR (RV, 2)),
         VG_OK);
  for (uint64_t k = 0; k < nfolios; k++)
    CHECK (vg_folio_alloc (ROOT_ACT, F (PAGE_FOLIO0 + k)), VG_OK);
  for (uint64_t m = 0; m < (n + 255) / 256; m++)
    CHECK (vg_object_alloc (FOLIO, 4 + m, VG_TYPE_CAPPAGE, POLICY_DEFAULT,
                            VG_ADDR (RV + (m << 20), 3)),
           VG_OK);
  for (uint64_t i = 0; i < n; i++)
    if (vg_object_alloc (F (PAGE_FOLIO0 + i / VG_FOLIO_OBJECTS),
                         i % VG_FOLIO_OBJECTS, VG_TYPE_PAGE, low,
                         VG_ADDR (RV + (i << 12), 4)))
      {
        CHECK (i, n); /* Reports the first page that failed.  */
        return vgtest_failures;
      }
  CHECK (vgtest_start (SPINNER, spin, stack, sizeof stack, CHILD), VG_OK);

  const struct vg_activity_policy policy = {
    .sibling = { 0, 1 },
    .child = { 0, 1 },
  };
  for (uint64_t i = 0; i < n; i++)
    {
      volatile uint64_t *p = (volatile uint64_t *)(RV + (i << 12));
      p[0] = word ((uint64_t)p, 1);
      p[511] = word ((uint64_t)&p[511], 1);
      __builtin_memcpy ((void *)&p[8], &policy, sizeof policy);
    }
  uint64_t waits = 0, ran = 0, bad = 0;
  for (uint64_t i = 0; i < n; i++)
    {
      volatile uint64_t *p = (volatile uint64_t *)(RV + (i << 12));
      uint64_t pi = page_ins (), c = count;
      bad += p[0] != word ((uint64_t)p, 1)
             || p[511] != word ((uint64_t)&p[511], 1);
      uint64_t c2 = count;
      if (page_ins () != pi)
        {
          waits++;
          ran += c2 != c;
        }
    }
  uint64_t call_waits = 0, call_errors = 0;
  for (uint64_t i = 0; i < n; i++)
    {
      uint8_t *in = (uint8_t *)(RV + (i << 12));
      uint8_t *out = (uint8_t *)(RV + (((i + n / 2) % n) << 12));
      uint64_t pi = page_ins ();
      /* The policy sits past the pattern word of page I.  */
      call_errors += vg_activity_policy_set (
                         CHILD, (const struct vg_activity_policy *)(in + 64))
                     != VG_OK;
      call_errors += vg_time ((uint64_t *)(out + 192)) != VG_OK;
      /* Zeroed messages (no words, no caps) on two more pages: the
         calls read, check and give up at once (nobody waits).  */
      const uint8_t *sent = (const uint8_t *)(RV + (((i + n / 4) % n) << 12));
      uint8_t *got = (uint8_t *)(RV + (((i + 3 * n / 4) % n) << 12));
      call_errors
          += vg_messenger_send (MSGR, (const struct vg_msg *)(sent + 256), 0)
             != VG_ETIMEDOUT;
      call_errors
          += vg_messenger_receive (MSGR, (struct vg_msg *)(got + 512), 0)
             != VG_ETIMEDOUT;
      call_waits += page_ins () != pi;
    }
  CHECK (vg_thread_exregs (SPINNER, VG_EXREGS_STOP, NULL, NULL), VG_OK);
  vg_printf ("swap_spin: %llu pages, %llu touches waited for a page-in, "
             "the spinner ran during %llu of them; %llu pages wrong\n",
             (unsigned long long)n, (unsigned long long)waits,
             (unsigned long long)ran, (unsigned long long)bad);
  vg_printf ("swap_spin: %llu system calls waited for a buffer's page-in; "
             "%llu failed\n",
             (unsigned long long)call_waits, (unsigned long long)call_errors);
  CHECK (bad, 0);
  CHECK (waits >= 100, 1);
  CHECK (ran * 2 >= waits, 1);
  CHECK (call_errors, 0);
  CHECK (call_waits >= 100, 1);
  return vgtest_failures;
}
