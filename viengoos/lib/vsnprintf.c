/* The kernel's printf engine (see vsnprintf.h).  */
#include "vsnprintf.h"

struct out
{
  char *buf;
  size_t size;
  size_t len;
};

static void
out_char (struct out *o, char c)
{
  if (o->len + 1 < o->size)
    o->buf[o->len] = c;
  o->len++;
}

static void
out_pad (struct out *o, char c, int n)
{
  while (n-- > 0)
    out_char (o, c);
}

static void
out_number (struct out *o, uint64_t v, bool neg, unsigned base, bool upper,
            int width, bool left, bool zero, const char *prefix)
{
  char tmp[24];
  int n = 0;
  const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do
    {
      tmp[n++] = digits[v % base];
      v /= base;
    }
  while (v);
  int plen = (neg ? 1 : 0) + (int)__builtin_strlen (prefix);
  int pad = width - n - plen;
  if (!left && !zero)
    out_pad (o, ' ', pad);
  if (neg)
    out_char (o, '-');
  for (; *prefix; prefix++)
    out_char (o, *prefix);
  if (!left && zero)
    out_pad (o, '0', pad);
  while (n)
    out_char (o, tmp[--n]);
  if (left)
    out_pad (o, ' ', pad);
}

int
vg_vsnprintf (char *buf, size_t size, const char *fmt, va_list ap)
{
  struct out o = { buf, size, 0 };
  for (; *fmt; fmt++)
    {
      if (*fmt != '%')
        {
          out_char (&o, *fmt);
          continue;
        }
      fmt++;
      bool left = false, zero = false, alt = false;
      for (;; fmt++)
        if (*fmt == '-')
          left = true;
        else if (*fmt == '#')
          alt = true;
        else if (*fmt == '0')
          zero = true;
        else
          break;
      int width = 0;
      if (*fmt == '*')
        {
          width = va_arg (ap, int);
          if (width < 0)
            {
              left = true;
              width = -width;
            }
          fmt++;
        }
      else
        while (*fmt >= '0' && *fmt <= '9')
          width = width * 10 + (*fmt++ - '0');
      int prec = -1;
      if (*fmt == '.')
        {
          fmt++;
          prec = 0;
          if (*fmt == '*')
            {
              prec = va_arg (ap, int);
              fmt++;
            }
          else
            while (*fmt >= '0' && *fmt <= '9')
              prec = prec * 10 + (*fmt++ - '0');
        }
      int lng = 0; /* 0 int, 1 long/size_t/ptrdiff/intmax, -1 short, -2 char */
      for (;; fmt++)
        if (*fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j')
          lng = 1;
        else if (*fmt == 'h')
          lng = lng < 0 ? -2 : -1;
        else
          break;
      if (left)
        zero = false;

      switch (*fmt)
        {
        case 'd':
        case 'i':
          {
            int64_t v = lng == 1 ? va_arg (ap, int64_t) : va_arg (ap, int);
            if (lng == -1)
              v = (short)v;
            else if (lng == -2)
              v = (signed char)v;
            uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;
            out_number (&o, mag, v < 0, 10, false, width, left, zero, "");
            break;
          }
        case 'u':
        case 'x':
        case 'X':
        case 'o':
          {
            uint64_t v
                = lng == 1 ? va_arg (ap, uint64_t) : va_arg (ap, unsigned int);
            if (lng == -1)
              v = (unsigned short)v;
            else if (lng == -2)
              v = (unsigned char)v;
            unsigned base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
            const char *prefix = "";
            if (alt && v != 0)
              prefix = base == 16  ? (*fmt == 'X' ? "0X" : "0x")
                       : base == 8 ? "0"
                                   : "";
            out_number (&o, v, false, base, *fmt == 'X', width, left, zero,
                        prefix);
            break;
          }
        case 'p':
          out_number (&o, (uintptr_t)va_arg (ap, void *), false, 16, false,
                      width, left, zero, "0x");
          break;
        case 'c':
          out_pad (&o, ' ', left ? 0 : width - 1);
          out_char (&o, (char)va_arg (ap, int));
          out_pad (&o, ' ', left ? width - 1 : 0);
          break;
        case 's':
          {
            const char *s = va_arg (ap, const char *);
            if (!s)
              s = "(null)";
            int n = 0;
            while (s[n] && (prec < 0 || n < prec))
              n++;
            out_pad (&o, ' ', left ? 0 : width - n);
            for (int i = 0; i < n; i++)
              out_char (&o, s[i]);
            out_pad (&o, ' ', left ? width - n : 0);
            break;
          }
        case '%':
          out_char (&o, '%');
          break;
        case '\0':
          fmt--;
          break;
        default:
          /* Unknown conversion: print it verbatim so the mistake shows.  */
          out_char (&o, '%');
          out_char (&o, *fmt);
          break;
        }
    }
  if (size)
    buf[o.len < size ? o.len : size - 1] = '\0';
  return (int)o.len;
}

int
vg_snprintf (char *buf, size_t size, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  int n = vg_vsnprintf (buf, size, fmt, ap);
  va_end (ap);
  return n;
}
