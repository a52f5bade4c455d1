/* The reclaimer: making room, the share rule, taking frames by policy,
   the watermarks (see reclaim.h).  */
#include "mm/reclaim.h"
#include "kern/cmdline.h"
#include "kern/log.h"
#include "mm/ager.h"
#include "mm/evict.h"
#include "mm/as.h"
#include "mm/notice.h"
#include "mm/pmm.h"
#include "mm/trace.h"
#include "obj/swapobj.h"
#include "obj/activity.h"
#include "obj/cap.h"
#include "obj/folio.h"
#include "obj/object.h"
#include "obj/room.h"

static uint64_t low, high;
static uint64_t age_ns = 100ull * 1000 * 1000, age_next;
static uint64_t age_batch = 512;
static bool pool_on = true;
static struct vg_mm_stats g; /* Counters only; reclaim_stats fills the rest. */

void
reclaim_test_pool (bool on)
{
  pool_on = on;
  room_set_pool (low, pool_on);
}

void
reclaim_test_watermarks (uint64_t l, uint64_t h)
{
  low = l;
  high = h;
  room_set_pool (low, pool_on);
}

static uint64_t
option (const char *key, uint64_t dflt)
{
  uint64_t v;
  return cmdline_get_u64 (key, &v) ? v : dflt;
}

void
reclaim_init (void)
{
  uint64_t total = pmm_total_frames ();
  uint64_t l = total / 64 < 16 ? 16 : total / 64;
  low = option ("reclaim_low", l);
  high = option ("reclaim_high", 2 * low);
  if (high < low)
    high = low;
  room_set_pool (low, pool_on);
  age_ns = option ("age_ms", 100) * 1000 * 1000;
  age_batch = option ("age_batch", 512);
  const char *name = cmdline_get ("policy");
  if (name && *name && !policy_find (name))
    {
      char names[128];
      policy_names (names, sizeof names);
      log_error ("reclaim", "policy=%s is unknown (known: %s)", name, names);
    }
  if (!policy_find (EVICT_DEFAULT_POLICY))
    log_warn ("reclaim", "no %s policy built in yet", EVICT_DEFAULT_POLICY);
  log_info ("reclaim",
            "policy %s; watermarks %lu/%lu free frames; ager every %lu ms",
            evict_policy ()->name, (unsigned long)low, (unsigned long)high,
            (unsigned long)(age_ns / 1000000));
  notice_init ();
}

void
reclaim_pool (uint64_t n)
{
  if (pool_on && room_pool_short (n))
    reclaim_pass (high + n, RECLAIM_CHUNK + n);
}

int
reclaim_room (struct activity *a, uint64_t n)
{
  struct activity *limiter = activity_frame_limiter (a, n);
  if (limiter)
    {
      a->stats.limit_hits++;
      /* A's own coldest tables first, then by share inside the limited
         subtree; each round frees something or gives up.  */
      for (unsigned t = 0; t < 4 && limiter; t++)
        {
          uint64_t over
              = limiter->frames_sum_total + n - limiter->policy.frame_limit;
          if (!as_shrink (a, over))
            {
              struct activity *v = reclaim_victim (limiter);
              if (!v || !reclaim_take (v, over))
                break;
            }
          limiter = activity_frame_limiter (a, n);
        }
      if (limiter)
        return VG_EFRAMES;
    }
  reclaim_pool (n);
  return VG_OK;
}

void
reclaim_serve (void)
{
  const struct room_request *q = room_wanted ();
  if (q->kind == ROOM_POOL)
    {
      reclaim_pool (q->n);
      room_answer (VG_OK);
    }
  else
    room_answer (reclaim_room (q->a, q->n));
}

static bool
passed_over (const struct activity *a, struct activity *const *skip,
             unsigned nskip)
{
  for (unsigned i = 0; i < nskip; i++)
    if (skip[i] == a)
      return true;
  return false;
}

/* The share rule's victim under TOP, passing over the NSKIP activities
   in SKIP as holders of their own frames (a childless one is no
   candidate at all).  */
