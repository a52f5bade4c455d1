/* ATA disk driver: PCI IDE scan, IDENTIFY probe, DMA and PIO transfers
   completed by interrupt, a per-channel software queue (see ata.h).  */
#include <arch/io.h>
#include <arch/mm.h>
#include <arch/timer.h>

#include "dev/ata.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "kstring.h"
#include "vsnprintf.h"
#include <vg/error.h>

/* Task-file registers (offsets from the command block base).  */
#define REG_DATA 0
#define REG_ERROR 1
#define REG_COUNT 2
#define REG_LBA0 3
#define REG_LBA1 4
#define REG_LBA2 5
#define REG_DRIVE 6
#define REG_STATUS 7 /* Reading it acknowledges the interrupt.  */
#define REG_COMMAND 7

#define ST_ERR 0x01
#define ST_DRQ 0x08
#define ST_DF 0x20
#define ST_BSY 0x80

#define CTL_NIEN 0x02 /* Device control: interrupts off.  */
#define CTL_SRST 0x04 /* Device control: software reset.  */

/* Bus-master registers (offsets from the channel's BM base).  */
#define BM_CMD 0
#define BM_STATUS 2
#define BM_PRD 4
#define BM_CMD_START 0x01
#define BM_CMD_TO_MEMORY 0x08
#define BM_ST_ACTIVE 0x01
#define BM_ST_ERROR 0x02
#define BM_ST_IRQ 0x04

#define CMD_READ_PIO 0x20
#define CMD_READ_PIO_EXT 0x24
#define CMD_WRITE_PIO 0x30
#define CMD_WRITE_PIO_EXT 0x34
#define CMD_READ_DMA 0xc8
#define CMD_READ_DMA_EXT 0x25
#define CMD_WRITE_DMA 0xca
#define CMD_WRITE_DMA_EXT 0x35
#define CMD_IDENTIFY 0xec

#define PRD_EOT 0x80000000u
#define PRD_MAX (BLK_MAX_SEGS * 2) /* A segment may cross one 64 KiB line. */
/* Where the bus-master registers go when the firmware did not place
   them: an I/O range nothing on the PC machines QEMU and Bochs emulate
   uses.  */
#define ATA_BM_DEFAULT_PORT 0xd000u
#define POLL_LIMIT 1000000 /* Status reads before probing gives up.  */

struct ata_chan
{
  uint16_t cmd, ctl, bm; /* Port bases; bm 0 = no bus master.  */
  unsigned irq;
  unsigned index;
  struct blk_req *head, *tail; /* Queue; the head is on the device.  */
  bool busy;
  uint32_t *prd; /* PRD table: pairs (address, count | EOT).  */
};

struct ata_disk
{
  struct blk_dev dev;
  struct ata_chan *ch;
  unsigned slave;
  bool lba48;
};

unsigned ata_test_drop;

static struct ata_chan chans[2];
static struct ata_disk disks[4];
static uint32_t prd_tables[2][PRD_MAX * 2] __attribute__ ((aligned (256)));

static void ata_submit (struct blk_dev *d, struct blk_req *r);
static void ata_tick (struct blk_dev *d, uint64_t now);

static const struct blk_ops ata_ops
    = { .submit = ata_submit, .tick = ata_tick };

static uint8_t
status_of (struct ata_chan *ch)
{
  return arch_io_in8 (ch->cmd + REG_STATUS);
}

/* About 400 ns: four reads of the alternate status.  */
static void
settle (struct ata_chan *ch)
{
  for (int i = 0; i < 4; i++)
    arch_io_in8 (ch->ctl);
}

static bool
wait_not_busy (struct ata_chan *ch)
{
  for (unsigned i = 0; i < POLL_LIMIT; i++)
    if (!(status_of (ch) & ST_BSY))
      return true;
  return false;
}

