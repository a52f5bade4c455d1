/* newlib: string.h, ctype.h and stdlib's conversions, each checked
   against an expected value or an independent computation.  Final line
   PASS or FAIL.  */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

#define CHECK(cond)                                                           \
  do                                                                          \
    {                                                                         \
      if (!(cond))                                                            \
        {                                                                     \
          printf ("newlib_string: line %d: %s\n", __LINE__, #cond);           \
          failures++;                                                         \
        }                                                                     \
    }                                                                         \
  while (0)

static void
strings (void)
{
  char buf[64];
  CHECK (strlen ("") == 0 && strlen ("hello") == 5);
  strcpy (buf, "foo");
  strcat (buf, "bar");
  CHECK (strcmp (buf, "foobar") == 0);
  CHECK (strncmp ("abcx", "abcy", 3) == 0 && strncmp ("abcx", "abcy", 4) < 0);
  CHECK (strchr (buf, 'b') == buf + 3 && strrchr ("a.b.c", '.') != NULL
         && strrchr ("a.b.c", '.')[1] == 'c');
  CHECK (strchr (buf, 'z') == NULL);
  CHECK (strstr ("haystack needle hay", "needle") != NULL
         && strstr ("haystack", "needle") == NULL);
  memset (buf, 'x', sizeof buf);
  strncpy (buf, "ab", 5);
  CHECK (buf[0] == 'a' && buf[2] == '\0' && buf[4] == '\0' && buf[5] == 'x');
  strcpy (buf, "0123456789");
  memmove (buf + 2, buf, 5);
  CHECK (memcmp (buf, "0101234789", 10) == 0);
  memmove (buf, buf + 3, 5);
  CHECK (memcmp (buf, "1234734789", 10) == 0);
  CHECK (memcmp ("abc", "abd", 3) < 0 && memcmp ("abc", "abc", 3) == 0);
  char line[] = "one, two,,three";
  const char *want[] = { "one", " two", "three" };
  int n = 0;
  for (char *t = strtok (line, ","); t != NULL; t = strtok (NULL, ","), n++)
    CHECK (n < 3 && strcmp (t, want[n]) == 0);
  CHECK (n == 3);
  CHECK (strspn ("aabbc", "ab") == 4 && strcspn ("hello", "l") == 2);
  char *d = strdup ("dup");
  /* strdup needs malloc: with no heap yet (no hurd_mm_sbrk) it fails.  */
  CHECK (d != NULL && strcmp (d, "dup") == 0);
  free (d);
  CHECK (strcasecmp ("HeLLo", "hello") == 0);
}

static void
ctype (void)
{
  for (int c = 0; c < 128; c++)
    {
      int upper = c >= 'A' && c <= 'Z';
      int lower = c >= 'a' && c <= 'z';
      int digit = c >= '0' && c <= '9';
      int space = c == ' ' || (c >= '\t' && c <= '\r');
      int xdigit = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      CHECK ((isupper (c) != 0) == upper);
      CHECK ((islower (c) != 0) == lower);
      CHECK ((isalpha (c) != 0) == (upper || lower));
      CHECK ((isdigit (c) != 0) == digit);
      CHECK ((isalnum (c) != 0) == (upper || lower || digit));
      CHECK ((isspace (c) != 0) == space);
      CHECK ((isxdigit (c) != 0) == xdigit);
      CHECK ((isprint (c) != 0) == (c >= 32 && c < 127));
      CHECK ((iscntrl (c) != 0) == (c < 32 || c == 127));
      CHECK (toupper (c) == (lower ? c - 32 : c));
      CHECK (tolower (c) == (upper ? c + 32 : c));
    }
}

static void
conversions (void)
{
  char *end;
  CHECK (strtol ("  -1234xyz", &end, 10) == -1234 && *end == 'x');
  CHECK (strtol ("0x7f", NULL, 16) == 127 && strtol ("0x7f", NULL, 0) == 127);
  CHECK (strtol ("0755", NULL, 0) == 0755);
  CHECK (strtoul ("4294967295", NULL, 10) == 4294967295ul);
  errno = 0;
  CHECK (strtol ("99999999999999999999", NULL, 10) == LONG_MAX
         && errno == ERANGE);
  CHECK (atoi ("42") == 42 && atol ("-7") == -7);
  CHECK (strtoll ("-9223372036854775808", NULL, 10) == LLONG_MIN);
  CHECK (strtod ("2.5e3", &end) == 2500.0 && *end == '\0');
  CHECK (abs (-3) == 3 && labs (-4l) == 4);
  div_t q = div (17, 5);
  CHECK (q.quot == 3 && q.rem == 2);
}

int
main (void)
{
  strings ();
  ctype ();
  conversions ();
  printf ("newlib_string: %d failure(s)\n", failures);
  printf ("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
