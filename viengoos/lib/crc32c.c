/* CRC32C, reflected, polynomial 0x82f63b78, by a 256-entry table built
   on first use (1 KiB, in the image's data).  */
#include "crc32c.h"

static uint32_t table[256];
static bool ready;

static void
build (void)
{
  for (uint32_t i = 0; i < 256; i++)
    {
      uint32_t c = i;
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (c & 1 ? 0x82f63b78u : 0);
      table[i] = c;
    }
  ready = true;
}

uint32_t
crc32c (uint32_t crc, const void *p, size_t n)
{
  if (!ready)
    build ();
  const uint8_t *b = p;
  crc = ~crc;
  while (n--)
    crc = table[(crc ^ *b++) & 0xff] ^ (crc >> 8);
  return ~crc;
}
