/* Kernel command-line parsing (see cmdline.h).  */
#include "kern/cmdline.h"
#include "kstring.h"

static char buf[CMDLINE_MAX];
static struct
{
  const char *key;
  const char *value;
  bool bare; /* A word without '='.  */
} opts[CMDLINE_MAX_OPTS];
static int nopts;

/* Options some part of the kernel reads.  Extend as options are added.  */
static const char *const known[] = {
  "log",         "test",   "hz",          "quota",        "ata",
  "ata_timeout", "policy", "reclaim_low", "reclaim_high", "age_ms",
  "age_batch",   "stats",  "swap_soak",   "swap_crc",     "entrystat",
};

int
cmdline_parse (const char *s)
{
  int rc = 0;
  nopts = 0;
  size_t len = strnlen (s, CMDLINE_MAX);
  if (len == CMDLINE_MAX)
    {
      len = CMDLINE_MAX - 1;
      rc = -1;
    }
  memcpy (buf, s, len);
  buf[len] = '\0';

  char *p = buf;
  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        *p++ = '\0';
      if (!*p)
        break;
      if (nopts == CMDLINE_MAX_OPTS)
        {
          rc = -1;
          break;
        }
      char *word = p;
      while (*p && *p != ' ' && *p != '\t')
        p++;
      char *eq = word;
      while (eq < p && *eq != '=')
        eq++;
      opts[nopts].key = word;
      opts[nopts].bare = eq == p;
      if (eq < p)
        {
          *eq = '\0';
          opts[nopts].value = eq + 1;
        }
      else
        opts[nopts].value = "";
      nopts++;
    }
  return rc < 0 ? -1 : nopts;
}

const char *
cmdline_get (const char *key)
{
  for (int i = nopts - 1; i >= 0; i--)
    if (strcmp (opts[i].key, key) == 0)
      return opts[i].value;
  return NULL;
}

bool
cmdline_parse_u64 (const char *s, uint64_t *out)
{
  uint64_t v = 0;
  unsigned base = 10;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    {
      base = 16;
      s += 2;
    }
  if (!*s)
    return false;
  for (; *s; s++)
    {
      unsigned d;
      if (*s >= '0' && *s <= '9')
        d = *s - '0';
      else if (base == 16 && *s >= 'a' && *s <= 'f')
        d = *s - 'a' + 10;
      else if (base == 16 && *s >= 'A' && *s <= 'F')
        d = *s - 'A' + 10;
      else
        return false;
      if (v > (UINT64_MAX - d) / base)
        return false;
      v = v * base + d;
    }
  *out = v;
  return true;
}

bool
cmdline_get_u64 (const char *key, uint64_t *out)
{
  const char *v = cmdline_get (key);
  return v && cmdline_parse_u64 (v, out);
}

int
cmdline_unknown (const char **names, int max)
{
  int n = 0;
  for (int i = 0; i < nopts; i++)
    {
      /* Loaders (QEMU, GRUB) put the image path first.  */
      bool ok = i == 0 && opts[i].bare;
      for (unsigned k = 0; k < sizeof known / sizeof known[0] && !ok; k++)
        ok = strcmp (opts[i].key, known[k]) == 0;
      if (!ok)
        {
          if (n < max)
            names[n] = opts[i].key;
          n++;
        }
    }
  return n;
}
