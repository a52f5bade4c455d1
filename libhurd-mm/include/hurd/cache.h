/* A discardable cache for applications: values kept in discardable
   pages, which the kernel may drop under pressure, with an index kept
   in important memory (doc/libhurd-mm.md, "A discardable cache").

   Keys are 64-bit numbers (hash your own keys); a value is at most
   HURD_CACHE_VALUE_MAX bytes and never straddles a page.  Every entry
   has a priority (VG_PRIORITY_MIN..VG_PRIORITY_MAX, lower is reclaimed
   first): entries of one priority share the pages of one anonymous
   region with the policy {discardable, priority}, so the kernel drops
   low-priority entries first.  A cache holds at most HURD_CACHE_BANDS
   distinct priorities.

   How a lookup notices a discard.  Each value starts with a header
   (key, length, sequence number) that is never all zeros.  When the
   kernel drops a page, its next touch raises the discarded fault; the
   cache's regions have a fill callback, so libhurd-mm installs a fresh
   zeroed page and tells the cache (counted in pages_refilled).  A
   lookup that finds its header zeroed has lost the entry: with a
   regenerate callback it rebuilds the value and stores it again (a
   hit, counted in regenerated); without one, or if the callback
   fails, the entry leaves the index and the lookup reports a miss.
   The header is checked again after the value is copied out, so a
   lookup never returns bytes from two incarnations of a page.

   Discard notices.  A program subscribed to discard notices
   (hurd/notice.h) may call hurd_cache_forget with the addresses of the
   dropped pages, from its handler, even in activated mode: it only
   marks their entries lost (it touches nothing but the index, which is
   resident, and changes no list), so the next lookup of one
   regenerates it or misses without touching its page, whose frame
   then need not come back.  A notice that arrives after the page was
   written again only costs a regeneration (or a miss).

   The entry points hold pressure callbacks off (hurd_notice_hold), so
   a callback that calls hurd_cache_shrink never runs inside one.  Not
   thread-safe (like the rest of libhurd-mm).  User flavour only.  */
#ifndef HURD_CACHE_H
#define HURD_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include <vg/addr.h>
#include <vg/error.h>

/* Distinct entry priorities one cache holds.  */
#define HURD_CACHE_BANDS 4
/* Bytes of a value's header in its page.  */
#define HURD_CACHE_HEADER 16
/* The largest value: one page less the header.  */
#define HURD_CACHE_VALUE_MAX (4096 - HURD_CACHE_HEADER)
/* The most entries one cache indexes.  */
#define HURD_CACHE_ENTRIES_MAX (1u << 20)

/* Rebuild the value of KEY into BUF (SIZE bytes of room) and store its
   length in *LEN.  Return VG_OK, or any error to make the lookup a
   miss (VG_ERANGE if SIZE is too small).  It may use memory, fault and
   call the cache, except for KEY's entry.  */
typedef vg_error_t (*hurd_cache_regen_fn) (void *cookie, uint64_t key,
                                           void *buf, size_t size,
                                           size_t *len);

struct hurd_cache_config
{
  size_t value_max;          /* Largest value (1..HURD_CACHE_VALUE_MAX):
                                sets the slot size, slots never straddle
                                a page.  */
  size_t entries;            /* Most entries held at once (the index's
                                size, 1..HURD_CACHE_ENTRIES_MAX).  */
  hurd_cache_regen_fn regen; /* NULL: a discarded entry is a miss.  */
  void *cookie;              /* Passed to REGEN.  */
  vg_addr_t activity;        /* Pays for the value pages (VG_ADDR_VOID:
                                the program's default activity).  The
                                index is important memory of the
                                default activity.  */
};

/* Cumulative counts, plus ENTRIES, which is the number indexed now.  */
struct hurd_cache_stats
{
  uint64_t entries;        /* Entries indexed now.  */
  uint64_t puts;           /* hurd_cache_put calls that stored a value.  */
  uint64_t hits;           /* Lookups that returned the value (including
                              regenerated ones).  */
  uint64_t misses;         /* Lookups that returned VG_EVOID.  */
  uint64_t lost;           /* Entries found discarded by a lookup.  */
  uint64_t regenerated;    /* ... of those, rebuilt by REGEN.  */
  uint64_t pages_refilled; /* Discarded value pages touched again (the
                              fill callback ran).  */
  uint64_t forgotten;      /* Entries marked lost by hurd_cache_forget
                              (a later lookup counts them in lost).  */
  uint64_t shrunk;         /* Pages given up by hurd_cache_shrink.  */
};

struct hurd_cache;

/* Make a cache as CONFIG says: reserve address space for the values
   (one region per priority, made on first use) and allocate the index
   (populated now, so later calls never fail for want of index memory).
   VG_EINVAL for a bad configuration, else anon_create's errors.  */
vg_error_t hurd_cache_create (const struct hurd_cache_config *config,
                              struct hurd_cache **out);

/* Free the cache's values and index.  */
void hurd_cache_destroy (struct hurd_cache *c);

/* Store LEN bytes at VALUE as KEY's value, with PRIORITY, replacing any
   value KEY had.  VG_EINVAL (LEN over value_max, bad priority),
   VG_ERANGE (the index is full, or PRIORITY would be a fifth distinct
   priority), or the error allocating a page; on error KEY is not in
   the cache.  */
vg_error_t hurd_cache_put (struct hurd_cache *c, uint64_t key,
                           const void *value, size_t len, int priority);

/* Look KEY up: copy its value into BUF (SIZE bytes) and its length into
   *LEN.  A discarded entry is regenerated (see the top) or dropped.
   VG_OK (a hit), VG_EVOID (a miss: not there, or lost and not
   regenerated), VG_ERANGE (SIZE too small; *LEN says how much is
   needed; the entry stays).  */
vg_error_t hurd_cache_get (struct hurd_cache *c, uint64_t key, void *buf,
                           size_t size, size_t *len);

/* Drop KEY.  VG_EVOID if it is not there.  */
vg_error_t hurd_cache_remove (struct hurd_cache *c, uint64_t key);

/* Mark lost every entry whose value lies in a page of [ADDR, ADDR +
   LEN) (from a discard notice; see the top); addresses outside the
   cache are ignored.  Returns the number of entries marked.  Safe in
   an activation handler that interrupted another hurd_cache call.  */
unsigned hurd_cache_forget (struct hurd_cache *c, uint64_t addr, uint64_t len);

/* Give up to PAGES value pages now, the cache's own choice: the pages
   of the lowest priority first, the newest first within it, each with a
   live entry.  Their entries are marked lost (as by hurd_cache_forget)
   and the pages discarded (anon_discard: the frames go at once).
   Returns the pages discarded.  For a pressure callback
   (hurd/notice.h), which runs in normal mode.  */
uint64_t hurd_cache_shrink (struct hurd_cache *c, uint64_t pages);

/* Whether [ADDR, ADDR + LEN) overlaps the cache's value pages.  */
int hurd_cache_owns (const struct hurd_cache *c, uint64_t addr, uint64_t len);

void hurd_cache_stats (const struct hurd_cache *c,
                       struct hurd_cache_stats *out);

#endif
