/* A cache workload recorded by the kernel (mm_trace), for the trace
   tests and the policy benchmark (doc/eviction-lab.md, "Kernel against
   lab").

     newlib_trace [PAGES [LIMIT [REFS [SEED [BUFFER [PAUSE [REFSOUT]]]]]]]

   A child activity with a frame limit of LIMIT data pages (plus the
   trace buffer of BUFFER frames it pays for) backs a discardable
   region of PAGES pages with a fill callback.  The program touches
   REFS pages chosen by a fixed pseudo-random mix (a hot set, a loop a
   little larger than the limit, and scans), checking every page's
   contents, so each miss is a fault the kernel resolves by taking a
   frame by its policy: the trace holds every fault, refault, ager
   sample and discard of the child.  Every PAUSE references (0: never)
   it waits for the next timer tick, so that the ager samples and the
   trace is sent while the workload runs.  With REFSOUT 1 it also sends
   the whole reference string (one page number a line) to the host as
   the file refs.txt (doc/host-channel.md), for the lab to replay every
   touch, not just those the kernel saw.  It prints the child's figures and
   exits 0 if every page read back right.  */
#include <hurd/anon.h>
#include <hurd/as.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/hostchan.h>
#include <vg/msg.h>
#include <vg/stubs.h>
#include <vg/syscall.h>

#define OWN VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)

static unsigned long
arg (int argc, char **argv, int i, unsigned long dflt)
{
  return i < argc ? strtoul (argv[i], NULL, 0) : dflt;
}

static uint64_t base;
static unsigned long fills;

static uint32_t
sig (uint64_t page, unsigned i)
{
  return (uint32_t)(page * 2654435761u + i * 40503u + 7);
}

static vg_error_t
fill (void *cookie, uint64_t addr, void *page)
{
  (void)cookie;
  uint64_t p = (addr - base) / 4096;
  uint32_t *w = page;
  for (unsigned i = 0; i < 1024; i += 64)
    w[i] = sig (p, i);
  fills++;
  return VG_OK;
}

static uint64_t rng;

static uint32_t
next (void)
{
  rng = rng * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(rng >> 33);
}

/* refs.txt, sent in VG_HOST_DATA_MAX chunks.  */
static char refs[VG_HOST_DATA_MAX];
static size_t refs_len;
static uint64_t refs_total;
static vg_error_t refs_err;

static void
refs_flush (void)
{
  if (refs_len && !refs_err)
    refs_err
        = vg_host_write (VG_HOST_FILE_DATA, "refs.txt", 8, refs, refs_len);
  refs_total += refs_len;
  refs_len = 0;
}

static void
put_ref (uint64_t p)
{
  if (refs_len + 24 > sizeof refs)
    refs_flush ();
  refs_len += (size_t)snprintf (refs + refs_len, sizeof refs - refs_len,
                                "%llu\n", (unsigned long long)p);
}

static vg_error_t
refs_end (void)
{
  refs_flush ();
  if (!refs_err)
    refs_err = vg_host_write (VG_HOST_FILE_END, "refs.txt", 8, &refs_total,
                              sizeof refs_total);
  return refs_err;
}

#define FAIL(...)                                                             \
  do                                                                          \
    {                                                                         \
      printf ("newlib_trace: " __VA_ARGS__);                                  \
      exit (1);                                                               \
    }                                                                         \
  while (0)