/* Issue R's command on CH (idle, R at the head of its queue).  */
static void
start (struct ata_chan *ch)
{
  struct blk_req *r = ch->head;
  struct ata_disk *disk = r->dev->priv;
  bool dma = disk->dev.dma;
  bool ext = disk->lba48 && (r->lba + r->nsect > 0x0fffffffu);
  ch->busy = true;
  r->deadline = timer_ticks () + blk_timeout_ticks ();
  r->seg_at = 0;
  r->seg_off = 0;
  r->sect_done = 0;
  if (ata_test_drop)
    {
      ata_test_drop--;
      log_warn ("ata", "%s: test hook drops the command for sector %lu",
                disk->dev.name, r->lba);
      return; /* Never reaches the device: it times out.  */
    }

  if (dma)
    {
      unsigned n = 0;
      for (unsigned i = 0; i < r->nseg; i++)
        {
          uint64_t p = r->seg[i].phys, left = r->seg[i].len;
          while (left)
            {
              uint64_t line = (p | 0xffff) + 1; /* Next 64 KiB boundary.  */
              uint64_t len = left < line - p ? left : line - p;
              assert (n < PRD_MAX);
              ch->prd[2 * n] = (uint32_t)p;
              ch->prd[2 * n + 1] = (uint32_t)len & 0xffff; /* 0 = 64 KiB */
              n++;
              p += len;
              left -= len;
            }
        }
      ch->prd[2 * n - 1] |= PRD_EOT;
      arch_io_out8 (ch->bm + BM_CMD, 0);
      arch_io_out32 (ch->bm + BM_PRD, (uint32_t)virt_to_phys (ch->prd));
      arch_io_out8 (ch->bm + BM_STATUS, BM_ST_ERROR | BM_ST_IRQ);
      arch_io_out8 (ch->bm + BM_CMD, r->write ? 0 : BM_CMD_TO_MEMORY);
    }

  uint8_t drive = (disk->slave ? 0x10 : 0) | 0x40;
  if (ext)
    {
      arch_io_out8 (ch->cmd + REG_DRIVE, 0xa0 | drive);
      settle (ch);
      arch_io_out8 (ch->cmd + REG_COUNT, (uint8_t)(r->nsect >> 8));
      arch_io_out8 (ch->cmd + REG_LBA0, (uint8_t)(r->lba >> 24));
      arch_io_out8 (ch->cmd + REG_LBA1, (uint8_t)(r->lba >> 32));
      arch_io_out8 (ch->cmd + REG_LBA2, (uint8_t)(r->lba >> 40));
    }
  else
    {
      arch_io_out8 (ch->cmd + REG_DRIVE,
                    0xa0 | drive | (uint8_t)((r->lba >> 24) & 0x0f));
      settle (ch);
    }
  arch_io_out8 (ch->cmd + REG_COUNT, (uint8_t)r->nsect); /* 256 -> 0 */
  arch_io_out8 (ch->cmd + REG_LBA0, (uint8_t)r->lba);
  arch_io_out8 (ch->cmd + REG_LBA1, (uint8_t)(r->lba >> 8));
  arch_io_out8 (ch->cmd + REG_LBA2, (uint8_t)(r->lba >> 16));
  uint8_t cmd;
  if (dma)
    cmd = r->write ? (ext ? CMD_WRITE_DMA_EXT : CMD_WRITE_DMA)
                   : (ext ? CMD_READ_DMA_EXT : CMD_READ_DMA);
  else
    cmd = r->write ? (ext ? CMD_WRITE_PIO_EXT : CMD_WRITE_PIO)
                   : (ext ? CMD_READ_PIO_EXT : CMD_READ_PIO);
  arch_io_out8 (ch->cmd + REG_COMMAND, cmd);

  if (dma)
    arch_io_out8 (ch->bm + BM_CMD,
                  (r->write ? 0 : BM_CMD_TO_MEMORY) | BM_CMD_START);
  else if (r->write)
    {
      /* The first sector goes out when the device asks for it (DRQ,
         at once in practice); the rest from the interrupt.  */
      settle (ch);
      for (unsigned i = 0; i < POLL_LIMIT; i++)
        {
          uint8_t st = status_of (ch);
          if (st & (ST_ERR | ST_DF))
            break; /* The interrupt reports it.  */
          if (!(st & ST_BSY) && (st & ST_DRQ))
            {
              void *p = phys_to_virt (r->seg[0].phys);
              arch_io_out16_rep (ch->cmd + REG_DATA, p, BLK_SECTOR / 2);
              r->seg_off = BLK_SECTOR;
              r->sect_done = 1;
              break;
            }
        }
    }
}

/* Advance R's PIO cursor by one sector; return its address.  */
static void *
pio_next (struct blk_req *r)
{
  if (r->seg_off == r->seg[r->seg_at].len)
    {
      r->seg_at++;
      r->seg_off = 0;
    }
  void *p = (char *)phys_to_virt (r->seg[r->seg_at].phys) + r->seg_off;
  r->seg_off += BLK_SECTOR;
  r->sect_done++;
  return p;
}

