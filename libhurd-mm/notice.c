/* Discard notices in the program's terms: oid -> address records per
   data folio, and the dispatch to the registered handlers (see
   hurd/notice.h).  The subscription and the activation handler are in
   notice-act.c (user flavour only).  */
#include <hurd/notice.h>

#include "meta.h"
#include <mm-env.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/cap.h>
#include <vg/stubs.h>

/* A data folio's record: the page number + 1 of the page mapped from
   each slot (0: none).  Pages numbers fit 32 bits: the address space
   is 44 bits.  */
struct hurd_oid_block
{
  uint64_t oid;                /* The folio's.  */
  struct hurd_oid_block *next; /* Hash chain, or the free list.  */
  uint32_t pn[VG_FOLIO_OBJECTS];
};
#define BLOCKS_PER_PAGE (4096 / sizeof (struct hurd_oid_block))
_Static_assert(BLOCKS_PER_PAGE == 7, "seven records per metadata page");

#define BUCKETS 256
static struct hurd_oid_block *buckets[BUCKETS];
static struct hurd_oid_block *free_blocks;

struct hurd_notice_stats hurd_notice_stats;

struct handler
{
  hurd_discard_fn fn;
  void *cookie;
  unsigned flags;
};
static struct handler handlers[HURD_NOTICE_HANDLERS];
static hurd_avail_fn avail_fn;
static void *avail_cookie;
static hurd_pressure_fn pressure_fn;
static void *pressure_cookie;

static unsigned
bucket (uint64_t folio_oid)
{
  return (unsigned)((folio_oid / VG_OID_STRIDE) % BUCKETS);
}

/* A free record, carving a metadata page into BLOCKS_PER_PAGE of them
   when none is left (from the reserve: no mapping here).  Pages are
   kept for reuse, never returned.  */
static struct hurd_oid_block *
block_alloc (void)
{
  if (!free_blocks)
    {
      struct hurd_oid_block *b = meta_page_alloc ();
      if (!b)
        return NULL;
      for (unsigned i = 0; i < BLOCKS_PER_PAGE; i++)
        {
          b[i].next = free_blocks;
          free_blocks = &b[i];
        }
    }
  struct hurd_oid_block *b = free_blocks;
  free_blocks = b->next;
  __builtin_memset (b, 0, sizeof *b);
  return b;
}

void
hurd_oid_folio_add (struct storage_folio *desc)
{
  uint64_t oid;
  struct hurd_oid_block *b = NULL;
  if (vg_cap_oid (desc->cap, &oid) == VG_OK && oid % VG_OID_STRIDE == 0)
    b = block_alloc ();
  if (!b)
    {
      hurd_notice_stats.untracked++;
      return;
    }
  b->oid = oid;
  b->next = buckets[bucket (oid)];
  buckets[bucket (oid)] = b;
  desc->oids = b;
}

void
hurd_oid_folio_drop (struct storage_folio *desc)
{
  struct hurd_oid_block *b = desc->oids;
  if (!b)
    return;
  for (struct hurd_oid_block **p = &buckets[bucket (b->oid)]; *p;
       p = &(*p)->next)
    if (*p == b)
      {
        *p = b->next;
        break;
      }
  b->next = free_blocks;
  free_blocks = b;
  desc->oids = NULL;
}

void
hurd_oid_note (struct storage_obj o, uint64_t va)
{
  if (o.folio && o.folio->oids && o.slot < VG_FOLIO_OBJECTS)
    o.folio->oids->pn[o.slot] = va ? (uint32_t)(va / 4096 + 1) : 0;
}

uint64_t
hurd_oid_addr (uint64_t oid)
{
  if (oid % VG_OID_STRIDE == 0)
    return 0; /* A folio, not a page.  */
  uint64_t f = VG_OID_FOLIO (oid);
  for (struct hurd_oid_block *b = buckets[bucket (f)]; b; b = b->next)
    if (b->oid == f)
      {
        uint32_t pn = b->pn[VG_OID_SLOT (oid)];
        return pn ? (uint64_t)(pn - 1) * 4096 : 0;
      }
  return 0;
}

static void
call (unsigned mode, const struct hurd_discard_info *info)
{
  for (unsigned k = 0; k < HURD_NOTICE_HANDLERS; k++)
    if (handlers[k].fn && (handlers[k].flags & HURD_NOTICE_NORMAL) == mode)
      handlers[k].fn (handlers[k].cookie, info);
}

/* Pressure callbacks held off (hurd_notice_hold), and one that came
   meanwhile.  */
