/* The Hurd-problem demo's server (doc/roottask.md): "allocate N pages
   for me and keep them".

   pageserv mode=client|server clients=N [expect=isolated|starved]

   mode=client: the pages come from folios of the activity the client
   sent (the client pays: a greedy client runs into its own quota).
   mode=server: they come from the server's own activity (the Mach way:
   a greedy client exhausts the server and starves the others).  Each
   page is mapped in the server and touched, so its frame is charged.
   After N clients said goodbye it prints what it holds and each
   activity's storage, checks EXPECT (isolated: every client that asked
   for little was fully served and the greedy one was refused; starved:
   some modest client was refused) and exits 0 if it holds, else 1.  */
#include <libvg.h>
#include <vg/activity.h>
#include <vg/boot.h>
#include <vg/cap.h>
#include <vg/msg.h>
#include <vg/object.h>

#include "pageproto.h"

int main (int argc, char **argv);

#define OWN_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define MSGR VG_BOOT_CAP_PASSED (0)
#define TMP_ACT VG_BOOT_CAP (VG_BOOT_CAP_FREE)
#define REPLY VG_BOOT_CAP (VG_BOOT_CAP_FREE + 1)
#define BOOK_FOLIO VG_BOOT_CAP (VG_BOOT_CAP_FREE + 2)
/* The free region F: S2 at F; S2 slot 0 holds S3 (client activities at
   its slots 0..7, page folios at 16..255); S2 slot 1 holds the level-3
   cappage under which page P is mapped at PAGES_VA + P * 4096.  */
#define F_VA vg_addr_va (VG_BOOT_FREE_REGION)
#define CLIENT_ACT(i) VG_ADDR (F_VA + ((uint64_t)(i) << 20), 3)
#define FOLIO_SLOT(i) VG_ADDR (F_VA + ((uint64_t)(16 + (i)) << 20), 3)
#define MAX_FOLIOS 240
#define PAGES_VA (F_VA + (1ull << 28))
#define MAX_PAGES (256u * 255u)

struct client
{
  int seen;
  unsigned served, refused;
  uint64_t pages, asked;
  int folio; /* Folio being filled for it (client mode), or -1.  */
  unsigned next;
};

static struct client clients[PAGEPROTO_MAX_CLIENTS];
static int server_folio = -1;
static unsigned server_next, nfolios, book_next, npages;
static int client_pays;

static int
book_alloc (unsigned type, vg_addr_t dst)
{
  if (book_next == VG_FOLIO_OBJECTS)
    return VG_ENOMEM;
  return vg_object_alloc (BOOK_FOLIO, book_next++, type, 64, dst);
}

/* One page for C, paid by PAYER, mapped and touched.  */
static int
one_page (struct client *c, vg_addr_t payer)
{
  int *folio = client_pays ? &c->folio : &server_folio;
  unsigned *next = client_pays ? &c->next : &server_next;
  if (npages == MAX_PAGES)
    return VG_ENOMEM;
  if (*folio < 0 || *next == VG_FOLIO_OBJECTS)
    {
      if (nfolios == MAX_FOLIOS)
        return VG_ENOMEM;
      int err = vg_folio_alloc (payer, FOLIO_SLOT (nfolios));
      if (err)
        return err;
      *folio = (int)nfolios++;
      *next = 0;
    }
  uint64_t va = PAGES_VA + (uint64_t)npages * 4096;
  if (npages % 256 == 0)
    {
      int err = book_alloc (VG_TYPE_CAPPAGE, VG_ADDR (va, 3));
      if (err)
        return err;
    }
  int err = vg_object_alloc (FOLIO_SLOT (*folio), (*next)++, VG_TYPE_PAGE, 64,
                             VG_ADDR (va, 4));
  if (err)
    return err;
  *(volatile uint64_t *)(uintptr_t)va = npages; /* Touch: a frame.  */
  npages++;
  c->pages++;
  return VG_OK;
}

static int
serve_alloc (struct vg_msg *m, struct vg_msg *r)
{
  uint64_t id = m->words[1], n = m->words[0];
  if (m->nwords < 2 || id >= PAGEPROTO_MAX_CLIENTS || m->ncaps < 1)
    return VG_EINVAL;
  struct client *c = &clients[id];
  if (!c->seen)
    {
      c->seen = 1;
      c->folio = -1;
      int err = vg_cap_copy (TMP_ACT, CLIENT_ACT (id), VG_RIGHTS_ALL);
      if (err)
        return err;
    }
  c->asked += n;
  int err = VG_OK;
  uint64_t got = 0;
  for (; got < n && !err; got++)
    err = one_page (c, client_pays ? CLIENT_ACT (id) : OWN_ACT);
  if (err)
    got--;
  r->nwords = 1;
  r->words[0] = got;
  if (err)
    c->refused++;
  else
    c->served++;
  return err;
}

static void
stats_line (const char *who, vg_addr_t act)
{
  struct vg_activity_stats s;
  int err = vg_activity_stats (act, &s);
  if (err)
    vg_printf ("  %-14s stats: %s\n", who, vg_strerror (err));
  else
    vg_printf ("  %-14s folios %3llu (quota %llu), frames %4llu\n", who,
               (unsigned long long)s.folios_total,
               (unsigned long long)s.folio_quota,
               (unsigned long long)s.frames_total);
}

