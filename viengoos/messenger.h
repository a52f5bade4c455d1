/* Messengers: IPC endpoints with a buffer of data words and caps.

   For now a messenger is storage laid out for the IPC issue to come.
   The frame is claimed eagerly and zeroed at creation.  */
#ifndef VG_MESSENGER_H
#define VG_MESSENGER_H

#include <vg/cap.h>

#include "types.h"

#define MESSENGER_WORDS 256
#define MESSENGER_CAPS 64

struct messenger
{
  uint32_t nwords, ncaps; /* Used part of the buffer.  */
  uint64_t flags;
  uint64_t words[MESSENGER_WORDS];
  struct vg_cap caps[MESSENGER_CAPS];
};

_Static_assert(sizeof (struct messenger) <= 4096, "messenger fits");

void messenger_init (struct messenger *m);

#endif
