/* The activity lists the notices walk (see noticelist.h).  */
#include <vg/activity.h>

#include "kern/panic.h"
#include "obj/activity.h"
#include "obj/noticelist.h"

struct activity *noticelist_pending; /* Activities with events to post.  */
static struct activity *subs;        /* AVAIL or PRESSURE subscribers.  */
static struct activity *cursor;      /* The next one availability visits.  */
static struct activity *asked[NOTICE_ASKED_MAX];
static unsigned nasked;

void
noticelist_pend (struct activity *a)
{
  if (a->notice_pending)
    return;
  a->notice_pending = 1;
  a->notice_next = noticelist_pending;
  noticelist_pending = a;
}

struct activity *
noticelist_pop (void)
{
  struct activity *a = noticelist_pending;
  if (a)
    {
      noticelist_pending = a->notice_next;
      a->notice_next = NULL;
      a->notice_pending = 0;
    }
  return a;
}

bool
noticelist_subscribed (const struct activity *a)
{
  return (a->notice_events & (VG_NOTICE_AVAIL | VG_NOTICE_PRESSURE)) != 0;
}

void
noticelist_sub_link (struct activity *a)
{
  a->notice_sub_prev = NULL;
  a->notice_sub_next = subs;
  if (subs)
    subs->notice_sub_prev = a;
  subs = a;
}

void
noticelist_sub_unlink (struct activity *a)
{
  if (cursor == a)
    cursor = a->notice_sub_next;
  if (a->notice_sub_prev)
    a->notice_sub_prev->notice_sub_next = a->notice_sub_next;
  else if (subs == a)
    subs = a->notice_sub_next;
  if (a->notice_sub_next)
    a->notice_sub_next->notice_sub_prev = a->notice_sub_prev;
  a->notice_sub_next = a->notice_sub_prev = NULL;
}

struct activity *
noticelist_sub_next (bool first)
{
  if (!subs)
    return NULL;
  if (!cursor && !first)
    return NULL; /* Each at most once per tick.  */
  if (!cursor)
    cursor = subs;
  struct activity *a = cursor;
  cursor = a->notice_sub_next;
  return a;
}

/* Shield A and its ancestors (D = +1) or lift it (D = -1).  */
static void
shield (struct activity *a, int d)
{
  for (struct activity *x = a; x; x = x->parent)
    x->notice_shield = (uint32_t)((int64_t)x->notice_shield + d);
}

void
noticelist_ask (struct activity *a)
{
  assert (!a->notice_asked && nasked < NOTICE_ASKED_MAX);
  a->notice_asked = 1;
  asked[nasked++] = a;
  shield (a, +1);
}

void
noticelist_unask (struct activity *a)
{
  if (!a->notice_asked)
    return;
  a->notice_asked = 0;
  shield (a, -1);
  for (unsigned k = 0; k < nasked; k++)
    if (asked[k] == a)
      {
        asked[k] = asked[--nasked];
        break;
      }
}

unsigned
noticelist_nasked (void)
{
  return nasked;
}

struct activity *
noticelist_asked (unsigned k)
{
  return asked[k];
}

void
noticelist_forget (struct activity *a)
{
  /* Only an activity on the pending list is looked for there: a
     teardown forgets every activity of its closure.  */
  for (struct activity **p = &noticelist_pending; a->notice_pending && *p;
       p = &(*p)->notice_next)
    if (*p == a)
      {
        *p = a->notice_next;
        break;
      }
  a->notice_pending = 0;
  a->notice_nranges = 0;
  a->notice_overflow = 0;
  a->notice_post = 0;
  noticelist_unask (a);
  if (noticelist_subscribed (a))
    noticelist_sub_unlink (a);
  a->notice_events = 0;
}
