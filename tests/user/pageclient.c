/* The Hurd-problem demo's client (doc/roottask.md).

   pageclient id=I pages=P count=C [delay=MS] [name=NAME]

   Waits MS milliseconds, then asks the page server (passed cap 0) C
   times for P pages, paying with its own activity (sent along; whether
   the server uses it depends on the server's mode), stops after three
   refusals, says goodbye and prints what it got.  Exits 0 (the server
   judges).  */
#include <libvg.h>
#include <vg/boot.h>
#include <vg/msg.h>

#include "pageproto.h"

int main (int argc, char **argv);

#define MSGR VG_BOOT_CAP_PASSED (0)
#define OWN_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)

static uint64_t
num (const char *s)
{
  uint64_t v = 0;
  for (; *s >= '0' && *s <= '9'; s++)
    v = v * 10 + (uint64_t)(*s - '0');
  return v;
}

static int
call (uint64_t label, uint64_t id, uint64_t pages, uint64_t *got)
{
  struct vg_msg q, r;
  memset (&q, 0, sizeof q);
  memset (&r, 0, sizeof r);
  q.label = label;
  q.nwords = 2;
  q.words[0] = pages;
  q.words[1] = id;
  q.ncaps = 1;
  q.caps[0] = OWN_ACT;
  int err = vg_messenger_call (MSGR, &q, &r, UINT64_MAX);
  if (err)
    return err;
  *got = r.nwords ? r.words[0] : 0;
  return (int)r.label;
}

int
main (int argc, char **argv)
{
  uint64_t id = 0, pages = 1, count = 1, delay = 0;
  const char *name = "client";
  for (int i = 1; i < argc; i++)
    if (strncmp (argv[i], "id=", 3) == 0)
      id = num (argv[i] + 3);
    else if (strncmp (argv[i], "pages=", 6) == 0)
      pages = num (argv[i] + 6);
    else if (strncmp (argv[i], "count=", 6) == 0)
      count = num (argv[i] + 6);
    else if (strncmp (argv[i], "delay=", 6) == 0)
      delay = num (argv[i] + 6);
    else if (strncmp (argv[i], "name=", 5) == 0)
      name = argv[i] + 5;
  uint64_t t0 = 0, now = 0;
  vg_time (&t0);
  do
    {
      vg_yield ();
      vg_time (&now);
    }
  while (now - t0 < delay * 1000000ull);
  unsigned served = 0, refused = 0;
  uint64_t held = 0, got = 0;
  int last = 0;
  for (uint64_t i = 0; i < count && refused < 3; i++)
    {
      last = call (PAGEPROTO_ALLOC, id, pages, &got);
      held += got;
      if (last)
        refused++;
      else
        served++;
    }
  call (PAGEPROTO_BYE, id, 0, &got);
  vg_printf ("pageclient %s: %u requests of %llu pages served, %u refused "
             "(last error %s), %llu pages held for it\n",
             name, served, (unsigned long long)pages, refused,
             vg_strerror (last), (unsigned long long)held);
  return 0;
}
