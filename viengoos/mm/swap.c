/* The swap store: block bitmap, swap quotas, write-back and read-back
   with CRC32C (see swap.h).  */
#include <arch/crc.h>
#include <arch/io.h>
#include <arch/mm.h>

#include "crc32c.h"
#include "kern/cmdline.h"
#include "kern/log.h"
#include "kern/panic.h"
#include "kstring.h"
#include "mm/pmm.h"
#include "mm/swap.h"
#include <vg/error.h>

#define BITS_PER_PAGE (PAGE_SIZE * 8)

static struct blk_dev *dev;
static uint64_t nblocks, nfree, cursor;
static unsigned map_pages;
static uint64_t *map[SWAP_MAX_MAP_PAGES]; /* Bitmap pages (1 = in use).  */
static struct swap_op ops[SWAP_INFLIGHT];
static unsigned inflight;
static struct swap_stats stats;
static bool crc_insn; /* swap_crc=insn, and the CPU has it.  */

/* The checksum of the page at P.  */
static uint32_t
page_crc (const void *p)
{
  return crc_insn ? arch_crc32c_page_insn (p) : crc32c (0, p, PAGE_SIZE);
}

int
swap_init (struct blk_dev *d)
{
  if (!d)
    {
      log_info ("swap", "no swap disk: important pages stay resident");
      return VG_OK;
    }
  uint64_t n = d->sectors / SWAP_SECT_PER_BLOCK;
  if (n < SWAP_MIN_BLOCKS)
    {
      log_warn ("swap", "%s: %lu blocks, fewer than %u: not used", d->name, n,
                SWAP_MIN_BLOCKS);
      return VG_ERANGE;
    }
  if (n > (uint64_t)SWAP_MAX_MAP_PAGES * BITS_PER_PAGE)
    {
      log_warn ("swap", "%s: only the first %lu MiB are used", d->name,
                ((uint64_t)SWAP_MAX_MAP_PAGES * BITS_PER_PAGE) >> 8);
      n = (uint64_t)SWAP_MAX_MAP_PAGES * BITS_PER_PAGE;
    }
  unsigned pages = (unsigned)((n + BITS_PER_PAGE - 1) / BITS_PER_PAGE);
  for (unsigned i = 0; i < pages; i++)
    {
      paddr_t p = pmm_alloc ();
      if (!p)
        {
          while (i--)
            pmm_free (virt_to_phys (map[i]));
          log_warn ("swap", "no memory for the bitmap: no swap");
          return VG_ENOMEM;
        }
      map[i] = phys_to_virt (p);
      memset (map[i], 0, PAGE_SIZE);
    }
  /* Blocks past the end are marked in use, so the scan never finds
     them.  */
  for (uint64_t b = n; b < (uint64_t)pages * BITS_PER_PAGE; b++)
    map[b / BITS_PER_PAGE][(b % BITS_PER_PAGE) / 64] |= 1ull << (b % 64);
  const char *c = cmdline_get ("swap_crc");
  crc_insn = c && strcmp (c, "insn") == 0 && arch_crc32c_insn_present ();
  if (c && strcmp (c, "insn") == 0 && !crc_insn)
    log_warn ("swap", "swap_crc=insn: the CPU has no crc32 instruction");
  dev = d;
  nblocks = nfree = n;
  map_pages = pages;
  log_info ("swap", "%s: %lu blocks (%lu MiB); bitmap %u frames; CRC32C by %s",
            d->name, n, n >> 8, pages,
            crc_insn ? "the crc32 instruction" : "table");
  return VG_OK;
}

bool
swap_present (void)
{
  return dev != NULL;
}

uint64_t
swap_blocks (void)
{
  return nblocks;
}

uint64_t
swap_blocks_free (void)
{
  return nfree;
}

uint64_t
swap_map_frames (void)
{
  return map_pages;
}

const struct swap_stats *
swap_get_stats (void)
{
  return &stats;
}

unsigned
swap_inflight (void)
{
  return inflight;
}

static uint64_t *
word_of (uint64_t b)
{
  return &map[b / BITS_PER_PAGE][(b % BITS_PER_PAGE) / 64];
}

