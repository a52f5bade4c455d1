/* Notices: discard runs, availability, ask before taking (see
   notice.h).  */
#include <vg/activation.h>

#include "kern/cmdline.h"
#include "mm/notice.h"
#include "mm/pmm.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/noticelist.h"
#include "exec/activation.h"
#include "exec/thread.h"
#include "kern/panic.h"

#define PRESSURE_MS_DEFAULT 20

static uint64_t now_ns;
static uint64_t pressure_ns = PRESSURE_MS_DEFAULT * 1000000ull;

void
notice_init (void)
{
  uint64_t ms;
  if (!cmdline_get_u64 ("pressure_ms", &ms))
    ms = PRESSURE_MS_DEFAULT;
  if (ms < 1)
    ms = 1;
  pressure_ns = ms * 1000000ull;
  if (pressure_ns > VG_NOTICE_DEADLINE_MAX_NS)
    pressure_ns = VG_NOTICE_DEADLINE_MAX_NS;
}

uint64_t
notice_pressure_ns (void)
{
  return pressure_ns;
}

unsigned
notice_asked_count (void)
{
  return noticelist_nasked ();
}

void
notice_record (struct activity *a, uint64_t oid)
{
  if (!(a->notice_events & VG_NOTICE_DISCARD))
    return;
  unsigned k = a->notice_nranges;
  noticelist_pend (a);
  if (k && a->notice_oid[k - 1] + a->notice_n[k - 1] == oid)
    a->notice_n[k - 1]++;
  else if (k < VG_NOTICE_RANGES)
    {
      a->notice_oid[k] = oid;
      a->notice_n[k] = 1;
      a->notice_nranges++;
    }
  else
    a->notice_overflow++;
}

struct activity *
notice_pop (void)
{
  return noticelist_pop ();
}

void
notice_requeue (struct activity *a)
{
  noticelist_pend (a);
}

void
notice_done (struct activity *a)
{
  a->notice_nranges = 0;
  a->notice_overflow = 0;
  a->notice_post = 0;
}

unsigned
notice_events (const struct activity *a, struct notice_event *out)
{
  unsigned n = 0;
  for (unsigned k = 0; k < a->notice_nranges; k++)
    out[n++] = (struct notice_event){
      VG_ACT_EV_DISCARDED,
      { a->notice_oid[k], a->notice_n[k],
        k + 1 == a->notice_nranges ? a->notice_overflow : 0 }
    };
  if (!a->notice_nranges && a->notice_overflow)
    out[n++] = (struct notice_event){ VG_ACT_EV_DISCARDED,
                                      { 0, 0, a->notice_overflow } };
  if (a->notice_post & NOTICE_POST_PRESSURE)
    out[n++] = (struct notice_event){ VG_ACT_EV_PRESSURE,
                                      { VG_ACT_PRESSURE_RECLAIM,
                                        a->notice_want, a->notice_deadline } };
  if (a->notice_post & NOTICE_POST_AVAIL)
    out[n++]
        = (struct notice_event){ VG_ACT_EV_PRESSURE,
                                 { VG_ACT_PRESSURE_AVAIL, a->notice_post_avail,
                                   a->frames_sum_total } };
  return n;
}

int
notice_cap (const struct vg_cap *activity, const struct vg_cap *thread,
            unsigned events, uint64_t threshold)
{
  struct activity *a;
  int err = activity_from_cap (activity, VG_RIGHT_WRITE, &a);
  if (err)
    return err;
  if (events & ~(VG_NOTICE_DISCARD | VG_NOTICE_AVAIL | VG_NOTICE_PRESSURE))
    return VG_EINVAL;
  if (threshold && !(events & VG_NOTICE_AVAIL))
    return VG_EINVAL;
  if (events)
    {
      err = cap_check (thread, VG_TYPE_THREAD, VG_RIGHT_WRITE);
      if (err)
        return err;
    }
  /* Invoke.  */
  bool was = noticelist_subscribed (a);
  if (events)
    a->notice_thread = *thread;
  else
    cap_void (&a->notice_thread);
  a->notice_events = events;
  a->notice_threshold = threshold;
  a->notice_avail_sent = UINT64_MAX; /* The first one goes out at once.  */
  a->notice_post &= (uint8_t)~NOTICE_POST_AVAIL;
  if (!(events & VG_NOTICE_PRESSURE))
    {
      noticelist_unask (a);
      a->notice_post &= (uint8_t)~NOTICE_POST_PRESSURE;
    }
  if (!was && noticelist_subscribed (a))
    noticelist_sub_link (a);
  else if (was && !noticelist_subscribed (a))
    noticelist_sub_unlink (a);
  return VG_OK;
}

uint64_t
notice_evictable (const struct activity *c, bool subtree)
{
  if (!c->notice_shield)
    return subtree ? c->evictable_total : c->evictable_local;
  if (!subtree)
    return c->notice_asked ? 0 : c->evictable_local;
  /* Some of C's subtree is shielded: at most NOTICE_ASKED_MAX requests,
     each checked up at most VG_ACTIVITY_DEPTH_MAX levels.  */
  uint64_t e = c->evictable_total;
  for (unsigned k = 0; k < noticelist_nasked (); k++)
    {
      const struct activity *x = noticelist_asked (k);
      while (x && x->depth > c->depth)
        x = x->parent;
      if (x == c)
        {
          uint64_t s = noticelist_asked (k)->evictable_local;
          e = e > s ? e - s : 0;
        }
    }
  return e;
}

