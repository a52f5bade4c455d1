/* Eviction policies: one interface for the kernel's reclaimer and the
   host lab (benchmarks/lab/, doc/eviction-lab.md).

   How the reclaimer calls this.
   - At boot, `policy=NAME' is looked up with policy_find (); an unknown
     name is an error whose text lists policy_names ().  One policy runs
     for the whole boot.
   - Each activity embeds a struct policy_state; ops->init () runs when
     the activity is made.  A policy chooses victims within one activity
     only: which activity gives up frames is the reclaimer's share rule.
   - A frame becomes reclaimable (a data page is faulted in and charged):
     the caller sets the frame's hint fields (priority, discardable),
     then calls ops->add ().
   - The ager samples a set referenced bit: ops->referenced ().
   - A resident object's hint changes: the caller updates the frame's
     priority and discardable fields, then calls ops->hint_changed ()
     with the old hint.
   - A frame leaves the policy for any reason (evicted, discarded by its
     program, object destroyed): ops->remove ().
   - To reclaim: i = ops->victim (s, budget).  victim () only chooses: it
     may clear the policy's own reference bits and reorder its lists, but
     the frame stays in the policy until the reclaimer calls
     ops->remove () and evicts it.  If the reclaimer cannot take the
     victim (an important page with no backing store yet), it calls
     ops->remove () and ops->add (): the frame goes to the back, as if new.
   - Several calls of victim () between removes return the same frame
     unless a reference or hint change intervened.

   Bounds.  add, referenced, hint_changed and remove do O(1) work (the
   scan-resistant policy's ghost lookup is a fixed POLICY_GHOST_SIZE
   compares).  victim (s, max_steps) moves at most max_steps frames
   between or within lists (max_steps 0 counts as 1) and returns
   FRAME_NONE only if the policy holds no frame: when the budget runs
   out it returns the best candidate found so far (each policy's file
   says which).  The lab passes POLICY_STEPS_UNBOUNDED, for which every
   policy here finishes its scan after at most two passes over its
   frames.

   Frames.  A frame is a uint32_t index into a table of struct frame
   reached through policy_frame () from the environment header
   <policy-env.h> (viengoos/mm/env/ in the kernel, benchmarks/lab/env/ in
   the lab; chosen by include path).  From add () to remove () the policy
   owns the frame's prev and next links, its list byte (nonzero while
   the policy holds the frame, FRAME_LIST_NONE after remove ()), its age
   byte and its pad byte.  It reads priority and discardable and nothing
   else.  State lives only in struct policy_state and those bytes: a
   policy never allocates.  */
#ifndef VG_MM_POLICY_H
#define VG_MM_POLICY_H

#include <policy-env.h>

/* Per-activity policy state: opaque, fixed size, embedded in the
   activity.  Each policy casts it with POLICY_STATE.  */
#define POLICY_STATE_SIZE 256
struct policy_state
{
  _Alignas(8) unsigned char opaque[POLICY_STATE_SIZE];
};

#define POLICY_STATE(type, s)                                                 \
  ({                                                                          \
    _Static_assert(sizeof (type) <= POLICY_STATE_SIZE,                        \
                   #type " fits in struct policy_state");                     \
    (type *)(void *)(s)->opaque;                                              \
  })

/* An object's hint, as stored in its frame: lower PRIORITY is evicted
   first; DISCARDABLE pages cost no write when evicted.  */
struct policy_hint
{
  int8_t priority;
  uint8_t discardable;
};

#define POLICY_STEPS_UNBOUNDED UINT32_MAX

struct policy_ops
{
  const char *name;
  /* One line for the list of policies.  */
  const char *summary;
  void (*init) (struct policy_state *s);
  void (*add) (struct policy_state *s, uint32_t frame);
  void (*referenced) (struct policy_state *s, uint32_t frame);
  void (*hint_changed) (struct policy_state *s, uint32_t frame,
                        struct policy_hint old);
  void (*remove) (struct policy_state *s, uint32_t frame);
  uint32_t (*victim) (struct policy_state *s, uint32_t max_steps);
  /* Frames the policy holds.  */
  uint32_t (*count) (const struct policy_state *s);
};

/* Every policy, in the order policy_names () lists them.  */
extern const struct policy_ops *const policy_registry[];
extern const size_t policy_registry_count;

/* The policy called NAME, or NULL.  */
const struct policy_ops *policy_find (const char *name);

/* Write the known names, separated by spaces, NUL-terminated and
   truncated to SIZE.  Returns the length of the whole list (as
   snprintf does), so a caller can tell truncation.  */
size_t policy_names (char *buf, size_t size);

/* The policies (policy/<name>.c).  */
extern const struct policy_ops policy_viengoos_ops;
extern const struct policy_ops policy_fifo_ops;
extern const struct policy_ops policy_clock_ops;
extern const struct policy_ops policy_lruapprox_ops;
extern const struct policy_ops policy_s3fifo_ops;
extern const struct policy_ops policy_s3fifo_hint_ops;
extern const struct policy_ops policy_dfifo_ops;

#endif
