/* newlib: printf formats, integers and floating point.  Each case
   formats with snprintf and compares with the expected text; the result
   is printed, then a final PASS or FAIL line.  */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;

static void
expect (const char *got, const char *want, const char *what)
{
  if (strcmp (got, want) != 0)
    {
      printf ("newlib_printf: %s: got \"%s\", want \"%s\"\n", what, got, want);
      failures++;
    }
}

#define CASE(want, ...)                                                       \
  do                                                                          \
    {                                                                         \
      char buf_[128];                                                         \
      snprintf (buf_, sizeof buf_, __VA_ARGS__);                              \
      expect (buf_, want, #__VA_ARGS__);                                      \
    }                                                                         \
  while (0)

static void
integers (void)
{
  CASE ("42 -42 +42 42", "%d %i %+d %u", 42, -42, 42, 42u);
  CASE ("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
  CASE ("ff FF 0xff 377 0377", "%x %X %#x %o %#o", 255, 255, 255, 255, 255);
  CASE ("-9223372036854775808", "%lld", (long long)INT64_MIN);
  CASE ("18446744073709551615", "%llu", (unsigned long long)UINT64_MAX);
  CASE ("4294967295 -1", "%lu %ld", 4294967295ul, -1l);
  CASE ("127 -128 65535", "%hhd %hhd %hu", 127, -128, 65535);
  CASE ("123 456", "%zu %jd", (size_t)123, (intmax_t)456);
  CASE ("c A %", "%c %c %%", 'c', 65);
  CASE ("[hello][  hel][hel  ]", "[%s][%5.3s][%-5.3s]", "hello", "hello",
        "hello");
  CASE ("0x1234", "%p", (void *)0x1234);
  CASE ("[  +7][-7  ][ 7]", "[%+4d][%-4d][% d]", 7, -7, 7);
  CASE ("0000002a", "%.8x", 42);
  CASE ("*   9*", "*%*d*", 4, 9);
  int n = 0;
  char buf[32];
  snprintf (buf, sizeof buf, "abc%n", &n);
  if (n != 3)
    {
      printf ("newlib_printf: %%n gave %d\n", n);
      failures++;
    }
  const char *volatile long_text = "truncated";
  int len = snprintf (buf, 4, "%s", long_text);
  expect (buf, "tru", "truncation");
  if (len != 9)
    {
      printf ("newlib_printf: snprintf returned %d, want 9\n", len);
      failures++;
    }
}

static void
floats (void)
{
  CASE ("3.141593", "%f", 3.14159265358979);
  CASE ("3.142", "%.3f", 3.14159265358979);
  CASE ("-0.500000", "%f", -0.5);
  CASE ("1.234568e+04", "%e", 12345.678);
  CASE ("1.23E-05", "%.2E", 0.0000123);
  CASE ("0.0001", "%g", 0.0001);
  CASE ("1e-05", "%g", 0.00001);
  CASE ("123457", "%g", 123456.7);
  CASE ("1.23457e+06", "%g", 1234567.0);
  CASE ("[   2.50][2.50   ]", "[%7.2f][%-7.2f]", 2.5, 2.5);
  CASE ("+1.0", "%+.1f", 1.0);
  CASE ("0x1p+0", "%a", 1.0);
  CASE ("inf -inf nan", "%f %f %f", __builtin_inf (), -__builtin_inf (),
        __builtin_nan (""));
  CASE ("100000000000000000000.000000", "%f", 1e20);
  CASE ("2.718281828459045", "%.15f", 2.718281828459045);
  /* Long double goes through the same code.  */
  CASE ("1.500000", "%Lf", (long double)1.5);
  /* Round trip through strtod.  */
  char buf[64];
  double x = 0.1 + 0.2;
  snprintf (buf, sizeof buf, "%.17g", x);
  if (strtod (buf, NULL) != x)
    {
      printf ("newlib_printf: %s does not round-trip\n", buf);
      failures++;
    }
  /* Arithmetic in SSE, printed.  */
  volatile double a = 1.0;
  for (int i = 0; i < 10; i++)
    a *= 1.5;
  CASE ("57.6650390625", "%.10f", a);
}

int
main (void)
{
  integers ();
  floats ();
  /* Straight to the console too, to see it there.  */
  printf ("newlib_printf: %d %s %x %.3f %e\n", -1, "str", 0xbeef, 2.0 / 3.0,
          6.02214076e23);
  printf ("newlib_printf: %d failure(s)\n", failures);
  printf ("%s\n", failures == 0 ? "PASS" : "FAIL");
  return failures == 0 ? 0 : 1;
}
