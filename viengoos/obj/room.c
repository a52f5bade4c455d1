/* Room for frames: the checks and the answers (see room.h).  */
#include <vg/error.h>

#include "kern/panic.h"
#include "mm/pmm.h"
#include "obj/activity.h"
#include "obj/room.h"
#include "obj/swapobj.h"

static uint64_t low;
static bool pool_on = true;

static struct room_request wanted;

static struct
{
  struct room_request q;
  int result;
  bool used; /* In this run.  */
} answers[ROOM_ANSWERS_MAX];
static unsigned nanswers;
static unsigned runs; /* This entry's.  */

void
room_set_pool (uint64_t l, bool on)
{
  low = l;
  pool_on = on;
}

bool
room_pool_short (uint64_t n)
{
  return pmm_free_frames () + swapobj_frames_pending () < low + n;
}

/* The unused answer to Q in this run, if any: true and *RESULT.  */
static bool
answered (const struct room_request *q, int *result)
{
  for (unsigned k = 0; k < nanswers; k++)
    if (!answers[k].used && answers[k].q.kind == q->kind
        && answers[k].q.a == q->a && answers[k].q.n == q->n)
      {
        answers[k].used = true;
        *result = answers[k].result;
        return true;
      }
  return false;
}

/* The check for Q, which NEEDED says needs room: its answer if it has
   one, else OBJ_NOFRAME if needed (recording Q), else VG_OK.  Without
   answers (every entry's first run) that is one load and a branch more
   than the test itself.  */
static inline int
ask (const struct room_request *q, bool needed)
{
  int result;
  if (__builtin_expect (nanswers != 0, 0) && answered (q, &result))
    return result;
  if (__builtin_expect (!needed, 1))
    return VG_OK;
  wanted = *q;
  return OBJ_NOFRAME;
}

int
room_check (struct activity *a, uint64_t n)
{
  struct room_request q = { ROOM_LIMIT, a, n };
  return ask (&q, activity_frame_limiter (a, n)
                      || (pool_on && room_pool_short (n)));
}

int
room_check_pool (uint64_t n)
{
  struct room_request q = { ROOM_POOL, NULL, n };
  return ask (&q, pool_on && room_pool_short (n));
}

const struct room_request *
room_wanted (void)
{
  return &wanted;
}

void
room_answer (int result)
{
  if (nanswers == ROOM_ANSWERS_MAX)
    nanswers = 0; /* Start over (room.h).  */
  answers[nanswers].q = wanted;
  answers[nanswers].result = result;
  answers[nanswers].used = false;
  nanswers++;
}

unsigned
room_mark (void)
{
  return nanswers;
}

void
room_trim (unsigned mark)
{
  if (nanswers > mark)
    nanswers = mark;
}

bool
room_may_retry (void)
{
  return runs < ROOM_RUNS_MAX;
}

void
room_run (void)
{
  runs++;
  for (unsigned k = 0; k < nanswers; k++)
    answers[k].used = false;
}

void
room_done (void)
{
  nanswers = 0;
  runs = 0;
}
