/* Capability addresses: how a system call argument names a cap slot.

   A thread's capability space is a 4-level radix tree of cappages rooted
   in the thread.  A cappage holds 256 slots, so each level consumes 8 bits
   of a 44-bit user virtual address:

     level 1: VA bits 43..36    level 3: VA bits 27..20
     level 2: VA bits 35..28    level 4: VA bits 19..12

   A vg_addr_t names the slot reached by walking DEPTH levels (1..4) with
   the prefix of VA.  Bits 63..12 hold the VA (page aligned; only bits
   43..12 are used, and those below the named depth must be zero); bits
   3..0 hold the depth; bits 11..4 are zero.  Depth 4 names the slot that
   maps the page at VA, so the same tree serves as address space and cap
   space.  VG_ADDR_VOID (depth 0) names no slot; calls that take an
   optional cap accept it.

   A malformed address (depth > 4, nonzero reserved bits, VA bits beyond
   the depth or above bit 43) gives VG_EINVAL.  */
#ifndef VG_ADDR_H
#define VG_ADDR_H

#include <stdint.h>

typedef uint64_t vg_addr_t;

#define VG_ADDR_DEPTH_MAX 4
#define VG_ADDR_VA_BITS 44
#define VG_ADDR_LEVEL_BITS 8

/* The slot at DEPTH (1..4) on the path to VA.  */
#define VG_ADDR(va, depth)                                                    \
  ((vg_addr_t)(((uint64_t)(va) & ~(uint64_t)0xfff) | ((depth)&0xf)))

/* No slot.  */
#define VG_ADDR_VOID ((vg_addr_t)0)

static inline uint64_t
vg_addr_va (vg_addr_t a)
{
  return a & ~(uint64_t)0xfff;
}

static inline unsigned
vg_addr_depth (vg_addr_t a)
{
  return (unsigned)(a & 0xf);
}

/* The index into the cappage at LEVEL (1..4) for the address A.  */
static inline unsigned
vg_addr_index (vg_addr_t a, unsigned level)
{
  return (unsigned)(a >> (VG_ADDR_VA_BITS - VG_ADDR_LEVEL_BITS * level))
         & 0xff;
}

/* Whether A is well formed (VG_ADDR_VOID is).  */
static inline int
vg_addr_valid (vg_addr_t a)
{
  unsigned d = vg_addr_depth (a);
  if (a == VG_ADDR_VOID)
    return 1;
  if (d < 1 || d > VG_ADDR_DEPTH_MAX || (a & 0xff0) != 0)
    return 0;
  uint64_t used = VG_ADDR_VA_BITS - VG_ADDR_LEVEL_BITS * d;
  return (vg_addr_va (a) & ((((uint64_t)1) << used) - 1)) == 0
         && (a >> VG_ADDR_VA_BITS) == 0;
}

#endif
