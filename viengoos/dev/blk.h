/* The block interface: read or write N 512-byte sectors of a disk.

   Model.  A caller fills a struct blk_req (first sector, direction, and
   the physical memory to transfer as up to BLK_MAX_SEGS segments) and
   hands it to blk_submit.  The driver queues it (one software queue per
   controller channel: an ATA channel takes one command at a time) and
   issues it when the channel is free; the completion interrupt finishes
   the request, sets its status and issues the next queued command.  The
   caller learns of completion either by its DONE callback (run in the
   completion interrupt, with interrupts off; it may submit more
   requests) or, from the boot context only, by blk_wait.

   Errors are results, never panics: a request outside the disk or with
   bad segments is refused at submission (VG_EINVAL, VG_ERANGE); a
   command the device fails completes with VG_EIO; one that does not
   complete within the timeout completes with VG_ETIMEDOUT, after the
   driver reset its channel.  Every error is logged once.

   Devices are fixed at boot (blk_init probes them); their descriptors
   are static, the kernel allocates nothing per request: the request
   lives in the caller's memory until it completes.  The disk the swap
   store uses is blk_swap_dev (): the first disk found, or none.

   Single CPU; queues change only with interrupts off.  */
#ifndef VG_DEV_BLK_H
#define VG_DEV_BLK_H

#include <stdbool.h>
#include <stdint.h>

#define BLK_SECTOR 512
#define BLK_MAX_SEGS 16
#define BLK_PENDING (-1) /* status of a request not yet completed.  */

struct blk_dev;

/* A physically contiguous piece of the transfer: LEN bytes (a multiple
   of BLK_SECTOR) at physical address PHYS (even, below 4 GiB for DMA).  */
struct blk_seg
{
  uint64_t phys;
  uint32_t len;
};

struct blk_req
{
  /* Set by the caller before blk_submit.  */
  uint64_t lba;  /* First sector.  */
  bool write;    /* Memory to disk if set, else disk to memory.  */
  unsigned nseg; /* 1..BLK_MAX_SEGS.  */
  struct blk_seg seg[BLK_MAX_SEGS];
  /* Called once when the request completes (status set), in interrupt
     context; NULL for none.  */
  void (*done) (struct blk_req *r);
  void *arg; /* The caller's.  */

  /* The driver's.  */
  struct blk_dev *dev;
  volatile int status;  /* BLK_PENDING, then VG_OK or an error.  */
  uint32_t nsect;       /* Sectors in all segments.  */
  struct blk_req *next; /* Queue link.  */
  uint64_t deadline;    /* Timer tick by which it must complete.  */
  unsigned seg_at;      /* PIO: segment and offset of the next sector.  */
  uint32_t seg_off;
  uint32_t sect_done; /* PIO: sectors transferred.  */
};

struct blk_stats
{
  uint64_t reads, writes; /* Requests completed successfully.  */
  uint64_t sectors_read, sectors_written;
  uint64_t errors;   /* Requests completed with VG_EIO.  */
  uint64_t timeouts; /* Requests completed with VG_ETIMEDOUT.  */
  uint64_t irqs;     /* Completion interrupts taken.  */
};

/* A driver: a const table, chosen when the device is probed.  */
struct blk_ops
{
  /* Queue R (checked by blk_submit) and start it if the device is
     idle.  Called with interrupts off.  */
  void (*submit) (struct blk_dev *d, struct blk_req *r);
  /* Fail requests whose deadline passed (NOW in timer ticks).  Called
     with interrupts off.  */
  void (*tick) (struct blk_dev *d, uint64_t now);
};

struct blk_dev
{
  const struct blk_ops *ops;
  char name[16];    /* "ata0-master" ...  */
  uint64_t sectors; /* Capacity.  */
  bool dma;         /* Transfers by bus-master DMA, else PIO.  */
  void *priv;       /* The driver's.  */
  struct blk_stats stats;
};

/* Probe the disks (ATA: both channels, master and slave).  The kernel
   option ata=pio forces PIO where DMA is available.  */
void blk_init (void);

/* Register D (a driver's probe, at boot; at most BLK_MAX_DEVS).  */
#define BLK_MAX_DEVS 4
void blk_add (struct blk_dev *d);

/* The disks found, and the one the swap store uses (NULL: none).  */
unsigned blk_count (void);
struct blk_dev *blk_get (unsigned i);
struct blk_dev *blk_swap_dev (void);

/* Check R against D and queue it.  VG_OK: R completes later (status,
   DONE).  VG_EINVAL: no segments, too many, a length not a multiple of
   BLK_SECTOR or an odd or (DMA) out-of-reach address; VG_ERANGE: the
   sectors run past the end of the disk.  On an error R is untouched by
   the driver and DONE is not called.  */
int blk_submit (struct blk_dev *d, struct blk_req *r);

/* Boot context only: wait (interrupts on, halted) until R completes;
   return its status.  */
int blk_wait (struct blk_req *r);

/* Read or write NSECT sectors at LBA to or from the physically
   contiguous buffer at PHYS, and wait (boot context only).  */
int blk_rw_wait (struct blk_dev *d, bool write, uint64_t lba, uint32_t nsect,
                 uint64_t phys);

/* Cycles (guest instructions under -icount) spent in the disk
   interrupt handlers, completion callbacks included; for measurement.  */
extern uint64_t blk_irq_cycles;

/* The timer tick (NOW in ticks): expire overdue requests.  */
void blk_tick (uint64_t now);

/* Request timeout in timer ticks (kernel option ata_timeout=MS).  */
uint64_t blk_timeout_ticks (void);

#endif
