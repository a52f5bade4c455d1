/* newlib: malloc, calloc, realloc and free under 100,000 pseudo-random
   operations on up to 512 live blocks of 1 B to 4 MiB, with at most
   64 MiB live (1 in 20 requests is large, so the live total climbs to
   that limit and stays near it).
   The shadow: for each live block its size and a seed from which its
   expected contents are regenerated; every byte of a block up to 8 KiB,
   and for larger blocks the first and last 4 KiB and 64 bytes in every
   4 KiB page, are written from the seed and verified before the block
   is freed or reallocated (realloc must keep the old prefix), so blocks
   that overlap or lose their contents are caught.  calloc must return
   zeros; every pointer must be 16-byte aligned.  argv[1] may give
   another seed.  Final line PASS or FAIL.  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPS 100000
#define SLOTS 512
#define MAX_SIZE (4u << 20)
#define PEAK (64u << 20)

struct shadow
{
  unsigned char *p;
  size_t size;
  uint32_t seed;
};

static struct shadow slots[SLOTS];
static size_t live, peak;
static int failures;
static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint32_t
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (uint32_t)(rng >> 32);
}

/* The byte the shadow expects at offset I of a block with SEED.  */
static unsigned char
expected (uint32_t seed, size_t i)
{
  uint32_t x = seed ^ (uint32_t)(i * 2654435761u) ^ (uint32_t)(i >> 12);
  return (unsigned char)(x ^ (x >> 8) ^ (x >> 16));
}

/* Call F on each checked range [A, B) of a block of SIZE bytes.  */
static void
ranges (size_t size, void (*f) (struct shadow *, size_t, size_t),
        struct shadow *s)
{
  if (size <= 8192)
    {
      f (s, 0, size);
      return;
    }
  f (s, 0, 4096);
  for (size_t a = 4096; a + 4096 < size; a += 4096)
    f (s, a, a + 64);
  f (s, size - 4096, size);
}

static void
fill_range (struct shadow *s, size_t a, size_t b)
{
  for (size_t i = a; i < b; i++)
    s->p[i] = expected (s->seed, i);
}

static size_t check_limit;
static void
check_range (struct shadow *s, size_t a, size_t b)
{
  if (b > check_limit)
    b = check_limit;
  for (size_t i = a; i < b; i++)
    if (s->p[i] != expected (s->seed, i))
      {
        if (failures++ < 5)
          printf ("newlib_malloc: block %p size %zu corrupt at %zu\n",
                  (void *)s->p, s->size, i);
        return;
      }
}

/* Check SIZE bytes of S (at most its own size) against the shadow.  */
static void
verify (struct shadow *s, size_t size)
{
  check_limit = size;
  ranges (s->size, check_range, s);
}

static size_t
random_size (void)
{
  uint32_t r = next () % 100;
  if (r < 85)
    return 1 + next () % 4096;
  if (r < 95)
    return 4096 + next () % (256u << 10);
  return (256u << 10) + next () % (MAX_SIZE - (256u << 10) + 1);
}

static int
got (struct shadow *s, void *p, size_t size, const char *what)
{
  if (p == NULL)
    {
      printf ("newlib_malloc: %s (%zu) returned NULL with %zu live%s\n", what,
              size, live,
              live == 0 ? " (no heap: is libhurd-mm's hurd_mm_sbrk linked?)"
                        : "");
      failures++;
      return 0;
    }
  if ((uintptr_t)p % 16 != 0)
    {
      printf ("newlib_malloc: %s gave misaligned %p\n", what, p);
      failures++;
    }
  s->p = p;
  s->size = size;
  return 1;
}

static void
op (struct shadow *s)
{
  uint32_t kind = next () % 8;
  if (s->p == NULL)
    {
      size_t size = random_size ();
      if (live + size > PEAK)
        return;
      s->seed = next ();
      if (kind == 0)
        {
          if (!got (s, calloc (1, size), size, "calloc"))
            return;
          for (size_t i = 0; i < size; i++)
            if (s->p[i] != 0)
              {
                printf ("newlib_malloc: calloc byte %zu not zero\n", i);
                failures++;
                break;
              }
        }
      else if (!got (s, malloc (size), size, "malloc"))
        return;
      live += size;
      ranges (size, fill_range, s);
    }
  else if (kind < 2 && live < PEAK - MAX_SIZE)
    {
      /* realloc: the old contents up to the smaller size survive.  */
      size_t size = random_size ();
      size_t old = s->size;
      unsigned char *p = realloc (s->p, size);
      if (p == NULL)
        {
          printf ("newlib_malloc: realloc (%zu) failed\n", size);
          failures++;
          return;
        }
      s->p = p;
      verify (s, old < size ? old : size);
      live = live - old + size;
      s->size = size;
      s->seed = next ();
      ranges (size, fill_range, s);
    }
  else if (live > PEAK - MAX_SIZE || kind < 3)
    {
      verify (s, s->size);
      free (s->p);
      live -= s->size;
      s->p = NULL;
      s->size = 0;
    }
  if (live > peak)
    peak = live;
}

int
main (int argc, char **argv)
{
  if (argc > 1)
    rng = strtoull (argv[1], NULL, 0) | 1;
  for (int i = 0; i < OPS && failures < 5; i++)
    op (&slots[next () % SLOTS]);
  for (int i = 0; i < SLOTS; i++)
    if (slots[i].p != NULL)
      {
        verify (&slots[i], slots[i].size);
        free (slots[i].p);
      }
  printf ("newlib_malloc: %d ops, peak %zu KiB live, %d failure(s)\n", OPS,
          peak >> 10, failures);
  printf ("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