static unsigned hold_depth;
static bool deferred;
static uint64_t deferred_frames, deferred_deadline;

static void
run_pressure (uint64_t frames, uint64_t deadline)
{
  hold_depth++; /* A request arriving now waits for this one.  */
  if (pressure_fn)
    hurd_notice_stats.pressure_freed
        += pressure_fn (pressure_cookie, frames, deadline);
  hurd_notice_release ();
}

void
hurd_notice_hold (void)
{
  hold_depth++;
}

void
hurd_notice_release (void)
{
  if (hold_depth > 0)
    hold_depth--;
  if (hold_depth == 0 && deferred)
    {
      deferred = false;
      hurd_notice_stats.pressure_deferred++;
      run_pressure (deferred_frames, deferred_deadline);
    }
}

/* Availability in activated mode; pressure in normal mode.  */
static bool
pressure_event (const struct vg_act_event *ev, unsigned mode)
{
  if (ev->arg[0] == VG_ACT_PRESSURE_AVAIL)
    {
      if (mode != 0)
        return false;
      hurd_notice_stats.avail_events++;
      hurd_notice_stats.available = ev->arg[1];
      hurd_notice_stats.held = ev->arg[2];
      if (avail_fn)
        avail_fn (avail_cookie, ev->arg[1], ev->arg[2]);
      return false;
    }
  if (ev->arg[0] != VG_ACT_PRESSURE_RECLAIM)
    return false;
  if (mode == 0)
    {
      hurd_notice_stats.pressure_requests++;
      hurd_notice_stats.pressure_frames += ev->arg[1];
      return pressure_fn != NULL;
    }
  if (hold_depth)
    {
      /* Inside libhurd-mm or malloc: later.  Two requests make one for
         the sum by the earlier deadline.  */
      deferred_frames = deferred ? deferred_frames + ev->arg[1] : ev->arg[1];
      if (!deferred || ev->arg[2] < deferred_deadline)
        deferred_deadline = ev->arg[2];
      deferred = true;
      return false;
    }
  run_pressure (ev->arg[1], ev->arg[2]);
  return false;
}

bool
hurd_notice_dispatch (const struct vg_act_event *ev, unsigned mode)
{
  bool other = false;
  for (unsigned k = 0; k < HURD_NOTICE_HANDLERS; k++)
    if (handlers[k].fn && (handlers[k].flags & HURD_NOTICE_NORMAL) != mode)
      other = true;
  if (ev->type == VG_ACT_EV_PRESSURE)
    return pressure_event (ev, mode);
  if (ev->type != VG_ACT_EV_DISCARDED)
    return other;
  uint64_t addr[HURD_DISCARD_BATCH];
  struct hurd_discard_info info = { .addr = addr };
  uint64_t oid = ev->arg[0], n = ev->arg[1];
  /* A run cannot be longer than a folio's objects could make
     consecutive, but the count is the kernel's word: walk it all.  */
  for (uint64_t i = 0; i < n; i++)
    {
      uint64_t va = hurd_oid_addr (oid + i);
      if (va)
        addr[info.count++] = va;
      else
        info.unknown++;
      if (info.count == HURD_DISCARD_BATCH && i + 1 < n)
        {
          call (mode, &info);
          if (mode == 0)
            {
              hurd_notice_stats.pages += info.count;
              hurd_notice_stats.unknown += info.unknown;
            }
          info.count = 0;
          info.unknown = 0;
        }
    }
  info.unlisted = ev->arg[2];
  call (mode, &info);
  if (mode == 0)
    {
      hurd_notice_stats.events++;
      hurd_notice_stats.pages += info.count;
      hurd_notice_stats.unknown += info.unknown;
      hurd_notice_stats.unlisted += info.unlisted;
    }
  return other;
}

/* The activities whose notices go to this program's thread: [0] is
   hurd_mm_init's; hurd_notice_watch adds others.  */
static vg_addr_t watched[HURD_NOTICE_ACTIVITIES];
static unsigned subscribed;
static uint64_t threshold; /* VG_NOTICE_AVAIL's.  */

void
hurd_notice_init (vg_addr_t a)
{
  for (unsigned k = 0; k < HURD_NOTICE_ACTIVITIES; k++)
    watched[k] = VG_ADDR_VOID;
  watched[0] = a;
  subscribed = 0;
  threshold = 0;
  avail_fn = NULL;
  pressure_fn = NULL;
  hold_depth = 0;
  deferred = false;
  free_blocks = NULL;
  __builtin_memset (buckets, 0, sizeof buckets);
  __builtin_memset (handlers, 0, sizeof handlers);
  __builtin_memset (&hurd_notice_stats, 0, sizeof hurd_notice_stats);
}

