/* What the kernel tells a program about its memory (doc/reclamation.md,
   "Notices"), in the program's own terms.

   Discard notices.  When the reclaimer discards pages of the program's
   activity, the kernel posts VG_ACT_EV_DISCARDED activations naming the
   page objects by oid, as runs of consecutive oids, with a count of
   those it did not list (<vg/activation.h>).  libhurd-mm translates each
   oid into the virtual address where it mapped that page and hands the
   addresses to the registered handlers, so a cache can drop its index
   entries at once instead of at the next touch.

   Translation.  libhurd-mm reads the oid of every folio it allocates for
   data (cap_oid) and records, per folio slot, the address of the page
   it mapped there (as_map; cleared by as_unmap).  The record is a
   528-byte block per data folio in libhurd-mm's metadata, found by a
   hash of the folio's oid: O(1) per object.  An oid that names nothing
   libhurd-mm mapped (another activity's object, a folio whose record
   could not be allocated, a page unmapped since) is counted as UNKNOWN,
   never guessed.

   Modes.  A handler runs in activated mode (cheap: no stack switch, but
   it must not fault, so it may only touch resident memory that is not
   discardable, and must not block) unless it was registered with
   HURD_NOTICE_NORMAL, in which case the runtime runs it in normal mode
   after the activated-mode handlers (user flavour; doc/activations.md).

   Single-threaded, like the rest of libhurd-mm.  */
#ifndef HURD_NOTICE_H
#define HURD_NOTICE_H

#include <stdbool.h>
#include <stdint.h>

#include <hurd/storage.h>
#include <vg/activation.h>
#include <vg/addr.h>
#include <vg/error.h>

/* At most this many activities watched at once (hurd_notice_watch).  */
#define HURD_NOTICE_ACTIVITIES 8
/* At most this many discard handlers at once.  */
#define HURD_NOTICE_HANDLERS 4
/* Addresses handed to a handler per call: a run of N oids is reported
   in ceil (N / HURD_DISCARD_BATCH) calls.  */
#define HURD_DISCARD_BATCH 32

/* Registration flags.  */
#define HURD_NOTICE_NORMAL 0x1 /* Run the handler in normal mode.  */

/* One call's worth of a discard notice.  */
struct hurd_discard_info
{
  const uint64_t *addr; /* Page addresses of discarded pages ...  */
  unsigned count;       /* ... COUNT of them (0..HURD_DISCARD_BATCH).  */
  uint64_t unknown;     /* Listed objects that name no page libhurd-mm
                           mapped (not translated).  */
  uint64_t unlisted;    /* Discarded objects the kernel did not list
                           (its overflow); their pages are found at
                           the next touch, by the discarded fault.  */
};

/* A discard handler.  INFO and its addresses are valid during the call
   only.  */
typedef void (*hurd_discard_fn) (void *cookie,
                                 const struct hurd_discard_info *info);

/* Add FN with COOKIE (FLAGS: HURD_NOTICE_NORMAL or 0) and, with the
   first handler, subscribe the program's thread to discard notices
   about every watched activity (activity_notices, VG_NOTICE_DISCARD):
   libhurd-mm's own (hurd_mm_init's), and those added with
   hurd_notice_watch.
   VG_ENOMEM: HURD_NOTICE_HANDLERS are registered; VG_EINVAL: FN NULL or
   unknown flags; kernel errors from the subscription.  */
vg_error_t hurd_notice_discard_add (hurd_discard_fn fn, void *cookie,
                                    unsigned flags);
/* Watch activity A too (ON) or no more: it gets the same subscriptions
   as libhurd-mm's own activity (a region paid by A reports its
   discards).  VG_ENOMEM: HURD_NOTICE_ACTIVITIES are watched; VG_EVOID:
   removing one not watched; kernel errors from activity_notices (a
   write cap to A is needed).  Each activity has one subscriber: this
   replaces any other thread's subscription to A.  */
vg_error_t hurd_notice_watch (vg_addr_t a, bool on);

/* Remove FN with COOKIE (VG_EVOID if not registered); the last one
   removed cancels the subscription.  */
vg_error_t hurd_notice_discard_remove (hurd_discard_fn fn, void *cookie);

/* The address at which libhurd-mm mapped the object OID, or 0 if it
   mapped none (see "Translation").  */
uint64_t hurd_oid_addr (uint64_t oid);

