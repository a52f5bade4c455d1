/* The kernel's side of the host channel (<vg/hostchan.h>,
   doc/host-channel.md): frame one record and send it through the
   architecture's channel device (arch_hostchan_*, arch-hooks.h).  */
#ifndef VG_KERN_HOSTCHAN_H
#define VG_KERN_HOSTCHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vg/hostchan.h>

/* Probe the channel device once at boot; whether there is one.  */
bool hostchan_init (void);
bool hostchan_present (void);

/* Send one record of TYPE with NAME (NAME_LEN bytes, at most
   VG_HOST_NAME_MAX) and LEN bytes at DATA (at most VG_HOST_DATA_MAX).
   Caller holds the kernel (interrupts off: records never interleave)
   and has checked the sizes.  Returns false, sending nothing, when
   there is no channel.  Bounded: 20 + NAME_LEN + LEN bytes.  */
bool hostchan_send (unsigned type, const char *name, size_t name_len,
                    const void *data, size_t len);

/* Records sent since boot (the next record's seq).  */
uint32_t hostchan_seq (void);

#endif