bool
notice_ask (struct activity *v, uint64_t want)
{
  if (!(v->notice_events & VG_NOTICE_PRESSURE) || v->notice_asked
      || now_ns < v->notice_backoff
      || noticelist_nasked () == NOTICE_ASKED_MAX)
    return false;
  uint64_t n = want;
  if (n > VG_NOTICE_PRESSURE_MAX)
    n = VG_NOTICE_PRESSURE_MAX;
  if (n > v->evictable_local)
    n = v->evictable_local;
  if (n == 0)
    return false;
  noticelist_ask (v);
  v->notice_want = n;
  v->notice_deadline = now_ns + pressure_ns;
  v->notice_target = v->frames_sum_local - n;
  v->notice_post |= NOTICE_POST_PRESSURE;
  v->stats.pressure_requests++;
  noticelist_pend (v);
  return true;
}

unsigned
notice_pressure_tick (uint64_t now, struct notice_take *out)
{
  now_ns = now;
  unsigned n = 0;
  for (unsigned k = 0; k < noticelist_nasked ();)
    {
      struct activity *a = noticelist_asked (k);
      uint64_t held = a->frames_sum_local;
      if (held <= a->notice_target)
        {
          a->stats.pressure_met++;
          a->notice_misses = 0;
          noticelist_unask (a); /* Moves the last one to K.  */
          continue;
        }
      if (now_ns < a->notice_deadline)
        {
          k++;
          continue;
        }
      a->stats.pressure_missed++;
      if (a->notice_misses < 6)
        a->notice_misses++;
      a->notice_backoff = now_ns + (pressure_ns << a->notice_misses);
      uint64_t short_by = held - a->notice_target;
      if (short_by > a->notice_want)
        short_by = a->notice_want;
      noticelist_unask (a);
      out[n++] = (struct notice_take){ a, short_by };
    }
  return n;
}

void
notice_avail_tick (void)
{
  for (unsigned k = 0; k < NOTICE_AVAIL_PER_TICK; k++)
    {
      struct activity *a = noticelist_sub_next (k == 0);
      if (!a)
        break; /* None, or each visited once this tick.  */
      if (!(a->notice_events & VG_NOTICE_AVAIL))
        continue;
      uint64_t v = notice_available (a), last = a->notice_avail_sent;
      uint64_t d = v > last ? v - last : last - v;
      if (last != UINT64_MAX && d <= a->notice_threshold)
        continue;
      a->notice_avail_sent = v;
      a->notice_post_avail = v;
      a->notice_post |= NOTICE_POST_AVAIL;
      a->stats.avail_notices++;
      noticelist_pend (a);
    }
}

/* Fold a candidate holding HELD frames with share S into the sums for
   the candidate on the path, whose priority is PRIO.  */
static void
consider (const struct vg_activity_share *s, uint64_t held, int32_t prio,
          uint64_t *higher, uint64_t *weights)
{
  if (s->priority > prio)
    *higher += held;
  else if (s->priority == prio && held)
    *weights += s->weight;
}

uint64_t
notice_available (const struct activity *a)
{
  uint64_t r = pmm_total_frames ();
  const struct activity *x = activity_root ();
  if (x->policy.frame_limit && r > x->policy.frame_limit)
    r = x->policy.frame_limit;
  while (x != a)
    {
      const struct activity *c = a;
      while (c->parent != x)
        c = c->parent;
      const struct vg_activity_share *cs = &c->policy.sibling;
      uint64_t higher = 0, weights = cs->weight;
      consider (&x->policy.child, x->frames_sum_local, cs->priority, &higher,
                &weights);
      for (const struct activity *d = x->first_child; d; d = d->next_sibling)
        if (d != c)
          consider (&d->policy.sibling, d->frames_sum_total, cs->priority,
                    &higher, &weights);
      r = r > higher ? r - higher : 0;
      r = r * cs->weight / weights;
      if (c->policy.frame_limit && r > c->policy.frame_limit)
        r = c->policy.frame_limit;
      x = c;
    }
  return r;
}

/* Posting (see notice.h).  An
   activity whose subscriber's queue lacks room for all its events keeps
   them (runs merge, the rest is counted) for a later return to user
   mode; one whose subscriber is gone or has no area loses them.  */
void
notice_post_pending (void)
{
  struct activity *a, *later = NULL;
  while ((a = noticelist_pop ()))
    {
      struct thread *to;
      struct notice_event ev[NOTICE_EVENTS_MAX];
      unsigned n = notice_events (a, ev);
      if (thread_from_cap (&a->notice_thread, VG_RIGHT_WRITE, &to) == VG_OK
          && to->act.area)
        {
          if (VG_ACT_QUEUE_LEN - (unsigned)to->act.count < n)
            {
              a->notice_next = later;
              later = a;
              continue;
            }
          for (unsigned k = 0; k < n; k++)
            (void)activation_post (to, ev[k].type, ev[k].arg);
        }
      notice_done (a);
    }
  while (later)
    {
      a = later;
      later = a->notice_next;
      a->notice_next = NULL;
      notice_requeue (a);
    }
}

int
notice_activity_stats (const struct vg_cap *cap, struct vg_activity_stats *out)
{
  int err = activity_stats_cap (cap, out);
  if (err)
    return err;
  struct activity *a;
  err = activity_from_cap (cap, 0, &a);
  assert (err == VG_OK);
  out->available = notice_available (a);
  return VG_OK;
}
