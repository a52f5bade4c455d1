/* The record of a teardown between activity_reap_prepare and its
   commit or abort (activity.h).  Its own header so that object.h can
   embed one without including activity.h.  */
#ifndef VG_OBJ_REAP_H
#define VG_OBJ_REAP_H

#include "types.h"

struct activity;
struct folio;

struct reap
{
  struct activity *head, *tail; /* The closure, through doom_next.  */
  struct folio *folio;          /* A folio freed whole on commit.  */
  bool pending;                 /* Prepared, not committed or aborted.  */
};

#endif
