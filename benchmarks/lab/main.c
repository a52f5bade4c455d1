/* The lab: replay a trace through every policy at several cache sizes;
   print a table, write a CSV for tools/lab-plot.  doc/eviction-lab.md.  */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim.h"
#include "trace.h"

#define MAX_SIZES 64
#define MAX_POLICIES 32
#define DEFAULT_SIZES "1%,2%,5%,10%,20%,50%,100%"

static void
usage (FILE *f)
{
  fprintf (f,
           "usage: lab [options] TRACE    (TRACE - reads text from stdin)\n"
           "  -s, --sizes LIST     cache sizes in frames, comma-separated;\n"
           "                       N%% is N percent of the distinct keys\n"
           "                       (default %s)\n"
           "  -p, --policies LIST  default: opt, lru and every kernel "
           "policy\n"
           "  -f, --format F       auto, kernel, text or csv (default "
           "auto)\n"
           "  -c, --column C       CSV key column: a header name or a "
           "1-based number\n"
           "  -o, --csv FILE       write the results as CSV\n"
           "      --oracle FILE    write the trace in libCacheSim's "
           "oracleGeneral format\n"
           "      --lcs-csv FILE   write the trace as libCacheSim CSV\n"
           "  -a, --activity N     kernel traces: only activity N's events\n"
           "      --victims FILE   write the evicted keys in order, one a "
           "line\n"
           "                       (one policy and one size only)\n"
           "  -q, --quiet          no table\n"
           "  -l, --list           list the policies\n",
           DEFAULT_SIZES);
}

static void
list_policies (FILE *f)
{
  fprintf (f, "  %-12s %s\n", "opt",
           "Belady's OPT (lab only; needs the "
           "future)");
  fprintf (f, "  %-12s %s\n", lab_lru_ops.name, lab_lru_ops.summary);
  for (size_t k = 0; k < policy_registry_count; k++)
    fprintf (f, "  %-12s %s\n", policy_registry[k]->name,
             policy_registry[k]->summary);
}

static int
parse_sizes (const char *list, uint32_t nkeys, uint32_t *out)
{
  int n = 0;
  char *copy = strdup (list), *save = NULL;
  for (char *tok = strtok_r (copy, ",", &save); tok;
       tok = strtok_r (NULL, ",", &save))
    {
      char *end;
      double v = strtod (tok, &end);
      bool pct = *end == '%';
      if (end == tok || (*end && !(pct && end[1] == '\0')) || v <= 0
          || n == MAX_SIZES)
        {
          fprintf (stderr,
                   "lab: bad size '%s' (a frame count or N%%, at "
                   "most %d sizes)\n",
                   tok, MAX_SIZES);
          free (copy);
          return -1;
        }
      double frames = pct ? v * nkeys / 100.0 + 0.5 : v;
      uint32_t f = frames < 1            ? 1
                   : frames > UINT32_MAX ? UINT32_MAX
                                         : (uint32_t)frames;
      bool dup = false;
      for (int i = 0; i < n; i++)
        dup |= out[i] == f;
      if (!dup)
        out[n++] = f;
    }
  free (copy);
  /* Ascending, for the table and the plot.  */
  for (int i = 1; i < n; i++)
    for (int j = i; j > 0 && out[j - 1] > out[j]; j--)
      {
        uint32_t x = out[j];
        out[j] = out[j - 1];
        out[j - 1] = x;
      }
  return n;
}

static void
unknown_policy (const char *name)
{
  char names[512];
  policy_names (names, sizeof names);
  fprintf (stderr, "lab: unknown policy '%s'; known: opt lru %s\n", name,
           names);
}

/* NULL entries stand for OPT.  */
static int
parse_policies (const char *list, const struct policy_ops **out)
{
  int n = 0;
  if (!list)
    {
      out[n++] = NULL;
      out[n++] = &lab_lru_ops;
      for (size_t k = 0; k < policy_registry_count; k++)
        out[n++] = policy_registry[k];
      return n;
    }
  char *copy = strdup (list), *save = NULL;
  for (char *tok = strtok_r (copy, ",", &save); tok;
       tok = strtok_r (NULL, ",", &save))
    {
      const struct policy_ops *p = NULL;
      if (strcmp (tok, "opt") != 0 && !(p = lab_policy_find (tok)))
        {
          unknown_policy (tok);
          free (copy);
          return -1;
        }
      if (n == MAX_POLICIES)
        break;
      out[n++] = p;
    }
  free (copy);
  return n;
}

