/* Framing for the host channel (hostchan.h).  */
#include "kern/hostchan.h"
#include "kern/arch-hooks.h"

static bool present;
static uint32_t seq;

bool
hostchan_init (void)
{
  present = arch_hostchan_probe ();
  return present;
}

bool
hostchan_present (void)
{
  return present;
}

uint32_t
hostchan_seq (void)
{
  return seq;
}

static uint32_t
put (uint32_t h, const void *p, size_t n)
{
  const uint8_t *b = p;
  for (size_t i = 0; i < n; i++)
    arch_hostchan_putc (b[i]);
  return vg_host_fnv1a (h, p, n);
}

bool
hostchan_send (unsigned type, const char *name, size_t name_len,
               const void *data, size_t len)
{
  if (!present)
    return false;
  struct vg_host_header h = {
    .magic = VG_HOST_MAGIC,
    .type = (uint8_t)type,
    .name_len = (uint8_t)name_len,
    .len = (uint32_t)len,
    .seq = seq++,
  };
  uint32_t sum = put (VG_HOST_FNV_INIT, &h, sizeof h);
  sum = put (sum, name, name_len);
  sum = put (sum, data, len);
  uint8_t le[4] = { (uint8_t)sum, (uint8_t)(sum >> 8), (uint8_t)(sum >> 16),
                    (uint8_t)(sum >> 24) };
  put (0, le, sizeof le);
  return true;
}
