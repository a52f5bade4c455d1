/* The activity lists the notices walk (mm/notice.h): activities with
   something to post, the availability and pressure subscribers, and the
   outstanding pressure requests.  They are part of the object store
   because an activity must leave them when it dies: the teardown calls
   noticelist_forget, and mm/notice.c, which decides what goes on them,
   is built on the object store without the store calling it.

   The lists link activities through their notice_* fields
   (obj/activity.h).  Single CPU, interrupts off: no locks.  */
#ifndef VG_OBJ_NOTICELIST_H
#define VG_OBJ_NOTICELIST_H

#include "types.h"

struct activity;

/* Outstanding pressure requests at most (mm/notice.h).  */
#define NOTICE_ASKED_MAX 16

/* Pending: activities with events to post (the list's head, read by
   notice_post's inline test on every return to user mode).  pend puts
   A on the list (once); pop takes the most recent one off, or returns
   NULL.  */
extern struct activity *noticelist_pending;
void noticelist_pend (struct activity *a);
struct activity *noticelist_pop (void);

/* Whether A subscribes to availability or pressure notices (and so is
   on the subscriber list).  */
bool noticelist_subscribed (const struct activity *a);
/* Put A on the subscriber list or take it off.  */
void noticelist_sub_link (struct activity *a);
void noticelist_sub_unlink (struct activity *a);
/* The next subscriber in round-robin order, or NULL once the end of
   the list is passed (FIRST: the first call of a tick, which restarts
   at the head if the last tick passed the end).  */
struct activity *noticelist_sub_next (bool first);

/* Outstanding requests: add A (shielding it and its ancestors), lift
   A's (if any), and read them.  */
void noticelist_ask (struct activity *a);
void noticelist_unask (struct activity *a);
unsigned noticelist_nasked (void);
struct activity *noticelist_asked (unsigned k);

/* A dying activity (activity_reap_commit): off every list, what it had
   to post dropped, its request lifted and its subscription cleared.  */
void noticelist_forget (struct activity *a);

#endif
