/* The user-side shadow of the cap tree.

   libhurd-mm builds the thread's 4-level radix tree of cappages (256
   slots each, <vg/addr.h>) itself, so it can keep a copy of what it put
   there and answer "what is at this address?" without a system call.
   A shadow directory mirrors one cappage; its entries mirror the
   cappage's slots.  An entry records the type and rights of the cap in
   the slot and which storage object it names (so unmapping can free
   it); a cappage entry points to the child directory.

   Invariant: for every slot libhurd-mm owns, the entry equals what the
   kernel holds (type, rights, object); every change goes through as.c,
   which updates the shadow right after the system call succeeds.  Slots
   that libhurd-mm does not own (the program image's part of the tree,
   set up by the loader) are marked SHADOW_FOREIGN and never touched.

   Memory: an entry is 16 bytes, so a directory's 256 entries fill one
   metadata page, plus a 64-byte chunk for the directory header.  */
#ifndef HURD_SHADOW_H
#define HURD_SHADOW_H

#include <stdint.h>

#include <hurd/storage.h>

/* Entry flags.  */
#define SHADOW_FOREIGN 0x01 /* Not ours: never map here.  */
#define SHADOW_DISCARDED                                                      \
  0x02 /* Empty because we discarded the page: a                              \
          fault here refills it.  */

struct shadow_dir;

struct shadow_entry
{
  union
  {
    struct shadow_dir *dir;      /* VG_TYPE_CAPPAGE: the child.  */
    struct storage_folio *folio; /* Other types: the object's folio
                                    (NULL if not allocated by us).  */
    struct storage_folio *desc;  /* VG_TYPE_FOLIO: its descriptor.  */
  };
  uint8_t type;   /* enum vg_type; VG_TYPE_VOID if empty.  */
  uint8_t rights; /* VG_RIGHT_* of the installed cap.  */
  uint8_t slot;   /* The object's slot in FOLIO.  */
  uint8_t flags;  /* SHADOW_*.  */
  uint32_t reserved;
};
_Static_assert(sizeof (struct shadow_entry) == 16, "shadow_entry");

/* A directory: the shadow of one cappage.  */
struct shadow_dir
{
  struct shadow_entry *e; /* 256 entries (one metadata page).  */
  struct storage_obj obj; /* The cappage object (folio NULL for the
                             root, which the kernel made).  */
  uint32_t used;          /* Non-void entries.  */
};
_Static_assert(sizeof (struct shadow_dir) <= 64, "shadow_dir");

/* Initialise DIR over the zeroed entry page E.  */
void shadow_dir_init (struct shadow_dir *dir, struct shadow_entry *e,
                      struct storage_obj obj);

/* The directory holding the slot at DEPTH (1..4) on the path to VA,
   starting at ROOT (the level-1 directory); NULL if a cappage on the
   way is missing.  No system call.  */
struct shadow_dir *shadow_dir_of (struct shadow_dir *root, uint64_t va,
                                  unsigned depth);

/* The entry of the slot at DEPTH on the path to VA, or NULL.  */
struct shadow_entry *shadow_lookup (struct shadow_dir *root, uint64_t va,
                                    unsigned depth);

/* Record in DIR's entry INDEX a cap of TYPE with RIGHTS naming OBJ
   (or the child directory CHILD for a cappage), keeping the used count.  */
void shadow_set (struct shadow_dir *dir, unsigned index, uint8_t type,
                 uint8_t rights, struct storage_obj obj,
                 struct shadow_dir *child);

/* Empty DIR's entry INDEX, leaving FLAGS.  */
void shadow_clear (struct shadow_dir *dir, unsigned index, uint8_t flags);

#endif
