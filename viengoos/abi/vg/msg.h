/* Messages carried by messengers (messenger_send, _receive, _call,
   _reply).  A message is a fixed-size block in user memory: up to
   VG_MSG_WORDS data words and up to VG_MSG_CAPS caps.

   Caps travel by address.  In a message being sent, caps[i] names a slot
   in the sender's cap tree whose cap is copied; in the buffer of a
   receiver, ncaps on entry says how many slots it offers and caps[i]
   names the slot in the receiver's tree the i-th cap is copied into
   (VG_ADDR_VOID drops it); on return ncaps is the sender's count.  See
   doc/ipc.md.  A client passes its activity the
   same way, so a server can allocate on the client's account (DESIGN.md
   section 4).  */
#ifndef VG_MSG_H
#define VG_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "addr.h"

#define VG_MSG_WORDS 16
#define VG_MSG_CAPS 4

struct vg_msg
{
  uint32_t nwords;              /* Data words used, 0..VG_MSG_WORDS.  */
  uint32_t ncaps;               /* Cap slots used, 0..VG_MSG_CAPS.  */
  uint64_t label;               /* Chosen by the sender, e.g. a method.  */
  uint64_t words[VG_MSG_WORDS]; /* The data.  */
  vg_addr_t caps[VG_MSG_CAPS];  /* See above.  */
  vg_addr_t reply;              /* messenger_receive: the slot where the
                                   kernel installs the one-shot reply cap
                                   of a messenger_call (VG_ADDR_VOID: none
                                   wanted).  Ignored when sending.  */
};

_Static_assert(sizeof (struct vg_msg) == 184, "vg_msg size");
_Static_assert(offsetof (struct vg_msg, nwords) == 0, "vg_msg layout");
_Static_assert(offsetof (struct vg_msg, ncaps) == 4, "vg_msg layout");
_Static_assert(offsetof (struct vg_msg, label) == 8, "vg_msg layout");
_Static_assert(offsetof (struct vg_msg, words) == 16, "vg_msg layout");
_Static_assert(offsetof (struct vg_msg, caps) == 144, "vg_msg layout");
_Static_assert(offsetof (struct vg_msg, reply) == 176, "vg_msg layout");

#endif