static vg_error_t
subscribe (vg_addr_t a, unsigned events)
{
  return vg_activity_notices (a, VG_BOOT_CAP (VG_BOOT_CAP_THREAD), events,
                              events & VG_NOTICE_AVAIL ? threshold : 0);
}

/* Ask for EVENTS too (ON) or no more, keeping the rest, for every
   watched activity.  */
static vg_error_t
hurd_notice_subscribe (unsigned events, bool on)
{
  unsigned want = on ? subscribed | events : subscribed & ~events;
  for (unsigned k = 0; k < HURD_NOTICE_ACTIVITIES; k++)
    if (watched[k] != VG_ADDR_VOID)
      {
        vg_error_t err = subscribe (watched[k], want);
        if (err)
          {
            /* Put back what was changed.  */
            while (k-- > 0)
              if (watched[k] != VG_ADDR_VOID)
                (void)subscribe (watched[k], subscribed);
            return err;
          }
      }
  subscribed = want;
  return VG_OK;
}

vg_error_t
hurd_notice_watch (vg_addr_t a, bool on)
{
  unsigned k, free = HURD_NOTICE_ACTIVITIES;
  for (k = 0; k < HURD_NOTICE_ACTIVITIES; k++)
    if (watched[k] == a)
      break;
    else if (watched[k] == VG_ADDR_VOID && free == HURD_NOTICE_ACTIVITIES)
      free = k;
  if (!on)
    {
      if (k == HURD_NOTICE_ACTIVITIES)
        return VG_EVOID;
      vg_error_t err = subscribed ? subscribe (a, 0) : VG_OK;
      if (!err)
        watched[k] = VG_ADDR_VOID;
      return err;
    }
  if (k < HURD_NOTICE_ACTIVITIES)
    return VG_OK;
  if (a == VG_ADDR_VOID)
    return VG_EINVAL;
  if (free == HURD_NOTICE_ACTIVITIES)
    return VG_ENOMEM;
  vg_error_t err = subscribed ? subscribe (a, subscribed) : VG_OK;
  if (!err)
    watched[free] = a;
  return err;
}

vg_error_t
hurd_notice_discard_add (hurd_discard_fn fn, void *cookie, unsigned flags)
{
  if (!fn || (flags & ~HURD_NOTICE_NORMAL))
    return VG_EINVAL;
  unsigned used = 0, free = HURD_NOTICE_HANDLERS;
  for (unsigned k = 0; k < HURD_NOTICE_HANDLERS; k++)
    if (handlers[k].fn)
      used++;
    else if (free == HURD_NOTICE_HANDLERS)
      free = k;
  if (free == HURD_NOTICE_HANDLERS)
    return VG_ENOMEM;
  if (!used)
    {
      vg_error_t err = hurd_notice_subscribe (VG_NOTICE_DISCARD, true);
      if (err)
        return err;
    }
  handlers[free] = (struct handler){ fn, cookie, flags };
  return VG_OK;
}

vg_error_t
hurd_notice_discard_remove (hurd_discard_fn fn, void *cookie)
{
  unsigned used = 0;
  int found = -1;
  for (unsigned k = 0; k < HURD_NOTICE_HANDLERS; k++)
    if (handlers[k].fn)
      {
        used++;
        if (found < 0 && handlers[k].fn == fn && handlers[k].cookie == cookie)
          found = (int)k;
      }
  if (found < 0)
    return VG_EVOID;
  handlers[found].fn = NULL;
  if (used == 1)
    (void)hurd_notice_subscribe (VG_NOTICE_DISCARD, false);
  return VG_OK;
}

vg_error_t
hurd_notice_avail (hurd_avail_fn fn, void *cookie, uint64_t t)
{
  uint64_t old = threshold;
  threshold = t;
  vg_error_t err = hurd_notice_subscribe (VG_NOTICE_AVAIL, fn != NULL);
  if (err)
    {
      threshold = old;
      return err;
    }
  avail_fn = fn;
  avail_cookie = cookie;
  return VG_OK;
}

vg_error_t
hurd_notice_pressure (hurd_pressure_fn fn, void *cookie)
{
  vg_error_t err = hurd_notice_subscribe (VG_NOTICE_PRESSURE, fn != NULL);
  if (err)
    return err;
  pressure_fn = fn;
  pressure_cookie = cookie;
  return VG_OK;
}
