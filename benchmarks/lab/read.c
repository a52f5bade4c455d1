/* Trace readers: kernel traces (mm/trace-record.h), plain text with one
   key per line, CSV with a key column (trace.h).  */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mm/trace-record.h"
#include "trace.h"

/* A key from text: a decimal or 0x number as itself, anything else by
   its FNV-1a hash.  */
static uint64_t
key_of (const char *s, size_t len)
{
  char buf[32];
  if (len > 0 && len < sizeof buf)
    {
      memcpy (buf, s, len);
      buf[len] = '\0';
      char *end;
      errno = 0;
      unsigned long long v = strtoull (buf, &end, 0);
      if (*end == '\0' && errno == 0 && buf[0] != '-' && buf[0] != '+'
          && !isspace ((unsigned char)buf[0]))
        return v;
    }
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < len; i++)
    h = (h ^ (unsigned char)s[i]) * 0x100000001b3ull;
  return h;
}

static bool
oom (const char *name)
{
  fprintf (stderr, "lab: %s: out of memory (or more than 2^32 references)\n",
           name);
  return false;
}

/* Text: KEY [PRIORITY [d|i]] per line; blank lines and # comments
   skipped.  */
static bool
read_text (struct lab_trace *t, FILE *f, const char *name)
{
  char *line = NULL;
  size_t size = 0;
  unsigned long lineno = 0;
  bool ok = true;
  while (ok && getline (&line, &size, f) >= 0)
    {
      lineno++;
      char *p = line;
      while (isspace ((unsigned char)*p))
        p++;
      if (*p == '\0' || *p == '#')
        continue;
      char *k = p;
      while (*p && !isspace ((unsigned char)*p))
        p++;
      size_t klen = (size_t)(p - k);
      long prio = 0;
      bool disc = false;
      while (isspace ((unsigned char)*p))
        p++;
      if (*p)
        {
          char *end;
          prio = strtol (p, &end, 10);
          if (end == p || prio < -128 || prio > 127)
            {
              fprintf (stderr,
                       "lab: %s:%lu: priority must be -128..127, got %s", name,
                       lineno, p);
              ok = false;
              break;
            }
          p = end;
          while (isspace ((unsigned char)*p))
            p++;
          if (*p == 'd' || *p == 'i')
            disc = *p++ == 'd';
          while (isspace ((unsigned char)*p))
            p++;
          if (*p)
            {
              fprintf (stderr,
                       "lab: %s:%lu: expected KEY [PRIORITY [d|i]], got %s",
                       name, lineno, k);
              ok = false;
              break;
            }
        }
      if (!trace_append (t, key_of (k, klen), (int8_t)prio, disc))
        ok = oom (name);
    }
  free (line);
  return ok;
}

/* Split LINE at commas in place (quotes around a field are dropped).
   Returns the number of fields, at most MAX.  */
static int
split_csv (char *line, char **field, size_t *len, int max)
{
  int n = 0;
  char *p = line;
  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      char *s = p;
      while (*p && *p != ',' && *p != '\n' && *p != '\r')
        p++;
      char *e = p;
      while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
      if (e - s >= 2 && *s == '"' && e[-1] == '"')
        s++, e--;
      if (n < max)
        {
          field[n] = s;
          len[n] = (size_t)(e - s);
        }
      n++;
      if (*p != ',')
        break;
      p++;
    }
  return n < max ? n : max;
}

static bool
is_number (const char *s, size_t len)
{
  if (len == 0)
    return false;
  for (size_t i = 0; i < len; i++)
    if (!isxdigit ((unsigned char)s[i]) && s[i] != 'x' && s[i] != 'X'
        && !(i == 0 && s[i] == '-'))
      return false;
  return true;
}

static bool
field_is (const char *s, size_t len, const char *name)
{
  return strlen (name) == len && strncasecmp (s, name, len) == 0;
}

#define CSV_MAX_FIELDS 64

static bool
read_csv (struct lab_trace *t, FILE *f, const char *name, const char *column)
{
  char *line = NULL;
  size_t size = 0;
  unsigned long lineno = 0;
  int kcol = -1, pcol = -1, dcol = -1;
  bool ok = true, first = true;
  char *field[CSV_MAX_FIELDS];
  size_t len[CSV_MAX_FIELDS];
  if (column && is_number (column, strlen (column)))
    {
      kcol = atoi (column) - 1;
      if (kcol < 0 || kcol >= CSV_MAX_FIELDS)
        {
          fprintf (stderr, "lab: column %s: must be 1..%d\n", column,
                   CSV_MAX_FIELDS);
          return false;
        }
    }
  while (ok && getline (&line, &size, f) >= 0)
    {
      lineno++;
      if (line[0] == '\n' || line[0] == '\0' || line[0] == '#')
        continue;
      int n = split_csv (line, field, len, CSV_MAX_FIELDS);
      if (first)
        {
          first = false;
          bool header = false;
          for (int i = 0; i < n; i++)
            if (!is_number (field[i], len[i]))
              header = true;
          if (header)
            {
              for (int i = 0; i < n; i++)
                {
                  if (kcol < 0
                      && (column ? field_is (field[i], len[i], column)
                                 : (field_is (field[i], len[i], "key")
                                    || field_is (field[i], len[i], "obj_id")
                                    || field_is (field[i], len[i], "object"))))
                    kcol = i;
                  if (field_is (field[i], len[i], "priority"))
                    pcol = i;
                  if (field_is (field[i], len[i], "discardable"))
                    dcol = i;
                }
              if (kcol < 0 && column)
                {
                  fprintf (stderr, "lab: %s:1: no column named %s\n", name,
                           column);
                  ok = false;
                }
              if (kcol < 0)
                kcol = 0;
              continue;
            }
          if (kcol < 0)
            kcol = 0;
        }
      if (kcol >= n)
        {
          fprintf (stderr, "lab: %s:%lu: no column %d\n", name, lineno,
                   kcol + 1);
          ok = false;
          break;
        }
      long prio = pcol >= 0 && pcol < n ? strtol (field[pcol], NULL, 10) : 0;
      bool disc = dcol >= 0 && dcol < n && len[dcol] > 0
                  && (field[dcol][0] == '1' || field[dcol][0] == 't'
                      || field[dcol][0] == 'd');
      if (prio < -128 || prio > 127)
        {
          fprintf (stderr, "lab: %s:%lu: priority must be -128..127\n", name,
                   lineno);
          ok = false;
          break;
        }
      if (!trace_append (t, key_of (field[kcol], len[kcol]), (int8_t)prio,
                         disc))
        ok = oom (name);
    }
  free (line);
  return ok;
}

