/* The few string functions the kernel needs.  The host flavour uses the C
   library's, which have the same names and semantics.  */
#ifndef VG_KSTRING_H
#define VG_KSTRING_H

#include "types.h"

#ifdef VG_HOST
#include_next <string.h>
#else
void *memset (void *s, int c, size_t n);
void *memcpy (void *restrict d, const void *restrict s, size_t n);
void *memmove (void *d, const void *s, size_t n);
int memcmp (const void *a, const void *b, size_t n);
size_t strlen (const char *s);
size_t strnlen (const char *s, size_t max);
int strcmp (const char *a, const char *b);
int strncmp (const char *a, const char *b, size_t n);
#endif

#endif