/* Finish CH's head request with STATUS and start the next one.  */
static void
complete (struct ata_chan *ch, int status)
{
  struct blk_req *r = ch->head;
  struct blk_dev *d = r->dev;
  ch->head = r->next;
  if (!ch->head)
    ch->tail = NULL;
  ch->busy = false;
  r->next = NULL;
  if (status == VG_OK)
    {
      if (r->write)
        {
          d->stats.writes++;
          d->stats.sectors_written += r->nsect;
        }
      else
        {
          d->stats.reads++;
          d->stats.sectors_read += r->nsect;
        }
    }
  r->status = status;
  if (r->done)
    r->done (r);
  if (!ch->busy && ch->head)
    start (ch);
}

static void
ata_irq_work (struct ata_chan *ch)
{
  uint8_t bmst = ch->bm ? arch_io_in8 (ch->bm + BM_STATUS) : 0;
  if (!ch->busy)
    {
      status_of (ch); /* Acknowledge; nothing was asked for.  */
      return;
    }
  struct blk_req *r = ch->head;
  struct blk_dev *d = r->dev;
  d->stats.irqs++;
  if (d->dma)
    {
      uint8_t st = status_of (ch);
      if (!(bmst & BM_ST_IRQ)
          || ((bmst & BM_ST_ACTIVE) && !(st & (ST_ERR | ST_DF))))
        {
          /* Not the transfer's end: a stray edge, or the interrupt a
             channel reset raises, while the bus master still moves
             data.  The transfer goes on.  */
          d->stats.irqs--;
          return;
        }
      arch_io_out8 (ch->bm + BM_CMD, r->write ? 0 : BM_CMD_TO_MEMORY);
      arch_io_out8 (ch->bm + BM_STATUS, BM_ST_ERROR | BM_ST_IRQ);
      if ((st & (ST_ERR | ST_DF)) || (bmst & BM_ST_ERROR))
        {
          d->stats.errors++;
          log_warn ("ata",
                    "%s: %s of %u sectors at %lu failed (status %#x, "
                    "error %#x, bus master %#x)",
                    d->name, r->write ? "write" : "read", r->nsect, r->lba, st,
                    arch_io_in8 (ch->cmd + REG_ERROR), bmst);
          complete (ch, VG_EIO);
          return;
        }
      complete (ch, VG_OK);
      return;
    }

  uint8_t st = status_of (ch);
  if (st & ST_BSY)
    {
      d->stats.irqs--; /* Stray: the device is still working.  */
      return;
    }
  if (st & (ST_ERR | ST_DF))
    {
      d->stats.errors++;
      log_warn ("ata",
                "%s: %s of %u sectors at %lu failed (status %#x, "
                "error %#x)",
                d->name, r->write ? "write" : "read", r->nsect, r->lba, st,
                arch_io_in8 (ch->cmd + REG_ERROR));
      complete (ch, VG_EIO);
      return;
    }
  if (r->write)
    {
      if (r->sect_done == r->nsect)
        complete (ch, VG_OK);
      else if (st & ST_DRQ)
        arch_io_out16_rep (ch->cmd + REG_DATA, pio_next (r), BLK_SECTOR / 2);
      return;
    }
  if (!(st & ST_DRQ))
    return; /* Not ours to read yet.  */
  arch_io_in16_rep (ch->cmd + REG_DATA, pio_next (r), BLK_SECTOR / 2);
  if (r->sect_done == r->nsect)
    complete (ch, VG_OK);
}

/* The interrupt, with the cycles it takes (completion callbacks
   included) counted for measurement (blk_irq_cycles).  */
static void
ata_irq (void *arg)
{
  uint64_t t0 = arch_cycles ();
  ata_irq_work (arg);
  blk_irq_cycles += arch_cycles () - t0;
}

static void
ata_submit (struct blk_dev *d, struct blk_req *r)
{
  struct ata_disk *disk = d->priv;
  struct ata_chan *ch = disk->ch;
  r->next = NULL;
  if (ch->tail)
    ch->tail->next = r;
  else
    ch->head = r;
  ch->tail = r;
  if (!ch->busy)
    start (ch);
}

/* Reset CH after a command that never completed.  */
static void
reset (struct ata_chan *ch)
{
  if (ch->bm)
    {
      arch_io_out8 (ch->bm + BM_CMD, 0);
      arch_io_out8 (ch->bm + BM_STATUS, BM_ST_ERROR | BM_ST_IRQ);
    }
  arch_io_out8 (ch->ctl, CTL_SRST | CTL_NIEN);
  settle (ch);
  arch_io_out8 (ch->ctl, CTL_NIEN);
  settle (ch);
  wait_not_busy (ch);
  for (unsigned i = 0; i < POLL_LIMIT; i++)
    if ((status_of (ch) & (ST_BSY | 0x40)) == 0x40)
      break;                 /* Not busy, ready: the reset is over.  */
  status_of (ch);            /* Drop any interrupt the reset raised ...  */
  arch_io_out8 (ch->ctl, 0); /* ... before interrupts come back on.  */
}