static bool
write_trace (const char *path, const struct lab_trace *t,
             bool (*writer) (const struct lab_trace *, FILE *))
{
  FILE *f = fopen (path, "wb");
  if (!f)
    {
      perror (path);
      return false;
    }
  bool ok = writer (t, f);
  ok = fclose (f) == 0 && ok;
  if (!ok)
    fprintf (stderr, "lab: %s: write failed\n", path);
  return ok;
}

/* --victims: the keys POL evicts at SIZE frames, in order.  */
static int
write_victims (const char *path, const struct lab_trace *t,
               const struct policy_ops **pol, int npol, const uint32_t *size,
               int nsize)
{
  if (npol != 1 || nsize != 1)
    {
      fprintf (stderr, "lab: --victims needs one policy (-p) and one size "
                       "(-s)\n");
      return 2;
    }
  uint32_t *v = malloc ((t->n ? t->n : 1) * sizeof *v);
  struct lab_result r;
  bool ok = v
            && (pol[0] ? lab_simulate (pol[0], t, size[0], &r, v)
                       : lab_opt (t, NULL, size[0], &r, v));
  FILE *f = ok ? fopen (path, "w") : NULL;
  if (!f)
    {
      perror (ok ? path : "lab");
      free (v);
      return 1;
    }
  uint64_t n = r.evict_important + r.evict_discardable;
  for (uint64_t k = 0; k < n; k++)
    fprintf (f, "%llu\n", (unsigned long long)t->key[v[k]]);
  free (v);
  if (fclose (f) != 0)
    {
      perror (path);
      return 1;
    }
  return 0;
}

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
main (int argc, char **argv)
{
  static const struct option longopts[]
      = { { "sizes", required_argument, NULL, 's' },
          { "policies", required_argument, NULL, 'p' },
          { "format", required_argument, NULL, 'f' },
          { "column", required_argument, NULL, 'c' },
          { "csv", required_argument, NULL, 'o' },
          { "oracle", required_argument, NULL, 'O' },
          { "lcs-csv", required_argument, NULL, 'C' },
          { "activity", required_argument, NULL, 'a' },
          { "victims", required_argument, NULL, 'V' },
          { "quiet", no_argument, NULL, 'q' },
          { "list", no_argument, NULL, 'l' },
          { "help", no_argument, NULL, 'h' },
          { NULL, 0, NULL, 0 } };
  const char *sizes = DEFAULT_SIZES, *policies = NULL, *column = NULL;
  const char *csv = NULL, *oracle = NULL, *lcs = NULL, *victims = NULL;
  long long activity = -1;
  enum lab_format fmt = LAB_FORMAT_AUTO;
  bool quiet = false;
  int c;
  while ((c = getopt_long (argc, argv, "s:p:f:c:o:a:qlh", longopts, NULL))
         != -1)
    switch (c)
      {
      case 's':
        sizes = optarg;
        break;
      case 'p':
        policies = optarg;
        break;
      case 'f':
        if (strcmp (optarg, "auto") == 0)
          fmt = LAB_FORMAT_AUTO;
        else if (strcmp (optarg, "kernel") == 0)
          fmt = LAB_FORMAT_KERNEL;
        else if (strcmp (optarg, "text") == 0)
          fmt = LAB_FORMAT_TEXT;
        else if (strcmp (optarg, "csv") == 0)
          fmt = LAB_FORMAT_CSV;
        else
          {
            fprintf (stderr, "lab: format must be auto, kernel, text or "
                             "csv\n");
            return 2;
          }
        break;
      case 'c':
        column = optarg;
        break;
      case 'o':
        csv = optarg;
        break;
      case 'O':
        oracle = optarg;
        break;
      case 'C':
        lcs = optarg;
        break;
      case 'a':
        {
          char *end;
          activity = strtoll (optarg, &end, 0);
          if (*end || activity < 0 || activity > UINT32_MAX)
            {
              fprintf (stderr, "lab: activity must be 0..2^32-1\n");
              return 2;
            }
        }
        break;
      case 'V':
        victims = optarg;
        break;
      case 'q':
        quiet = true;
        break;
      case 'l':
        list_policies (stdout);
        return 0;
      case 'h':
        usage (stdout);
        return 0;
      default:
        usage (stderr);
        return 2;
      }
  if (optind != argc - 1)
    {
      usage (stderr);
      return 2;
    }
  const char *path = argv[optind];

  const struct policy_ops *pol[MAX_POLICIES];
  int npol = parse_policies (policies, pol);
  if (npol < 0)
    return 2;

  struct lab_trace t;
  trace_init (&t);
  t.activity = activity;
  if (!trace_read (&t, path, fmt, column))
    return 1;
  if (t.n == 0)
    {
      fprintf (stderr, "lab: %s: no references\n", path);
      return 1;
    }
  if ((oracle && !write_trace (oracle, &t, trace_write_oracle))
      || (lcs && !write_trace (lcs, &t, trace_write_csv)))
    return 1;

  uint32_t size[MAX_SIZES];
  int nsize = parse_sizes (sizes, t.nkeys, size);
  if (nsize < 0)
    return 2;

  if (victims)
    return write_victims (victims, &t, pol, npol, size, nsize);

  double t0 = now ();
  uint32_t *next = trace_next_use (&t);
  double next_s = now () - t0;
  if (!next)
    {
      fprintf (stderr, "lab: out of memory\n");
      return 1;
    }

  FILE *out = NULL;
  if (csv)
    {
      out = fopen (csv, "w");
      if (!out)
        {
          perror (csv);
          return 1;
        }
      fprintf (out, "policy,frames,refs,misses,miss_ratio,opt_ratio,"
                    "evict_important,evict_discardable,cost,cost_opt_ratio,"
                    "events_per_s\n");
    }
  if (!quiet)
    {
      printf ("trace %s: %u references, %u distinct keys", path, t.n, t.nkeys);
      if (t.kernel_evictions || t.kernel_discards || t.dropped)
        printf ("; kernel: %llu evictions, %llu discards, %llu events "
                "dropped",
                (unsigned long long)t.kernel_evictions,
                (unsigned long long)t.kernel_discards,
                (unsigned long long)t.dropped);
      printf ("\ncost = misses + important pages evicted (a write each); "
              "/OPT = ratio to Belady's OPT\n");
      printf ("%10s  %-12s %12s %8s %7s %12s %8s %8s\n", "frames", "policy",
              "misses", "miss%", "/OPT", "cost", "cost/OPT", "Mev/s");
    }
  int rc = 0;
  for (int si = 0; si < nsize; si++)
    {
      struct lab_result opt;
      if (!lab_opt (&t, next, size[si], &opt, NULL))
        {
          fprintf (stderr, "lab: out of memory\n");
          return 1;
        }
      opt.seconds += next_s;
      for (int pi = 0; pi < npol; pi++)
        {
          struct lab_result r;
          if (pol[pi] == NULL)
            r = opt;
          else if (!lab_simulate (pol[pi], &t, size[si], &r, NULL))
            {
              fprintf (stderr, "lab: out of memory\n");
              return 1;
            }
          const char *name = pol[pi] ? pol[pi]->name : "opt";
          double ratio = (double)r.misses / (double)r.refs;
          double vs = opt.misses ? (double)r.misses / (double)opt.misses : 1.0;
          double cvs = lab_cost (&opt)
                           ? (double)lab_cost (&r) / (double)lab_cost (&opt)
                           : 1.0;
          double rate = r.seconds > 0 ? (double)r.refs / r.seconds : 0;
          if (r.misses < opt.misses)
            {
              fprintf (stderr, "lab: BUG: %s beat OPT at %u frames\n", name,
                       size[si]);
              rc = 3;
            }
          if (!quiet)
            printf ("%10u  %-12s %12llu %7.3f%% %7.3f %12llu %8.3f %8.1f\n",
                    size[si], name, (unsigned long long)r.misses, 100 * ratio,
                    vs, (unsigned long long)lab_cost (&r), cvs, rate / 1e6);
          if (out)
            fprintf (out,
                     "%s,%u,%llu,%llu,%.6f,%.6f,%llu,%llu,%llu,%.6f,%.0f\n",
                     name, size[si], (unsigned long long)r.refs,
                     (unsigned long long)r.misses, ratio, vs,
                     (unsigned long long)r.evict_important,
                     (unsigned long long)r.evict_discardable,
                     (unsigned long long)lab_cost (&r), cvs, rate);
        }
    }
  if (out && fclose (out) != 0)
    {
      perror (csv);
      rc = 1;
    }
  free (next);
  trace_free (&t);
  return rc;
}
