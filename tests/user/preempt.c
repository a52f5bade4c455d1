/* Preemption: two spinning threads both progress while this one busy-
   waits; their CPU time shows up in their activity's statistics; and
   XMM registers survive preemption between two threads using them.  */
#include <vg/activity.h>
#include <vg/error.h>

#include "vgtest.h"

int vgtest_failures;
int main (int argc, char **argv);

static uint8_t stacks[4][4096] __attribute__ ((aligned (16)));
static volatile uint64_t count[2];
static volatile int fpu_bad[2], fpu_done[2];

static void
spin0 (void)
{
  for (;;)
    count[0]++;
}

static void
spin1 (void)
{
  for (;;)
    count[1]++;
}

/* Hold V in xmm0 and xmm7 across a long spin (preempted meanwhile) and
   check it is still there.  */
static int
fpu_round (uint64_t v)
{
  uint64_t o0, o7;
  __asm__ volatile("movq %[v], %%xmm0\n\t"
                   "movq %[v], %%xmm7\n\t"
                   "mov $3000000, %%ecx\n"
                   "1:\n\t"
                   "dec %%ecx\n\t"
                   "jnz 1b\n\t"
                   "movq %%xmm0, %[o0]\n\t"
                   "movq %%xmm7, %[o7]"
                   : [o0] "=r"(o0), [o7] "=r"(o7)
                   : [v] "r"(v)
                   : "rcx", "xmm0", "xmm7", "cc");
  return o0 == v && o7 == v;
}

static void
fpu_worker (int me)
{
  for (uint64_t i = 0; i < 20; i++)
    if (!fpu_round (0x1111111111111111ull * (uint64_t)(me + 1) + i))
      fpu_bad[me]++;
  fpu_done[me] = 1;
  vg_thread_exit (0);
}

static void
fpu0 (void)
{
  fpu_worker (0);
}

static void
fpu1 (void)
{
  fpu_worker (1);
}

static uint64_t
now (void)
{
  uint64_t t = 0;
  vg_time (&t);
  return t;
}

int
main (int argc, char **argv)
{
  (void)argc;
  (void)argv;
  vg_addr_t folio = FREE_CAP (0), act = FREE_CAP (1);
  CHECK (vg_folio_alloc (ROOT_ACT, folio), VG_OK);
  CHECK (vg_activity_create (folio, 0, ROOT_ACT, act), VG_OK);
  void (*fns[4]) (void) = { spin0, spin1, fpu0, fpu1 };
  for (unsigned i = 0; i < 2; i++)
    {
      CHECK (vg_object_alloc (folio, 1 + i, VG_TYPE_THREAD, POLICY_DEFAULT,
                              FREE_CAP (2 + i)),
             VG_OK);
      CHECK (vgtest_start (FREE_CAP (2 + i), fns[i], stacks[i],
                           sizeof stacks[i], act),
             VG_OK);
    }
  /* Busy-wait 200 ms without yielding: only preemption lets them run.  */
  uint64_t t0 = now ();
  while (now () < t0 + 200000000ull)
    ;
  uint64_t c0 = count[0], c1 = count[1];
  vg_printf ("preempt: spinners counted %llu and %llu\n",
             (unsigned long long)c0, (unsigned long long)c1);
  CHECK (c0 > 0, 1);
  CHECK (c1 > 0, 1);
  struct vg_activity_stats st, rs;
  CHECK (vg_activity_stats (act, &st), VG_OK);
  CHECK (vg_activity_stats (ROOT_ACT, &rs), VG_OK);
  vg_printf ("preempt: child activity %llu ticks; root %llu local, %llu "
             "total\n",
             (unsigned long long)st.cpu_ticks,
             (unsigned long long)rs.cpu_ticks,
             (unsigned long long)rs.cpu_ticks_total);
  CHECK (st.cpu_ticks > 0, 1);
  CHECK (st.cpu_ticks_total, st.cpu_ticks);
  CHECK (rs.cpu_ticks > 0, 1);
  CHECK (rs.cpu_ticks_total >= rs.cpu_ticks + st.cpu_ticks, 1);
  for (unsigned i = 0; i < 2; i++)
    CHECK (vg_thread_exregs (FREE_CAP (2 + i), VG_EXREGS_STOP, NULL, NULL),
           VG_OK);

  for (unsigned i = 2; i < 4; i++)
    {
      CHECK (vg_object_alloc (folio, 1 + i, VG_TYPE_THREAD, POLICY_DEFAULT,
                              FREE_CAP (2 + i)),
             VG_OK);
      CHECK (vgtest_start (FREE_CAP (2 + i), fns[i], stacks[i],
                           sizeof stacks[i], act),
             VG_OK);
    }
  while (!fpu_done[0] || !fpu_done[1])
    vg_yield ();
  CHECK (fpu_bad[0], 0);
  CHECK (fpu_bad[1], 0);
  CHECK (vg_folio_free (folio), VG_OK);
  vg_printf ("preempt: %d failures\n", vgtest_failures);
  return vgtest_failures;
}