static uint64_t
get_le (const unsigned char *p, int bytes)
{
  uint64_t v = 0;
  for (int b = bytes; b-- > 0;)
    v = (v << 8) | p[b];
  return v;
}

static bool
read_kernel (struct lab_trace *t, FILE *f, const char *name)
{
  unsigned char h[sizeof (struct vg_trace_header)];
  if (fread (h, sizeof h, 1, f) != 1 || memcmp (h, VG_TRACE_MAGIC, 8) != 0)
    {
      fprintf (stderr, "lab: %s: not a kernel trace (no %s header)\n", name,
               VG_TRACE_MAGIC);
      return false;
    }
  uint32_t version = (uint32_t)get_le (h + 8, 4);
  uint32_t rsize = (uint32_t)get_le (h + 12, 4);
  if (version != VG_TRACE_VERSION || rsize < sizeof (struct vg_trace_record)
      || rsize > 4096)
    {
      fprintf (stderr,
               "lab: %s: trace version %u, record size %u: "
               "this lab reads version %u, records of at least %zu bytes\n",
               name, version, rsize, VG_TRACE_VERSION,
               sizeof (struct vg_trace_record));
      return false;
    }
  unsigned char r[4096];
  for (uint64_t k = 0;; k++)
    {
      size_t got = fread (r, 1, rsize, f);
      if (got == 0)
        break;
      if (got != rsize)
        {
          fprintf (stderr,
                   "lab: %s: record %llu truncated (%zu of %u "
                   "bytes)\n",
                   name, (unsigned long long)k, got, rsize);
          return false;
        }
      if (t->activity >= 0 && get_le (r + 16, 4) != (uint64_t)t->activity)
        continue;
      uint64_t object = get_le (r + 8, 8);
      uint8_t kind = r[24];
      int8_t prio = (int8_t)r[25];
      bool disc = r[26] & VG_TRACE_DISCARDABLE;
      switch (kind)
        {
        case VG_TRACE_FAULT:
        case VG_TRACE_REFAULT:
        case VG_TRACE_REFERENCED:
          if (!trace_append (t, object, prio, disc))
            return oom (name);
          break;
        case VG_TRACE_EVICT:
          t->kernel_evictions++;
          break;
        case VG_TRACE_DISCARD:
          t->kernel_discards++;
          break;
        case VG_TRACE_DROPPED:
          t->dropped += object;
          break;
        default:
          fprintf (stderr, "lab: %s: record %llu has unknown kind %u\n", name,
                   (unsigned long long)k, kind);
          return false;
        }
    }
  return true;
}

bool
trace_read_stream (struct lab_trace *t, FILE *f, const char *name,
                   enum lab_format fmt, const char *column)
{
  bool ok;
  switch (fmt)
    {
    case LAB_FORMAT_KERNEL:
      ok = read_kernel (t, f, name);
      break;
    case LAB_FORMAT_CSV:
      ok = read_csv (t, f, name, column);
      break;
    default:
      ok = read_text (t, f, name);
      break;
    }
  if (ok && ferror (f))
    {
      fprintf (stderr, "lab: %s: read error\n", name);
      ok = false;
    }
  return ok;
}

/* Guess the format from the first bytes and the name.  */
static enum lab_format
detect (FILE *f, const char *path)
{
  char buf[512];
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  buf[n] = '\0';
  rewind (f);
  if (n >= 8 && memcmp (buf, VG_TRACE_MAGIC, 8) == 0)
    return LAB_FORMAT_KERNEL;
  size_t plen = strlen (path);
  if (plen > 4 && strcmp (path + plen - 4, ".csv") == 0)
    return LAB_FORMAT_CSV;
  char *nl = strchr (buf, '\n');
  if (nl)
    *nl = '\0';
  return strchr (buf, ',') ? LAB_FORMAT_CSV : LAB_FORMAT_TEXT;
}

bool
trace_read (struct lab_trace *t, const char *path, enum lab_format fmt,
            const char *column)
{
  if (strcmp (path, "-") == 0)
    return trace_read_stream (t, stdin, "stdin",
                              fmt == LAB_FORMAT_AUTO ? LAB_FORMAT_TEXT : fmt,
                              column);
  FILE *f = fopen (path, "rb");
  if (!f)
    {
      fprintf (stderr, "lab: %s: %s\n", path, strerror (errno));
      return false;
    }
  if (fmt == LAB_FORMAT_AUTO)
    fmt = detect (f, path);
  bool ok = trace_read_stream (t, f, path, fmt, column);
  fclose (f);
  return ok;
}
