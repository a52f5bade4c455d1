/* spawn's check of where an ELF image's segments may go in a child
   (see hurd/spawn.h).  Separate from spawn.c so the host unit tests can
   run it.  */
#ifndef HURD_SPAWN_FIT_H
#define HURD_SPAWN_FIT_H

#include <stddef.h>

struct elf_image;

/* VG_OK if every segment of IMG lies entirely in the child's level-1
   slot 0 ([0, VG_BOOT_CAPS_VA)) and clear of the boot-info page and
   stack ([VG_BOOT_INFO_VA, VG_BOOT_STACK_TOP)); else VG_EINVAL with a
   line of explanation in WHY (if not NULL).  */
int spawn_fit_segments (const struct elf_image *img, char *why, size_t whylen);

#endif