/* What this run is about, for whoever watches `make run`.  */
static void
explain_mode (void)
{
  vg_printf ("pageserv: ---- The Hurd problem: %s ----\n",
             client_pays ? "the client pays (Viengoos)"
                         : "the server pays (Mach, the Hurd)");
  vg_printf ("pageserv: Clients ask me to \"allocate N pages and keep "
             "them\".  Client 0 is\n");
  vg_printf ("pageserv: greedy (asks without end), client 1 modest (asks "
             "for 64 pages).\n");
  if (client_pays)
    vg_printf ("pageserv: Each request carries a cap to the client's own "
               "activity and I\n"
               "pageserv: allocate the folios from it, so the storage "
               "counts against the\n"
               "pageserv: CLIENT's quota.\n");
  else
    vg_printf ("pageserv: I allocate every request from my own activity, "
               "whoever asks,\n"
               "pageserv: so all storage counts against MY quota.\n");
}

/* What the figures above show, decided from the figures themselves.  */
static void
explain_result (int greedy_refused, int modest_refused, int modest_ok)
{
  if (greedy_refused && modest_ok)
    vg_printf ("pageserv: Result: the greedy client ran out of its OWN "
               "quota and was refused,\n"
               "pageserv: the modest client got everything it asked for, "
               "and my own usage\n"
               "pageserv: stayed small: a greedy principal hurt only "
               "itself.\n");
  else if (modest_refused)
    vg_printf ("pageserv: Result: the greedy client used up MY quota, so "
               "the modest client\n"
               "pageserv: was refused: through a shared server, one client "
               "starved the other.\n");
  else
    vg_printf ("pageserv: Result: nobody was refused (the quotas were "
               "large enough).\n");
}

static int
report (const char *expect, unsigned nclients)
{
  vg_printf ("pageserv: mode %s: %u pages held in %u folios\n",
             client_pays ? "client pays" : "server pays", npages, nfolios);
  int greedy_refused = 0, modest_refused = 0, modest_ok = 1;
  for (unsigned i = 0; i < nclients; i++)
    {
      struct client *c = &clients[i];
      vg_printf ("  client %u: asked %llu pages: %u requests served, %u "
                 "refused, %llu pages held\n",
                 i, (unsigned long long)c->asked, c->served, c->refused,
                 (unsigned long long)c->pages);
      char who[] = "client ?";
      who[7] = (char)('0' + i);
      if (c->seen)
        stats_line (who, CLIENT_ACT (i));
      /* Client 0 is the greedy one by convention (doc/roottask.md).  */
      if (i == 0)
        greedy_refused = c->refused > 0;
      else
        {
          modest_refused |= c->refused > 0;
          modest_ok &= c->refused == 0 && c->served > 0;
        }
    }
  stats_line ("server", OWN_ACT);
  explain_result (greedy_refused, modest_refused, modest_ok);
  if (expect == NULL)
    return 0;
  int ok = strcmp (expect, "isolated") == 0
               ? greedy_refused && modest_ok
               : strcmp (expect, "starved") == 0 && modest_refused;
  vg_printf ("pageserv: expected '%s': %s\n", expect,
             ok ? "as expected" : "NOT as expected");
  return ok ? 0 : 1;
}

int
main (int argc, char **argv)
{
  const char *expect = NULL;
  unsigned nclients = 2;
  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "mode=client") == 0)
      client_pays = 1;
    else if (strcmp (argv[i], "mode=server") == 0)
      client_pays = 0;
    else if (strncmp (argv[i], "clients=", 8) == 0)
      nclients = (unsigned)(argv[i][8] - '0');
    else if (strncmp (argv[i], "expect=", 7) == 0)
      expect = argv[i] + 7;
  if (nclients < 1 || nclients > PAGEPROTO_MAX_CLIENTS)
    nclients = 2;
  int err = vg_folio_alloc (OWN_ACT, BOOK_FOLIO);
  if (!err)
    err = book_alloc (VG_TYPE_CAPPAGE, VG_BOOT_FREE_REGION);
  if (!err)
    err = book_alloc (VG_TYPE_CAPPAGE, VG_ADDR (F_VA, 2));
  if (!err)
    err = book_alloc (VG_TYPE_CAPPAGE, VG_ADDR (PAGES_VA, 2));
  if (err)
    {
      vg_printf ("pageserv: cannot set up: %s\n", vg_strerror (err));
      return 2;
    }
  vg_printf ("pageserv: serving %u clients, %s pays\n", nclients,
             client_pays ? "the client" : "the server");
  explain_mode ();
  unsigned byes = 0;
  while (byes < nclients)
    {
      struct vg_msg m, r;
      memset (&m, 0, sizeof m);
      memset (&r, 0, sizeof r);
      m.ncaps = 1;
      m.caps[0] = TMP_ACT;
      m.reply = REPLY;
      err = vg_messenger_receive (MSGR, &m, UINT64_MAX);
      if (err)
        {
          vg_printf ("pageserv: receive: %s\n", vg_strerror (err));
          return 2;
        }
      if (m.label == PAGEPROTO_ALLOC)
        r.label = (uint64_t)serve_alloc (&m, &r);
      else if (m.label == PAGEPROTO_BYE)
        byes++;
      else
        r.label = VG_EINVAL;
      err = vg_messenger_reply (REPLY, &r);
      if (err)
        vg_printf ("pageserv: reply: %s\n", vg_strerror (err));
    }
  return report (expect, nclients);
}
