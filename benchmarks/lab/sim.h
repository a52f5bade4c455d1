/* Replaying a trace through a policy, exact LRU and Belady's OPT.  */
#ifndef LAB_SIM_H
#define LAB_SIM_H

#include "mm/policy.h"
#include "trace.h"

struct lab_result
{
  uint64_t refs, misses;
  uint64_t evict_important; /* Each costs a write (and the refault a read). */
  uint64_t evict_discardable; /* Each costs only the refill on refault.  */
  double seconds;             /* CPU time of the replay (OPT: with its
                                 next-use precomputation).  */
};

/* I/O-weighted cost: every miss reads (or refills) a page; every
   important page evicted is written first.  */
static inline uint64_t
lab_cost (const struct lab_result *r)
{
  return r->misses + r->evict_important;
}

/* Replay T through OPS with FRAMES frames.  A hit calls referenced ()
   (and hint_changed () first if the reference carries a new hint); a
   miss evicts victim (POLICY_STEPS_UNBOUNDED) when all frames are in
   use, then add ()s the page.  If VICTIMS is not NULL, the dense id of
   every evicted page is stored there in order (room for T->n).  False
   only if out of memory.  */
bool lab_simulate (const struct policy_ops *ops, const struct lab_trace *t,
                   uint32_t frames, struct lab_result *r, uint32_t *victims);

/* Belady's OPT: evict the page whose next use is furthest away (never
   used again first).  NEXT from trace_next_use (T), or NULL to compute
   it (and count it in the time).  */
bool lab_opt (const struct lab_trace *t, const uint32_t *next, uint32_t frames,
              struct lab_result *r, uint32_t *victims);

/* Exact LRU, a policy over the same interface (host only: it needs
   every reference, which the kernel's ager only samples).  */
extern const struct policy_ops lab_lru_ops;

/* A lab policy by name: the kernel's registry, plus "lru".  ("opt" is
   not a policy_ops; callers check for it.)  */
const struct policy_ops *lab_policy_find (const char *name);

#endif