static struct activity *
victim_except (struct activity *top, struct activity *const *skip,
               unsigned nskip)
{
  struct activity *x = top;
  if (!notice_evictable (x, true))
    return NULL;
  for (;;)
    {
      /* X itself as a pseudo-child with its child share.  Frames shielded
         by a pressure request (notice.h) count as not evictable.  */
      struct activity *best
          = notice_evictable (x, false) && !passed_over (x, skip, nskip)
                ? x
                : NULL;
      struct vg_activity_share bs = x->policy.child;
      uint64_t bh = x->frames_sum_local;
      for (struct activity *c = x->first_child; c; c = c->next_sibling)
        {
          if (!notice_evictable (c, true)
              || (!c->first_child && passed_over (c, skip, nskip)))
            continue;
          const struct vg_activity_share *cs = &c->policy.sibling;
          uint64_t ch = c->frames_sum_total;
          if (!best || cs->priority < bs.priority
              || (cs->priority == bs.priority
                  && ch * bs.weight > bh * cs->weight))
            {
              best = c;
              bs = *cs;
              bh = ch;
            }
        }
      if (!best)
        return NULL; /* Everything here was passed over.  */
      if (best == x)
        return x;
      x = best;
    }
}

struct activity *
reclaim_victim (struct activity *top)
{
  return victim_except (top, NULL, 0);
}

uint64_t
reclaim_take (struct activity *a, uint64_t n)
{
  const struct policy_ops *p = evict_policy ();
  uint64_t freed = 0, discarded = 0, dropped = 0, queued = 0;
  uint32_t skipped = FRAME_NONE;
  bool store_busy = false;
  for (uint64_t tries = 0; freed + queued < n && tries < n + RECLAIM_SKIP_MAX;
       tries++)
    {
      uint32_t i = p->count (&a->pstate)
                       ? p->victim (&a->pstate, RECLAIM_POLICY_STEPS)
                       : FRAME_NONE;
      /* Page tables rank as discardable frames of AS_FRAME_PRIORITY.  */
      if (a->cache_rmap.tail != FRAME_NONE
          && (i == FRAME_NONE || frame_get (i)->priority >= AS_FRAME_PRIORITY))
        {
          uint64_t got = as_shrink (a, 1);
          dropped += got;
          freed += got;
          if (got)
            continue;
          /* Only the warmest tables are left: take data instead.  */
        }
      if (i == FRAME_NONE)
        break;
      struct frame *fd = frame_get (i);
      if (!fd->discardable)
        {
          /* Important: to the backing store (obj/swapobj.h), or resident.
             A page written back or staying is set aside so the policy
             offers the next.  */
          enum swapobj_evict_result r
              = store_busy ? SWAPOBJ_BUSY
                           : swapobj_evict (frame_virt (fd->folio), fd->slot);
          if (r == SWAPOBJ_FREED)
            {
              freed++;
              continue;
            }
          queued += r == SWAPOBJ_QUEUED;
          store_busy |= r == SWAPOBJ_BUSY;
          p->remove (&a->pstate, i);
          fd->next = skipped;
          skipped = i;
          continue;
        }
      struct folio *f = frame_virt (fd->folio);
      assert (f->owner == a);
      notice_record (a, object_oid (f, fd->slot));
      trace_frame (i, VG_TRACE_DISCARD);
      object_reclaim_discard (f, fd->slot);
      discarded++;
      freed++;
    }
  while (skipped != FRAME_NONE)
    {
      struct frame *fd = frame_get (skipped);
      uint32_t next = fd->next;
      fd->next = FRAME_NONE;
      p->add (&a->pstate, skipped);
      skipped = next;
    }
  a->stats.reclaimed += freed;
  a->stats.discarded += discarded;
  g.reclaimed += freed;
  g.discarded += discarded;
  g.cache_dropped += dropped;
  return freed;
}

uint64_t
reclaim_pass (uint64_t want_free, uint64_t budget)
{
  g.reclaim_passes++;
  uint64_t freed = 0;
  struct activity *skip[RECLAIM_PASS_OVER];
  unsigned nskip = 0;
  while (freed < budget
         && pmm_free_frames () + swapobj_frames_pending () < want_free)
    {
      struct activity *v = victim_except (activity_root (), skip, nskip);
      if (!v)
        break;
      /* Ask first if V wants to be asked: it is shielded from now on,
         and the next walk finds another victim.  */
      uint64_t want = want_free - pmm_free_frames ();
      if (notice_ask (v, want < RECLAIM_VICTIM_CHUNK ? RECLAIM_VICTIM_CHUNK
                                                     : want))
        continue;
      uint64_t chunk = budget - freed;
      if (chunk > RECLAIM_VICTIM_CHUNK)
        chunk = RECLAIM_VICTIM_CHUNK;
      uint64_t got = reclaim_take (v, chunk);
      if (!got)
        {
          /* V gives nothing now (its important pages at its swap quota,
             say): the next victim by the same rule.  */
          if (nskip == RECLAIM_PASS_OVER)
            break;
          skip[nskip++] = v;
          continue;
        }
      freed += got;
    }
  return freed;
}