static void
ata_tick (struct blk_dev *d, uint64_t now)
{
  struct ata_chan *ch = ((struct ata_disk *)d->priv)->ch;
  if (!ch->busy || ch->head->dev != d || now < ch->head->deadline)
    return;
  struct blk_req *r = ch->head;
  d->stats.timeouts++;
  log_warn ("ata", "%s: %s of %u sectors at %lu timed out; channel reset",
            d->name, r->write ? "write" : "read", r->nsect, r->lba);
  reset (ch);
  complete (ch, VG_ETIMEDOUT);
}

/* IDENTIFY the drive SLAVE on CH; fill DISK.  Polled, at boot.  */
static bool
identify (struct ata_chan *ch, unsigned slave, struct ata_disk *disk)
{
  static uint16_t id[256];
  arch_io_out8 (ch->cmd + REG_DRIVE, 0xa0 | (slave ? 0x10 : 0));
  settle (ch);
  arch_io_out8 (ch->cmd + REG_COUNT, 0);
  arch_io_out8 (ch->cmd + REG_LBA0, 0);
  arch_io_out8 (ch->cmd + REG_LBA1, 0);
  arch_io_out8 (ch->cmd + REG_LBA2, 0);
  arch_io_out8 (ch->cmd + REG_COMMAND, CMD_IDENTIFY);
  settle (ch);
  uint8_t st = status_of (ch);
  if (st == 0 || st == 0xff)
    return false; /* No drive.  */
  if (!wait_not_busy (ch))
    {
      log_warn ("ata", "ata%u-%s: busy after IDENTIFY; ignored", ch->index,
                slave ? "slave" : "master");
      return false;
    }
  if (arch_io_in8 (ch->cmd + REG_LBA1) || arch_io_in8 (ch->cmd + REG_LBA2))
    {
      log_info ("ata", "ata%u-%s: ATAPI device (CD), not a disk", ch->index,
                slave ? "slave" : "master");
      return false;
    }
  for (unsigned i = 0; i < POLL_LIMIT; i++)
    {
      st = status_of (ch);
      if (st & (ST_ERR | ST_DRQ))
        break;
    }
  if (!(st & ST_DRQ) || (st & ST_ERR))
    return false;
  arch_io_in16_rep (ch->cmd + REG_DATA, id, 256);
  if (!(id[49] & (1u << 9)))
    {
      log_warn ("ata", "ata%u-%s: no LBA; ignored", ch->index,
                slave ? "slave" : "master");
      return false;
    }
  disk->lba48 = id[83] & (1u << 10);
  if (disk->lba48)
    disk->dev.sectors = (uint64_t)id[100] | (uint64_t)id[101] << 16
                        | (uint64_t)id[102] << 32 | (uint64_t)id[103] << 48;
  else
    disk->dev.sectors = (uint64_t)id[60] | (uint64_t)id[61] << 16;
  char model[41];
  for (unsigned i = 0; i < 20; i++)
    {
      model[2 * i] = (char)(id[27 + i] >> 8);
      model[2 * i + 1] = (char)id[27 + i];
    }
  model[40] = 0;
  for (int i = 39; i >= 0 && model[i] == ' '; i--)
    model[i] = 0;
  disk->ch = ch;
  disk->slave = slave;
  disk->dev.ops = &ata_ops;
  disk->dev.priv = disk;
  vg_snprintf (disk->dev.name, sizeof disk->dev.name, "ata%u-%s", ch->index,
               slave ? "slave" : "master");
  log_info ("ata", "%s: '%s', %lu sectors (%lu MiB)%s", disk->dev.name, model,
            disk->dev.sectors, disk->dev.sectors >> 11,
            disk->lba48 ? ", LBA48" : "");
  return true;
}

/* The PCI IDE function: its bus-master base (0 if none) and whether the
   channels are in native mode (then their ports and line come from the
   BARs and the interrupt-line register).  */
struct ide_fn
{
  bool found;
  unsigned bus, dev, fn;
  uint8_t progif;
  uint16_t bm;
};

