/* The root task: start every other boot module in an activity of its
   own, wait for them, exit with the result (doc/roottask.md).

   Data modules.  A module whose command line's second word starts with
   "vg-" ("PATH vg-file NAME", "PATH vg-args", ...: libc-port's
   bootfiles.c) is no program: it is passed, with the others right
   after it, to the program module before it (spawn_args.files), and
   is not counted as a module below.

   Options (its own command line, after the program name):
     quota=N      folio quota of each module's activity (default: the
                  boot info's quota_default, the kernel's quota=); 0:
                  none of its own, only the root activity's applies
     frames=N     frame limit of each module's activity (resident frames,
                  page tables included; default 0: none of its own)
     weight=N     its weight among its siblings (default 1)
     priority=N   its priority among its siblings, VG_PRIORITY_MIN..MAX
                  (default 0; a lower one is reclaimed first)
     notices=LIST subscribe each module's thread to notices about its
                  activity: discard, avail, pressure, joined by ',' or
                  '+' (activity_notices; libhurd-mm's handlers take
                  them, doc/libhurd-mm.md); one the kernel does not
                  implement yet is reported and left out
     group=N      start the modules N at a time and wait for a group
                  before starting the next (default: all at once)
     messenger    give each group a fresh messenger: passed cap 0, with
                  all rights to the group's first module (the server,
                  which receives) and read-only to the others (clients)
   Exit status: with one module, its exit status (-1 if it did not exit
   but faulted or was stopped); with several, 0 if all exited with 0,
   else 1.  The kernel turns the root task's status into QEMU's (see
   doc/roottask.md), so `make run APP=` returns the app's status.  */
#include <hurd/spawn.h>
#include <libvg.h>
#include <vg/boot.h>
#include <vg/cap.h>
#include <vg/exregs.h>
#include <vg/activity.h>
#include <vg/object.h>

int main (int argc, char **argv);

#define ROOT_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define WS_FOLIO VG_BOOT_CAP (VG_BOOT_CAP_FREE)
#define MSG_FOLIO VG_BOOT_CAP (VG_BOOT_CAP_FREE + 1)
#define MSGR VG_BOOT_CAP (VG_BOOT_CAP_FREE + 2)
#define MSGR_RO VG_BOOT_CAP (VG_BOOT_CAP_FREE + 3)

static struct spawn_env env;
static struct spawn_child kids[VG_BOOT_MAX_MODULES];
static int started[VG_BOOT_MAX_MODULES];
/* Why a module was not started: spawn's error (0 if it was).  */
static int refused[VG_BOOT_MAX_MODULES];

/* The status for a module that did not run to its own exit: spawn
   refused its image (not a valid static ELF executable for us), or
   anything else (it could not be started for want of storage, faulted,
   or was stopped).  Kept apart so a test can tell them apart.  */
#define STATUS_IMAGE_REFUSED (-2)
#define STATUS_NO_EXIT (-1)

/* What each module's activity gets (the options above).  */
struct knobs
{
  uint64_t quota, frames, weight;
  int64_t priority;
  unsigned notices;
};

static int
parse_u64 (const char *s, uint64_t *out)
{
  uint64_t v = 0;
  if (*s == 0)
    return 0;
  for (; *s; s++)
    {
      if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
        return 0;
      v = v * 10 + (uint64_t)(*s - '0');
    }
  *out = v;
  return 1;
}

static int
parse_i64 (const char *s, int64_t *out)
{
  uint64_t v;
  int neg = *s == '-';
  if (!parse_u64 (s + neg, &v) || v > INT64_MAX)
    return 0;
  *out = neg ? -(int64_t)v : (int64_t)v;
  return 1;
}

/* VG_NOTICE_* bits from "discard,avail+pressure"; 0 if malformed.  */
static int
parse_notices (const char *s, unsigned *out)
{
  static const struct
  {
    const char *name;
    unsigned bit;
  } names[] = { { "discard", VG_NOTICE_DISCARD },
                { "avail", VG_NOTICE_AVAIL },
                { "pressure", VG_NOTICE_PRESSURE } };
  unsigned bits = 0;
  while (*s)
    {
      size_t n = 0;
      while (s[n] && s[n] != ',' && s[n] != '+')
        n++;
      unsigned i = 0;
      while (i < 3
             && !(strncmp (s, names[i].name, n) == 0 && names[i].name[n] == 0))
        i++;
      if (i == 3)
        return 0;
      bits |= names[i].bit;
      s += n + (s[n] != 0);
    }
  *out = bits;
  return bits != 0;
}

