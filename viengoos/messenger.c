/* Messengers (see messenger.h).  */
#include "kstring.h"
#include "messenger.h"

void
messenger_init (struct messenger *m)
{
  memset (m, 0, sizeof *m);
}
