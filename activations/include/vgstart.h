/* The start block: how argc, argv and the environment reach a newlib
   program's main.

   Convention: whoever starts a program (the root task, for a boot
   module) builds a start block (vg_start_block_build) in memory the
   program can read, and enters _start with %rdi = the block's address
   and %rsi = VG_START_MAGIC.  The block is self-contained: the header,
   then argv's ARGC pointers and a NULL, then envp's pointers and a NULL,
   then the strings; every pointer lies inside the block, computed for the
   address the block has in the program (VA), which may differ from where
   the builder wrote it.  The start code (vg_start_block_find) trusts %rdi
   only when %rsi holds the magic and vg_start_block_check accepts the
   block; a program the kernel started as the root task gets a block
   built from its boot-info page instead.  With neither, a newlib
   program's main gets argc 1, argv {"prog", NULL} and an empty
   environment, a libvg program's argc 0.  The block must stay mapped for the
   program's life: argv and environ point into it.

   The header is used by the program (libc-port) and by the starter; it
   includes only <stddef.h> and <stdint.h> so either side can use it.  */
#ifndef VGSTART_H
#define VGSTART_H

#include <stddef.h>
#include <stdint.h>

/* "VGSTART\0" read as a little-endian 64-bit word, in %rsi and in the
   header.  */
#define VG_START_MAGIC 0x0054524154534756ull

/* Limits the builder enforces and the checker relies on.  */
#define VG_START_MAX_ARGS 256
#define VG_START_MAX_SIZE (64u * 1024)

struct vg_start_block
{
  uint64_t magic; /* VG_START_MAGIC */
  uint64_t size;  /* bytes of the whole block, this header included */
  uint64_t argc;  /* entries in argv before its NULL */
  uint64_t envc;  /* entries in envp before its NULL */
  char **argv;    /* argc pointers and a NULL, inside the block */
  char **envp;    /* envc pointers and a NULL, inside the block */
};

_Static_assert(sizeof (struct vg_start_block) == 48,
               "the start block header is ABI");

/* Build a start block in BUF (SIZE bytes) for a program that will see it
   at address VA.  ARGS is a command line: words separated by blanks
   (space, tab, newline), no quoting; each becomes an argv entry, the
   first normally the program's name.  ENVP is a NULL-terminated vector
   of "NAME=value" strings, or NULL for none.  Returns the bytes used (a
   multiple of 8), or 0 when BUF is too small, VA is not 8-aligned, or
   there are more than VG_START_MAX_ARGS words or environment entries, or
   the block would exceed VG_START_MAX_SIZE.  Nothing is promised about
   BUF after a failure.  */
size_t vg_start_block_build (void *buf, size_t size, uint64_t va,
                             const char *args, const char *const *envp);

/* Check a block the program received at its own address B: magic, size
   within VG_START_MAX_SIZE, counts within the limits, every vector and
   string inside the block and every string terminated in it.  Returns 1
   if the block may be used, 0 if not.  Reads at most B->size bytes (the
   header first).  */
int vg_start_block_check (const struct vg_start_block *b);

/* For a program the kernel started as the root task (rdi =
   VG_BOOT_INFO_VA, rsi = 0): build a start block in BUF (SIZE bytes, at
   its own address) from the boot-info page INFO's command line.  Returns
   the block, or NULL if INFO is not a boot-info page or the line does not
   fit.  */
/* 0 if the boot-info page INFO (a page with VG_BOOT_MAGIC, or any other
   page) does not contradict this program's ABI; -1 if it carries
   another VG_ABI_VERSION.  crt0 calls it first and exits with status
   127 on -1.  */
int vg_boot_abi_check (const void *info);

const struct vg_start_block *vg_start_block_from_boot (const void *info,
                                                       void *buf, size_t size);

/* What a program's start code got in rdi and rsi, made into a start
   block: a valid block from a starter (RSI == VG_START_MAGIC), else one
   built in BUF from the kernel's boot-info page; NULL if neither.  */
const struct vg_start_block *
vg_start_block_find (const void *rdi, uint64_t rsi, void *buf, size_t size);

#endif