/* Availability events for changes of more than 1/64 of memory.  */
static uint64_t
avail_threshold (unsigned bits)
{
  struct vg_mm_stats st;
  if (!(bits & VG_NOTICE_AVAIL) || vg_mm_stats (&st) != VG_OK)
    return 0;
  return st.frames_total / 64;
}

/* Subscribe module M's thread to the notices BITS about its activity;
   report what the kernel refuses and keep what it implements.  */
static void
subscribe (unsigned m, unsigned bits)
{
  static const char *names[] = { "discard", "avail", "pressure" };
  unsigned ok = 0;
  for (unsigned i = 0; i < 3; i++)
    {
      unsigned bit = 1u << i;
      if (!(bits & bit))
        continue;
      int err = vg_activity_notices (kids[m].activity, kids[m].thread,
                                     ok | bit, avail_threshold (ok | bit));
      if (err == VG_OK)
        ok |= bit;
      else
        vg_printf ("roottask: module %u: %s notices refused: error %d%s\n",
                   m + 1, names[i], err,
                   err == VG_ENOSYS ? " (not implemented yet)" : "");
    }
  if (ok != bits && ok)
    (void)vg_activity_notices (kids[m].activity, kids[m].thread, ok,
                               avail_threshold (ok));
  if (ok)
    vg_printf ("roottask: module %u: notices%s%s%s\n", m + 1,
               ok & VG_NOTICE_DISCARD ? " discard" : "",
               ok & VG_NOTICE_AVAIL ? " avail" : "",
               ok & VG_NOTICE_PRESSURE ? " pressure" : "");
}

/* Make a fresh messenger for group G in MSGR (all rights) and MSGR_RO
   (read-only).  */
static int
new_messenger (unsigned g)
{
  if (g == 0 || g == VG_FOLIO_OBJECTS)
    {
      int err = vg_folio_alloc (ROOT_ACT, MSG_FOLIO);
      if (err)
        return err;
    }
  int err = vg_object_alloc (MSG_FOLIO, g % VG_FOLIO_OBJECTS,
                             VG_TYPE_MESSENGER, 64, MSGR);
  if (!err)
    err = vg_cap_copy (MSGR, MSGR_RO, VG_RIGHTS_ALL & ~VG_RIGHT_WRITE);
  return err;
}

/* Whether module M is a data module (see the top).  */
static int
is_data (const struct vg_boot_module *mod)
{
  const char *p = mod->cmdline;
  while (*p && *p != ' ')
    p++;
  while (*p == ' ')
    p++;
  return strncmp (p, "vg-", 3) == 0;
}

/* Start module M; FIRST says whether it is its group's first.  */
static void
start (const struct vg_boot_info *bi, unsigned m, const struct knobs *k,
       int messenger, int first)
{
  const struct vg_boot_module *mod = &bi->modules[m];
  vg_addr_t cap = first ? MSGR : MSGR_RO;
  unsigned nfiles = 0;
  while (m + 1 + nfiles < bi->nmodules && is_data (&mod[1 + nfiles]))
    nfiles++;
  struct spawn_args a = {
    .image = (const void *)(uintptr_t)mod->va,
    .size = mod->size,
    .cmdline = mod->cmdline,
    .quota = k->quota,
    .frame_limit = k->frames,
    .priority = (int32_t)k->priority,
    .weight = (uint32_t)k->weight,
    .quota_default = bi->quota_default,
    .caps = messenger ? &cap : NULL,
    .ncaps = messenger ? 1 : 0,
    .files = nfiles ? &mod[1] : NULL,
    .nfiles = nfiles,
    .wall_seconds = bi->wall_seconds,
  };
  char why[128];
  int err = spawn (&env, &a, &kids[m], why, sizeof why);
  if (err)
    {
      vg_printf ("roottask: module %u ('%s') not started: %s (error %d)\n",
                 m + 1, mod->cmdline, why, err);
      refused[m] = err;
      return;
    }
  started[m] = 1;
  vg_printf ("roottask: started module %u ('%s'): quota %llu folios, "
             "%u folios to load\n",
             m + 1, mod->cmdline, (unsigned long long)k->quota,
             kids[m].nfolios);
  if (k->frames || k->weight != 1 || k->priority)
    vg_printf ("roottask: module %u: frame limit %llu%s, weight %llu, "
               "priority %lld\n",
               m + 1, (unsigned long long)k->frames,
               k->frames ? " frames" : " (none of its own)",
               (unsigned long long)k->weight, (long long)k->priority);
  if (k->notices)
    subscribe (m, k->notices);
}

