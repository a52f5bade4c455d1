/* The block interface's generic part: the device list, request checks,
   waiting, timeouts (see blk.h).  */
#include <arch/io.h>
#include <arch/timer.h>

#include "dev/ata.h"
#include "dev/blk.h"
#include "kern/cmdline.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "kstring.h"
#include <vg/error.h>

#define BLK_TIMEOUT_MS_DEFAULT 120000

static struct blk_dev *devs[BLK_MAX_DEVS];
static unsigned ndevs;
static uint64_t timeout_ticks = 1;
uint64_t blk_irq_cycles;

void
blk_add (struct blk_dev *d)
{
  assert (ndevs < BLK_MAX_DEVS);
  devs[ndevs++] = d;
}

unsigned
blk_count (void)
{
  return ndevs;
}

struct blk_dev *
blk_get (unsigned i)
{
  return i < ndevs ? devs[i] : NULL;
}

struct blk_dev *
blk_swap_dev (void)
{
  return ndevs ? devs[0] : NULL;
}

uint64_t
blk_timeout_ticks (void)
{
  return timeout_ticks;
}

void
blk_init (void)
{
  uint64_t ms = BLK_TIMEOUT_MS_DEFAULT;
  if (cmdline_get ("ata_timeout") && !cmdline_get_u64 ("ata_timeout", &ms))
    log_warn ("blk", "ata_timeout= is not a number; using %u ms",
              BLK_TIMEOUT_MS_DEFAULT);
  timeout_ticks = ms * timer_hz () / 1000 + 1;
  const char *mode = cmdline_get ("ata");
  bool pio = mode && strcmp (mode, "pio") == 0;
  if (mode && !pio && strcmp (mode, "dma") != 0)
    log_warn ("blk", "ata=%s: expected pio or dma; using dma", mode);
  ata_probe (pio);
  if (ndevs)
    log_info ("blk", "swap device %s (%lu MiB)", devs[0]->name,
              devs[0]->sectors >> 11);
}

int
blk_submit (struct blk_dev *d, struct blk_req *r)
{
  if (r->nseg == 0 || r->nseg > BLK_MAX_SEGS)
    return VG_EINVAL;
  uint64_t n = 0;
  for (unsigned i = 0; i < r->nseg; i++)
    {
      const struct blk_seg *s = &r->seg[i];
      if (s->len == 0 || s->len % BLK_SECTOR || (s->phys & 1))
        return VG_EINVAL;
      if (d->dma && s->phys + s->len > (1ull << 32))
        return VG_EINVAL;
      n += s->len / BLK_SECTOR;
    }
  if (n > 256)
    return VG_EINVAL;
  if (r->lba >= d->sectors || n > d->sectors - r->lba)
    return VG_ERANGE;
  r->nsect = (uint32_t)n;
  r->dev = d;
  r->status = BLK_PENDING;
  uint64_t f = arch_irq_save ();
  d->ops->submit (d, r);
  arch_irq_restore (f);
  return VG_OK;
}

int
blk_wait (struct blk_req *r)
{
  uint64_t f = arch_irq_save ();
  while (r->status == BLK_PENDING)
    arch_irq_wait ();
  arch_irq_restore (f);
  return r->status;
}

int
blk_rw_wait (struct blk_dev *d, bool write, uint64_t lba, uint32_t nsect,
             uint64_t phys)
{
  struct blk_req r = { .lba = lba, .write = write, .nseg = 1 };
  r.seg[0].phys = phys;
  r.seg[0].len = nsect * BLK_SECTOR;
  int err = blk_submit (d, &r);
  return err ? err : blk_wait (&r);
}

void
blk_tick (uint64_t now)
{
  for (unsigned i = 0; i < ndevs; i++)
    devs[i]->ops->tick (devs[i], now);
}