void
reclaim_notices (uint64_t now)
{
  struct notice_take take[NOTICE_ASKED_MAX];
  unsigned n = notice_pressure_tick (now, take);
  for (unsigned k = 0; k < n; k++)
    (void)reclaim_take (take[k].a, take[k].n);
  notice_avail_tick ();
}

void
reclaim_tick (uint64_t now)
{
  reclaim_notices (now);
  if (age_ns && now >= age_next)
    {
      ager_step (age_batch);
      age_next = now + age_ns;
    }
  if (pool_on && pmm_free_frames () < low)
    reclaim_pass (high, RECLAIM_TICK_BUDGET);
  tracebuf_pump ();
}

void
reclaim_stats (struct vg_mm_stats *out)
{
  *out = g;
  out->frames_total = pmm_total_frames ();
  out->frames_free = pmm_free_frames ();
  out->low_watermark = low;
  out->high_watermark = high;
  out->aged = ager_aged ();
  out->age_periods = ager_periods ();
  out->frames_pinned = activity_pinned_frames ();
  out->enomem = frame_enomem_count ();
  swapobj_mm_stats (&out->swap);
}

void
reclaim_print_stats (void)
{
  if (!cmdline_get ("stats"))
    return;
  struct vg_mm_stats m;
  reclaim_stats (&m);
  kprintf ("stats: frames %lu free %lu (watermarks %lu/%lu); reclaim "
           "passes %lu, frames %lu (discarded %lu, page tables %lu); "
           "aged %lu in %lu periods; pinned %lu; refused %lu; policy %s\n",
           (unsigned long)m.frames_total, (unsigned long)m.frames_free,
           (unsigned long)m.low_watermark, (unsigned long)m.high_watermark,
           (unsigned long)m.reclaim_passes, (unsigned long)m.reclaimed,
           (unsigned long)m.discarded, (unsigned long)m.cache_dropped,
           (unsigned long)m.aged, (unsigned long)m.age_periods,
           (unsigned long)m.frames_pinned, (unsigned long)m.enomem,
           evict_policy ()->name);
  swapobj_print_stats ();
  unsigned n = 0, depth = 0;
  for (const struct activity *a = activity_root (); a && n < RECLAIM_STATS_MAX;
       n++)
    {
      kprintf (
          "stats: %*sactivity %p: frames %lu (data %lu kernel %lu "
          "cache %lu pinned %lu) total %lu limit %lu; reclaimed %lu "
          "discarded %lu refaults %lu; tables dropped %lu built %lu; "
          "limit hits %lu; faults %lu; pressure asked %lu met %lu "
          "missed %lu; available %lu\n",
          (int)(2 * (depth < 8 ? depth : 8)), "", (const void *)a,
          (unsigned long)a->frames_sum_local,
          (unsigned long)a->frames_kind[ACTIVITY_DATA],
          (unsigned long)a->frames_kind[ACTIVITY_KERNEL],
          (unsigned long)a->frames_kind[ACTIVITY_CACHE],
          (unsigned long)a->frames_important,
          (unsigned long)a->frames_sum_total,
          (unsigned long)a->policy.frame_limit,
          (unsigned long)a->stats.reclaimed, (unsigned long)a->stats.discarded,
          (unsigned long)a->stats.refaults,
          (unsigned long)a->stats.cache_dropped,
          (unsigned long)a->stats.cache_built,
          (unsigned long)a->stats.limit_hits, (unsigned long)a->stats.faults,
          (unsigned long)a->stats.pressure_requests,
          (unsigned long)a->stats.pressure_met,
          (unsigned long)a->stats.pressure_missed,
          (unsigned long)notice_available (a));
      if (a->first_child)
        {
          a = a->first_child;
          depth++;
          continue;
        }
      while (a && !a->next_sibling)
        {
          a = a->parent;
          depth--;
        }
      if (a)
        a = a->next_sibling;
    }
}