int
swap_block_alloc (bool over_quota, uint32_t *block)
{
  if (!dev || nfree == 0)
    {
      stats.full_refusals++;
      return VG_ENOMEM;
    }
  if (over_quota)
    {
      stats.quota_refusals++;
      return VG_EQUOTA;
    }
  /* Next fit, a word at a time; nfree > 0 guarantees a hit.  */
  uint64_t words = (uint64_t)map_pages * (BITS_PER_PAGE / 64);
  uint64_t w = cursor / 64;
  for (uint64_t k = 0; k <= words; k++, w = (w + 1) % words)
    {
      uint64_t *p = word_of (w * 64);
      if (*p == ~0ull)
        continue;
      unsigned bit = (unsigned)__builtin_ctzll (~*p);
      *p |= 1ull << bit;
      uint64_t b = w * 64 + bit;
      nfree--;
      cursor = b + 1;
      *block = (uint32_t)b;
      return VG_OK;
    }
  panic ("swap_block_alloc: %lu blocks free but none in the bitmap", nfree);
}

void
swap_block_free (uint32_t block)
{
  assert (dev && block < nblocks);
  uint64_t *p = word_of (block);
  assert (*p & (1ull << (block % 64)));
  *p &= ~(1ull << (block % 64));
  nfree++;
}

static struct swap_op *
op_get (void)
{
  for (unsigned i = 0; i < SWAP_INFLIGHT; i++)
    if (!ops[i].busy)
      {
        ops[i].busy = true;
        inflight++;
        return &ops[i];
      }
  stats.busy_refusals++;
  return NULL;
}

static void
op_put (struct swap_op *op)
{
  op->busy = false;
  inflight--;
}

/* Completion interrupt of a store operation.  */
static void
op_done (struct blk_req *r)
{
  struct swap_op *op = r->arg;
  int status = r->status;
  if (r->write)
    {
      if (status == VG_OK)
        stats.writes++;
      else
        {
          stats.write_errors++;
          log_warn ("swap",
                    "write of block %u failed (error %d); the page "
                    "stays resident",
                    op->loc.block, status);
          swap_block_free (op->loc.block);
          op->loc.block = SWAP_NONE;
        }
    }
  else if (status == VG_OK)
    {
      if (page_crc (phys_to_virt (op->frame_phys)) != op->loc.crc)
        {
          stats.checksum_errors++;
          log_warn ("swap", "block %u fails its checksum: not handed over",
                    op->loc.block);
          status = VG_ECHECKSUM;
        }
      else
        stats.reads++;
    }
  else
    {
      stats.read_errors++;
      log_warn ("swap", "read of block %u failed (error %d)", op->loc.block,
                status);
    }
  /* The op is free again before DONE runs, so DONE may queue more.  */
  struct swap_op copy = *op;
  op_put (op);
  copy.done (&copy, status);
}

static int
op_submit (struct swap_op *op, bool write)
{
  op->req
      = (struct blk_req){ .lba = (uint64_t)op->loc.block * SWAP_SECT_PER_BLOCK,
                          .write = write,
                          .nseg = 1,
                          .done = op_done,
                          .arg = op };
  op->req.seg[0].phys = op->frame_phys;
  op->req.seg[0].len = PAGE_SIZE;
  return blk_submit (dev, &op->req);
}

int
swap_write (bool over_quota, uint64_t frame_phys, swap_done_fn *done,
            void *arg)
{
  uint64_t f = arch_irq_save ();
  int err = VG_EBUSY;
  struct swap_op *op = op_get ();
  if (!op)
    goto out;
  uint32_t block;
  err = swap_block_alloc (over_quota, &block);
  if (err)
    {
      op_put (op);
      goto out;
    }
  op->loc.block = block;
  op->loc.crc = page_crc (phys_to_virt (frame_phys));
  op->frame_phys = frame_phys;
  op->done = done;
  op->arg = arg;
  err = op_submit (op, true);
  if (err)
    {
      /* The store's own request was refused: a kernel bug.  */
      panic ("swap_write: block %u refused by the disk (%d)", block, err);
    }
out:
  arch_irq_restore (f);
  return err;
}

int
swap_read (const struct swap_loc *loc, uint64_t frame_phys, swap_done_fn *done,
           void *arg)
{
  if (!dev || loc->block >= nblocks)
    return VG_EINVAL;
  uint64_t f = arch_irq_save ();
  int err = VG_EBUSY;
  struct swap_op *op = op_get ();
  if (op)
    {
      op->loc = *loc;
      op->frame_phys = frame_phys;
      op->done = done;
      op->arg = arg;
      err = op_submit (op, false);
      if (err)
        panic ("swap_read: block %u refused by the disk (%d)", loc->block,
               err);
    }
  arch_irq_restore (f);
  return err;
}