int
main (int argc, char **argv)
{
  unsigned long pages = arg (argc, argv, 1, 96);
  unsigned long limit = arg (argc, argv, 2, 40);
  unsigned long refs = arg (argc, argv, 3, 2000);
  rng = arg (argc, argv, 4, 1);
  unsigned long buffer = arg (argc, argv, 5, 48);
  unsigned long pause = arg (argc, argv, 6, 0);
  unsigned long refsout = arg (argc, argv, 7, 0);
  if (pages < 8 || limit < 2 || limit >= pages)
    FAIL ("bad arguments\n");

  vg_addr_t fslot, aslot, mslot;
  vg_error_t err = as_cap_slot_alloc (&fslot);
  if (!err)
    err = as_cap_slot_alloc (&aslot);
  if (!err)
    err = as_cap_slot_alloc (&mslot);
  if (!err)
    err = vg_folio_alloc (OWN, fslot);
  if (!err)
    err = vg_activity_create (fslot, 0, OWN, aslot);
  if (!err)
    err = vg_object_alloc (fslot, 1, VG_TYPE_MESSENGER, 64, mslot);
  if (err)
    FAIL ("no child activity: %d\n", (int)err);
  err = vg_mm_trace (aslot, VG_TRACE_START, (unsigned)buffer);
  if (err)
    FAIL ("mm_trace start: %d\n", (int)err);
  struct vg_activity_stats st;
  if ((err = vg_activity_stats (aslot, &st)))
    FAIL ("stats: %d\n", (int)err);
  if (st.frames_kernel != buffer)
    FAIL ("the buffer's %lu frames are not charged to the child (%lu)\n",
          buffer, (unsigned long)st.frames_kernel);
  struct vg_activity_policy pol = { .sibling = { 0, 1 },
                                    .child = { 0, 1 },
                                    .frame_limit = st.frames_local + limit,
                                    .cpu_sibling = { 0, 1 },
                                    .cpu_child = { 0, 1 } };
  if ((err = vg_activity_policy_set (aslot, &pol)))
    FAIL ("policy: %d\n", (int)err);

  struct anon_region *r;
  struct vg_object_policy disc = { .discardable = 1, .priority = 0 };
  err = anon_create (0, pages * 4096, ANON_WRITE, disc, fill, NULL, aslot, &r);
  if (err)
    FAIL ("anon_create: %d\n", (int)err);
  base = r->r.start;
  volatile uint32_t *m = (volatile uint32_t *)base;
  unsigned char *seen = calloc (pages, 1);
  unsigned long loop = limit + limit / 4, hot = limit / 2, bad = 0;
  unsigned long pos = 0, scan = 0;
  for (unsigned long k = 0; k < refs; k++)
    {
      if (pause && k % pause == pause - 1)
        {
          /* Sleep a tick: a receive nobody sends to times out (idle
             time costs no guest instructions under -icount).  */
          struct vg_msg msg = { .ncaps = 0, .reply = VG_ADDR_VOID };
          err = vg_messenger_receive (mslot, &msg, 10 * 1000 * 1000);
          if (err != VG_ETIMEDOUT)
            FAIL ("sleep: %d\n", (int)err);
        }
      uint32_t x = next () % 100;
      uint64_t p;
      if (x < 45)
        p = next () % hot; /* The hot set.  */
      else if (x < 85)
        p = hot + (pos++ % loop) % (pages - hot); /* A loop.  */
      else
        p = (scan++ * 7) % pages; /* A scan.  */
      if (refsout)
        put_ref (p);
      volatile uint32_t *w = m + p * 1024;
      if (!seen[p])
        {
          for (unsigned i = 0; i < 1024; i += 64)
            w[i] = sig (p, i);
          seen[p] = 1;
        }
      else
        for (unsigned i = 0; i < 1024; i += 64)
          bad += w[i] != sig (p, i);
    }
  if (refsout && (err = refs_end ()))
    FAIL ("refs.txt: %d\n", (int)err);
  if ((err = vg_mm_trace (aslot, VG_TRACE_STOP, 0)))
    FAIL ("mm_trace stop: %d\n", (int)err);
  if ((err = vg_activity_stats (aslot, &st)))
    FAIL ("stats: %d\n", (int)err);
  printf ("newlib_trace: pages %lu limit %lu refs %lu: refills %lu, "
          "discarded %lu, refaults %lu, resident %lu, bad words %lu\n",
          pages, limit, refs, fills, (unsigned long)st.discarded,
          (unsigned long)st.refaults, (unsigned long)st.frames_data, bad);
  if (st.frames_data > limit)
    FAIL ("%lu data pages resident over the limit %lu\n",
          (unsigned long)st.frames_data, limit);
  return bad ? 1 : 0;
}
