/* Link-time fake of the activation layer for the host unit tests:
   notice_post (mm/notice.c) hands events to activation_post; the host
   has no threads to activate, so posts are counted.  */
#include <vg/error.h>

#include "exec/activation.h"
#include "fake/fake.h"

unsigned fake_activation_posts;

int
activation_post (struct thread *t, uint32_t type, const uint64_t arg[3])
{
  (void)t;
  (void)type;
  (void)arg;
  fake_activation_posts++;
  return VG_OK;
}
