/* CRC32C, reflected, polynomial 0x82f63b78, by slicing-by-8: eight
   256-entry tables (8 KiB, in the image's data, built on first use)
   fold eight bytes per step; a byte at a time before and after.  */
#include "crc32c.h"

static uint32_t table[8][256];
static bool ready;

static void
build (void)
{
  for (uint32_t i = 0; i < 256; i++)
    {
      uint32_t c = i;
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (c & 1 ? 0x82f63b78u : 0);
      table[0][i] = c;
    }
  for (uint32_t i = 0; i < 256; i++)
    for (int t = 1; t < 8; t++)
      table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
  ready = true;
}

uint32_t
crc32c (uint32_t crc, const void *p, size_t n)
{
  if (!ready)
    build ();
  const uint8_t *b = p;
  crc = ~crc;
  while (n && ((uintptr_t)b & 7))
    {
      crc = table[0][(crc ^ *b++) & 0xff] ^ (crc >> 8);
      n--;
    }
  for (; n >= 8; n -= 8, b += 8)
    {
      /* Little-endian: the first byte is the low one.  */
      uint64_t w = *(const uint64_t *)b ^ crc;
      crc = table[7][w & 0xff] ^ table[6][(w >> 8) & 0xff]
            ^ table[5][(w >> 16) & 0xff] ^ table[4][(w >> 24) & 0xff]
            ^ table[3][(w >> 32) & 0xff] ^ table[2][(w >> 40) & 0xff]
            ^ table[1][(w >> 48) & 0xff] ^ table[0][w >> 56];
    }
  while (n--)
    crc = table[0][(crc ^ *b++) & 0xff] ^ (crc >> 8);
  return ~crc;
}
