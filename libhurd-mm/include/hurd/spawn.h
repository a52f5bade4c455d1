/* spawn: start a program from an ELF image in memory, in a new activity
   with an address space of its own (doc/roottask.md).

   The parent keeps a workspace: one folio of its own activity and three
   cappages mounted in an empty level-1 slot of its tree (REGION).  For
   each child it creates, in that folio, the child's activity (under the
   parent's activity, with the quota asked for) and a record cappage
   mounted in REGION whose slots hold the caps the parent keeps: the
   child's activity, thread, AS root, boot cappage and folios (the
   VG_BOOT_CAP_* numbering).  Everything else -- the child's radix tree,
   its pages, its thread -- comes from folios of the child's activity, so
   all the child causes is charged to it and counts against its quota.

   The parent can only name slots of its own tree, so it reaches the
   child's cappages by mounting them, one at a time, at depth 2 or 3 in
   REGION, and writes a page by allocating it into a window slot of its
   own (mapped at REGION's base), copying the bytes in and then copying
   the cap into the child's tree (read-only for segments without W).

   The child finds what the kernel gives the root task (<vg/boot.h>): a
   boot-info page at VG_BOOT_INFO_VA (its command line, the quota default,
   the data modules passed in spawn_args.files), its boot caps, the passed
   caps, an 8-page stack, plus a start block (activations/include/vgstart.h) at
   VG_BOOT_START_VA.  It starts with rdi = VG_BOOT_START_VA, rsi =
   VG_START_MAGIC, rdx = VG_BOOT_INFO_VA.

   Not thread-safe: one thread spawns.  Errors are vg_error_t codes; WHY
   (if not NULL) receives a line of explanation.  */
#ifndef HURD_SPAWN_H
#define HURD_SPAWN_H

#include <stddef.h>
#include <stdint.h>

#include <vg/addr.h>
#include <vg/boot.h>

/* Children one workspace can start (two workspace-folio objects each).  */
#define SPAWN_MAX_CHILDREN 62
/* Folios a child may be built from (its quota is the real limit).  */
#define SPAWN_MAX_FOLIOS 24

struct spawn_env
{
  vg_addr_t activity;   /* The parent's activity: pays the workspace.  */
  vg_addr_t region;     /* The empty depth-1 slot the workspace uses.  */
  vg_addr_t folio_slot; /* Where the workspace folio's cap is kept.  */
  unsigned nchildren;   /* Records used so far.  */
  /* Which child cappages are mounted (child index + 1, 0 none), and for
     which path.  */
  unsigned m2_child, m3_child, m4_child;
  uint64_t m2_va, m3_va, m4_va;
};

struct spawn_child
{
  unsigned index;     /* Record number in the workspace.  */
  vg_addr_t activity; /* Parent addresses of the child's caps.  */
  vg_addr_t thread;
  vg_addr_t aspace;
  vg_addr_t caps;   /* The child's boot cappage.  */
  unsigned nfolios; /* Folios allocated from the child's activity.  */
  unsigned next;    /* Next free object in the last one.  */
  uint64_t entry;   /* The program's entry point.  */
};

struct spawn_args
{
  const void *image;      /* The ELF executable.  */
  size_t size;            /* Its bytes.  */
  const char *cmdline;    /* argv[0] and arguments, blank-separated.  */
  uint64_t quota;         /* Folio quota of the child's activity (0: only
                             the parent's applies).  */
  uint64_t frame_limit;   /* Its frame limit (0: only the parent's
                             applies; doc/reclamation.md), set once the
                             child is built, before it starts.  */
  int32_t priority;       /* Its sibling share: priority (a lower one is
                             reclaimed first) ...  */
  uint32_t weight;        /* ... and weight (0 means 1).  */
  uint64_t quota_default; /* What the child's boot info says.  */
  const vg_addr_t *caps;  /* Caps to pass (parent addresses), or NULL.  */
  unsigned ncaps;         /* How many, at most VG_BOOT_MAX_PASSED.  */
  /* Data modules to pass (the parent's own boot modules, e.g. files for
     libc-port, doc/porting.md), or NULL: each is copied, read-only,
     into the child's pages from VG_BOOT_MODULES_VA up (page-aligned,
     in order; charged to the child) and listed with its command line
     in the child's boot info, as the kernel lists the root task's.  */
  const struct vg_boot_module *files;
  unsigned nfiles;       /* How many, at most VG_BOOT_MAX_MODULES.  */
  uint64_t wall_seconds; /* The child's boot info's (<vg/boot.h>).  */
};

/* Set up ENV: allocate the workspace folio from ACTIVITY into
   FOLIO_SLOT and its cappages into REGION (an empty depth-1 slot).  */
int spawn_init (struct spawn_env *env, vg_addr_t activity, vg_addr_t region,
                vg_addr_t folio_slot);

/* Validate A->image, then build and start the child described by A.
   On error, what was built is destroyed (the child's activity with it)
   and WHY says what went wrong: VG_EINVAL for a rejected image or bad
   arguments (a priority out of range included), VG_EQUOTA (the folio
   quota), VG_EFRAMES (the frame limit) or VG_ENOMEM (the machine's
   memory) when storage ran out, VG_ERANGE when the workspace is full.  */
int spawn (struct spawn_env *env, const struct spawn_args *a,
           struct spawn_child *out, char *why, size_t whylen);

/* Wait until CHILD's thread stops (polling thread_exregs, yielding in
   between), at most TIMEOUT_NS (UINT64_MAX: forever).  *STATUS receives
   the status word (<vg/exregs.h>: VG_THREAD_STATUS_WHY, _CODE).  Returns
   VG_OK, VG_ETIMEDOUT, or the error reading the thread (VG_EDEADCAP
   if it was destroyed).  */
int spawn_wait (const struct spawn_child *child, uint64_t timeout_ns,
                uint64_t *status);

/* Which limit the storage error ERR names, as ", its folio quota or
   an ancestor's" (VG_EQUOTA), ", its frame limit ..." (VG_EFRAMES),
   ", no free frame in the machine" (VG_ENOMEM), or "".  */
const char *spawn_limit_name (int err);

/* Destroy CHILD's activity and with it everything it paid for.  */
int spawn_destroy (const struct spawn_child *child);

/* Internal to spawn.c and spawn-tree.c.  */
int spawn_alloc (struct spawn_child *c, unsigned type, vg_addr_t dst);
int spawn_child_slot (struct spawn_env *env, struct spawn_child *c,
                      uint64_t va, unsigned depth, vg_addr_t *out);
int spawn_page (struct spawn_env *env, struct spawn_child *c, uint64_t va,
                const void *src, size_t n, size_t off, int writable);
vg_addr_t spawn_record_slot (const struct spawn_env *env, unsigned child,
                             unsigned i);

#endif
