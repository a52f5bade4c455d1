/* The register-preservation probe (act_probe.S) and its checker, shared
   by the libvg and newlib activation tests.  Include after a CHECK-like
   counter is available: probe_check returns the number of mismatches and
   prints each.  */
#ifndef ACT_PROBE_H
#define ACT_PROBE_H

#include <stdint.h>

#define PROBE_ADDR 0x5000000000ull
#define PROBE_UD2 0
#define PROBE_WRITE 1

struct probe
{
  uint64_t gpr[15]; /* rax rbx rcx rdx rsi rdi rbp r8..r15.  */
  uint64_t flags;
  uint64_t xmm[32];
  uint64_t red[16]; /* red[i] was at rsp - 128 + 8 i.  */
};
_Static_assert(sizeof (struct probe) == 512, "act_probe.S offsets");

void act_probe (struct probe *p, int kind);

static inline int
probe_check (const struct probe *p, int (*say) (const char *, ...))
{
  static const uint64_t want[15] = {
    0x1111111111111111ull, 0x2222222222222222ull, 0x3333333333333333ull,
    0x4444444444444444ull, 0x5555555555555555ull, 0x6666666666666666ull,
    0x7777777777777777ull, 0x8888888888888888ull, 0x9999999999999999ull,
    0xaaaaaaaaaaaaaaaaull, 0xbbbbbbbbbbbbbbbbull, 0xccccccccccccccccull,
    0xddddddddddddddddull, 0xeeeeeeeeeeeeeeeeull, 0xffffffffffffff0full,
  };
  int bad = 0;
  for (int i = 0; i < 15; i++)
    if (p->gpr[i] != want[i])
      bad++, say ("probe: gpr %d = %#lx, want %#lx\n", i,
                  (unsigned long)p->gpr[i], (unsigned long)want[i]);
  if ((p->flags & 0xfff) != 0xed7)
    bad++, say ("probe: rflags %#lx, want 0xed7\n", (unsigned long)p->flags);
  for (int i = 0; i < 16; i++)
    {
      uint64_t off = (uint64_t)i * 16;
      if (p->xmm[2 * i] != 0x0123456789abcdefull + off
          || p->xmm[2 * i + 1] != 0xfedcba9876543210ull - off - 8)
        bad++, say ("probe: xmm%d = %#lx:%#lx\n", i,
                    (unsigned long)p->xmm[2 * i + 1],
                    (unsigned long)p->xmm[2 * i]);
    }
  for (int i = 0; i < 14; i++)
    if (p->red[i] != 0x5252525252525200ull + 15 - (uint64_t)i)
      bad++, say ("probe: red zone slot %d = %#lx\n", i,
                  (unsigned long)p->red[i]);
  return bad;
}

#endif