/* Hand a VG_ACT_EV_DISCARDED event to the handlers registered for
   MODE (HURD_NOTICE_NORMAL for normal mode, 0 for activated mode).
   The activation handler calls it; so do the host tests.  Returns
   whether handlers for the other mode are registered (the runtime then
   runs it again in normal mode).  */
bool hurd_notice_dispatch (const struct vg_act_event *ev, unsigned mode);

/* Availability (doc/reclamation.md "Availability"): FN is called in
   activated mode with the frames available to a watched activity (the
   event does not say which; watch one to know) each time the kernel reports a
   change of more than THRESHOLD frames (and once at once), with the frames it
   holds.  */
typedef void (*hurd_avail_fn) (void *cookie, uint64_t available,
                               uint64_t held);
/* Set the availability callback FN with COOKIE and THRESHOLD (FN NULL
   cancels); subscribes every watched activity to VG_NOTICE_AVAIL.  */
vg_error_t hurd_notice_avail (hurd_avail_fn fn, void *cookie,
                              uint64_t threshold);

/* Ask before taking (doc/reclamation.md "Ask before taking"): the
   kernel asks for FRAMES frames by DEADLINE (guest ns, the time call's
   clock) and takes nothing from the activity before then.  FN runs in
   normal mode (it may fault, block, call free or munmap) and frees
   memory of the program's choosing: munmap, madvise (DONTNEED), or
   hurd_cache entries.  It returns the frames it believes it freed (for
   statistics only: the kernel counts what the activity holds).  If the
   activity does not hold FRAMES fewer frames by DEADLINE, the kernel
   takes the rest by its own policy and counts a miss.  */
typedef uint64_t (*hurd_pressure_fn) (void *cookie, uint64_t frames,
                                      uint64_t deadline);
/* Set the pressure callback FN with COOKIE (FN NULL cancels);
   subscribes every watched activity to VG_NOTICE_PRESSURE.  */
vg_error_t hurd_notice_pressure (hurd_pressure_fn fn, void *cookie);
/* Hold pressure callbacks off (nesting): one that arrives meanwhile
   runs at the matching release, in the releasing context.  libhurd-mm
   holds them during its POSIX entry points (mmap, munmap, mprotect,
   madvise, sbrk) and while it resolves a fault; libc-port during
   malloc (__malloc_lock).  A program that calls anon_* itself while it
   is subscribed to pressure should hold them too: the callback may
   call libhurd-mm, which is not reentrant.  */
void hurd_notice_hold (void);
void hurd_notice_release (void);

/* A default pressure callback for newlib programs: trims malloc's free
   memory at the top of the heap (malloc_trim, which shrinks the sbrk
   heap and so frees its pages).  Returns the pages the heap shrank by.
   In libhurd-mm.a, it is linked only into programs that name it.  */
uint64_t hurd_notice_trim_malloc (void *cookie, uint64_t frames,
                                  uint64_t deadline);

/* Statistics, for tests and the pressure demo.  */
struct hurd_notice_stats
{
  uint64_t events;            /* VG_ACT_EV_DISCARDED events dispatched.  */
  uint64_t pages;             /* Addresses handed to handlers.  */
  uint64_t unknown;           /* Objects not translated.  */
  uint64_t unlisted;          /* Objects the kernel did not list.  */
  uint64_t untracked;         /* Data folios without a translation record.  */
  uint64_t avail_events;      /* Availability events.  */
  uint64_t available, held;   /* ... the last one's figures.  */
  uint64_t pressure_requests; /* Pressure requests received ...  */
  uint64_t pressure_frames;   /* ... asking for this many frames in all ...  */
  uint64_t pressure_freed;    /* ... and what the callback said it freed.  */
  uint64_t pressure_deferred; /* Requests run at a release.  */
};
extern struct hurd_notice_stats hurd_notice_stats;

/* libhurd-mm internals (mm.c, as.c, storage.c).  */
/* Start afresh, reporting on ACTIVITY (hurd_mm_init's).  */
void hurd_notice_init (vg_addr_t activity);
/* Add the activation handler for notices (user flavour: hurd_mm_start
   calls it).  */
vg_error_t hurd_notice_start (void);
/* A data folio DESC was added with its cap in slot CAP: read its oid
   and start its record (failure leaves it untracked).  */
void hurd_oid_folio_add (struct storage_folio *desc);
/* DESC goes away.  */
void hurd_oid_folio_drop (struct storage_folio *desc);
/* The page in O is mapped at VA (0: unmapped).  */
void hurd_oid_note (struct storage_obj o, uint64_t va);

#endif
