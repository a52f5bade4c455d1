/* Freestanding string functions.  gcc may emit calls to memset/memcpy
   itself, so these must exist even when no code names them.  */
#include "kstring.h"

#ifndef VG_HOST
void *
memset (void *s, int c, size_t n)
{
  unsigned char *p = s;
  /* Whole 8-byte words with rep stosq (zeroing a frame is the common
     case: 512 iterations, not 4096), then the tail byte by byte.  */
  if (((uintptr_t)p & 7) == 0 && n >= 8)
    {
      uint64_t word = 0x0101010101010101ull * (unsigned char)c;
      size_t words = n / 8;
      __asm__ volatile("rep stosq"
                       : "+D"(p), "+c"(words)
                       : "a"(word)
                       : "memory");
      n &= 7;
    }
  while (n--)
    *p++ = (unsigned char)c;
  return s;
}

void *
memcpy (void *restrict d, const void *restrict s, size_t n)
{
  unsigned char *dp = d;
  const unsigned char *sp = s;
  if ((((uintptr_t)dp | (uintptr_t)sp) & 7) == 0 && n >= 8)
    {
      size_t words = n / 8;
      __asm__ volatile("rep movsq"
                       : "+D"(dp), "+S"(sp), "+c"(words)
                       :
                       : "memory");
      n &= 7;
    }
  while (n--)
    *dp++ = *sp++;
  return d;
}

void *
memmove (void *d, const void *s, size_t n)
{
  unsigned char *dp = d;
  const unsigned char *sp = s;
  if (dp < sp)
    while (n--)
      *dp++ = *sp++;
  else
    while (n--)
      dp[n] = sp[n];
  return d;
}

int
memcmp (const void *a, const void *b, size_t n)
{
  const unsigned char *x = a, *y = b;
  for (; n; n--, x++, y++)
    if (*x != *y)
      return *x - *y;
  return 0;
}

size_t
strlen (const char *s)
{
  size_t n = 0;
  while (s[n])
    n++;
  return n;
}

size_t
strnlen (const char *s, size_t max)
{
  size_t n = 0;
  while (n < max && s[n])
    n++;
  return n;
}

int
strcmp (const char *a, const char *b)
{
  while (*a && *a == *b)
    a++, b++;
  return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp (const char *a, const char *b, size_t n)
{
  for (; n; n--, a++, b++)
    {
      if (*a != *b)
        return (unsigned char)*a - (unsigned char)*b;
      if (!*a)
        return 0;
    }
  return 0;
}
#endif