static struct ide_fn
pci_find_ide (void)
{
  struct ide_fn f = { 0 };
  for (unsigned bus = 0; bus < 256 && !f.found; bus++)
    for (unsigned dev = 0; dev < 32 && !f.found; dev++)
      for (unsigned fn = 0; fn < 8; fn++)
        {
          uint32_t idr = arch_pci_read32 (bus, dev, fn, 0);
          if ((idr & 0xffff) == 0xffff)
            {
              if (fn == 0)
                break;
              continue;
            }
          uint32_t cls = arch_pci_read32 (bus, dev, fn, 8);
          if ((cls >> 16) == 0x0101)
            {
              f.found = true;
              f.bus = bus;
              f.dev = dev;
              f.fn = fn;
              f.progif = (uint8_t)(cls >> 8);
              uint32_t bar4 = arch_pci_read32 (bus, dev, fn, 0x20);
              if ((f.progif & 0x80) && (bar4 & 1) && !(bar4 & ~3u))
                {
                  /* The firmware left the bus-master BAR unassigned
                     (qboot does): give it a free I/O range.  */
                  arch_pci_write32 (bus, dev, fn, 0x20, ATA_BM_DEFAULT_PORT);
                  bar4 = arch_pci_read32 (bus, dev, fn, 0x20);
                }
              if ((f.progif & 0x80) && (bar4 & 1) && (bar4 & ~3u))
                f.bm = (uint16_t)(bar4 & 0xfffc);
              /* I/O decoding and bus mastering on.  */
              uint32_t cmd = arch_pci_read32 (bus, dev, fn, 4);
              arch_pci_write32 (bus, dev, fn, 4, (cmd & 0xffff) | 0x5);
              log_info ("ata",
                        "PCI IDE %02x:%02x.%x (%04x:%04x, prog-if %#x), "
                        "bus master %s",
                        bus, dev, fn, idr & 0xffff, idr >> 16, f.progif,
                        f.bm ? "at port" : "absent");
              if (f.bm)
                log_info ("ata", "  bus-master ports %#x", f.bm);
              break;
            }
          if (fn == 0 && !(arch_pci_read32 (bus, dev, 0, 0xc) & 0x800000))
            break; /* Single-function device.  */
        }
  return f;
}

static void
chan_init (struct ata_chan *ch, unsigned i, const struct ide_fn *f)
{
  ch->index = i;
  ch->cmd = i ? 0x170 : 0x1f0;
  ch->ctl = i ? 0x376 : 0x3f6;
  ch->irq = i ? 15 : 14;
  if (f->found && (f->progif & (i ? 4 : 1)))
    {
      /* Native mode: ports from BARs 0/1 (2/3), line from config.  */
      uint32_t b0 = arch_pci_read32 (f->bus, f->dev, f->fn, 0x10 + 8 * i);
      uint32_t b1 = arch_pci_read32 (f->bus, f->dev, f->fn, 0x14 + 8 * i);
      ch->cmd = (uint16_t)(b0 & 0xfffc);
      ch->ctl = (uint16_t)((b1 & 0xfffc) + 2);
      ch->irq = arch_pci_read32 (f->bus, f->dev, f->fn, 0x3c) & 0xff;
    }
  ch->bm = f->bm ? (uint16_t)(f->bm + 8 * i) : 0;
  ch->prd = prd_tables[i];
}

void
ata_probe (bool force_pio)
{
  struct ide_fn f = pci_find_ide ();
  if (!f.found)
    log_info ("ata", "no PCI IDE function; trying the legacy ports");
  unsigned nd = 0;
  for (unsigned i = 0; i < 2; i++)
    {
      struct ata_chan *ch = &chans[i];
      chan_init (ch, i, &f);
      if (ch->irq >= 16)
        continue;
      arch_io_out8 (ch->ctl, CTL_NIEN);
      if (status_of (ch) == 0xff)
        continue; /* Floating bus: no channel.  */
      bool any = false;
      for (unsigned s = 0; s < 2; s++)
        {
          struct ata_disk *disk = &disks[nd];
          if (!identify (ch, s, disk))
            continue;
          disk->dev.dma = ch->bm && !force_pio;
          log_info ("ata", "%s: %s, IRQ %u", disk->dev.name,
                    disk->dev.dma ? "bus-master DMA" : "PIO", ch->irq);
          blk_add (&disk->dev);
          nd++;
          any = true;
        }
      status_of (ch);
      if (any)
        {
          arch_irq_attach (ch->irq, ata_irq, ch);
          arch_io_out8 (ch->ctl, 0); /* Interrupts on.  */
        }
    }
  if (nd == 0)
    log_info ("ata", "no ATA disk");
}