/* Wait for module M (FRAMES its frame limit); return its exit status,
   or STATUS_*.  */
static int
wait_for (const struct vg_boot_info *bi, unsigned m, uint64_t frames)
{
  uint64_t st = 0;
  if (!started[m])
    return refused[m] == VG_EINVAL ? STATUS_IMAGE_REFUSED : STATUS_NO_EXIT;
  int err = spawn_wait (&kids[m], UINT64_MAX, &st);
  if (err)
    {
      vg_printf ("roottask: module %u: cannot wait: error %d\n", m + 1, err);
      return STATUS_NO_EXIT;
    }
  unsigned why = VG_THREAD_STATUS_WHY (st);
  int code = VG_THREAD_STATUS_CODE (st);
  if (why == VG_STOP_EXIT)
    vg_printf ("roottask: module %u ('%s') exited with status %d\n", m + 1,
               bi->modules[m].cmdline, code);
  else if (why == VG_STOP_NO_MEMORY)
    vg_printf ("roottask: module %u ('%s') stopped: no frame for its page "
               "tables: %s\n",
               m + 1, bi->modules[m].cmdline,
               frames ? "its frame limit (frames=, FRAMES=) is too small"
                      : "the machine's memory is exhausted");
  else
    vg_printf ("roottask: module %u ('%s') stopped: reason %u, code %d\n",
               m + 1, bi->modules[m].cmdline, why, code);
  spawn_destroy (&kids[m]);
  return why == VG_STOP_EXIT ? code : STATUS_NO_EXIT;
}

int
main (int argc, char **argv)
{
  const struct vg_boot_info *bi
      = (const struct vg_boot_info *)(uintptr_t)VG_BOOT_INFO_VA;
  struct knobs k = { .quota = bi->quota_default, .weight = 1 };
  uint64_t group = 0;
  int messenger = 0;
  for (int i = 1; i < argc; i++)
    {
      if (strncmp (argv[i], "quota=", 6) == 0
          && parse_u64 (argv[i] + 6, &k.quota))
        continue;
      if (strncmp (argv[i], "frames=", 7) == 0
          && parse_u64 (argv[i] + 7, &k.frames))
        continue;
      if (strncmp (argv[i], "weight=", 7) == 0
          && parse_u64 (argv[i] + 7, &k.weight) && k.weight >= 1
          && k.weight <= UINT32_MAX)
        continue;
      if (strncmp (argv[i], "priority=", 9) == 0
          && parse_i64 (argv[i] + 9, &k.priority)
          && k.priority >= VG_PRIORITY_MIN && k.priority <= VG_PRIORITY_MAX)
        continue;
      if (strncmp (argv[i], "notices=", 8) == 0
          && parse_notices (argv[i] + 8, &k.notices))
        continue;
      if (strncmp (argv[i], "group=", 6) == 0
          && parse_u64 (argv[i] + 6, &group))
        continue;
      if (strcmp (argv[i], "messenger") == 0)
        {
          messenger = 1;
          continue;
        }
      vg_printf ("roottask: unknown or malformed option '%s' ignored\n",
                 argv[i]);
    }
  /* The program modules, in order.  */
  unsigned prog[VG_BOOT_MAX_MODULES], n = 0;
  for (unsigned m = 0; m < bi->nmodules && m < VG_BOOT_MAX_MODULES; m++)
    if (!is_data (&bi->modules[m]))
      prog[n++] = m;
  if (n == 0)
    {
      vg_printf ("roottask: no modules to start\n");
      return 0;
    }
  if (group == 0 || group > n)
    group = n;
  int err = spawn_init (&env, ROOT_ACT, VG_BOOT_FREE_REGION, WS_FOLIO);
  if (err)
    {
      vg_printf ("roottask: no workspace: error %d\n", err);
      return -1;
    }
  int status = 0, failed = 0;
  for (unsigned g0 = 0; g0 < n; g0 += (unsigned)group)
    {
      unsigned g1 = g0 + (unsigned)group < n ? g0 + (unsigned)group : n;
      if (messenger && (err = new_messenger (g0 / (unsigned)group)))
        {
          vg_printf ("roottask: no messenger: error %d\n", err);
          return -1;
        }
      for (unsigned i = g0; i < g1; i++)
        start (bi, prog[i], &k, messenger, i == g0);
      for (unsigned i = g0; i < g1; i++)
        {
          status = wait_for (bi, prog[i], k.frames);
          failed += status != 0;
        }
    }
  if (n == 1)
    return status;
  vg_printf ("roottask: %u modules, %d failed\n", n, failed);
  return failed ? 1 : 0;
}
