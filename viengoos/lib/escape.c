/* Escaping untrusted bytes for the console (see escape.h).  */
#include "escape.h"

size_t
escape_bytes (char *out, const char *in, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  size_t o = 0;
  for (size_t i = 0; i < n; i++)
    {
      unsigned char c = (unsigned char)in[i];
      if (c == '\\')
        {
          out[o++] = '\\';
          out[o++] = '\\';
        }
      else if ((c >= 0x20 && c < 0x7f) || c == '\t')
        out[o++] = (char)c;
      else
        {
          out[o++] = '\\';
          out[o++] = 'x';
          out[o++] = hex[c >> 4];
          out[o++] = hex[c & 15];
        }
    }
  return o;
}
