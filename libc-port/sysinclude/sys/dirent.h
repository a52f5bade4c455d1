/* <sys/dirent.h> for libc-port's RAM file system (newlib's generic one
   is an #error): struct dirent and DIR for <dirent.h>'s opendir,
   readdir, rewinddir, closedir and dirfd (libc-port/dir.c; scandir,
   alphasort, seekdir and telldir are declared but not provided).  */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#define _DIRENT_HAVE_D_TYPE 1
#define DT_UNKNOWN 0
#define DT_DIR 4
#define DT_REG 8

struct dirent
{
  ino_t d_ino;
  unsigned char d_type; /* DT_REG or DT_DIR.  */
  char d_name[256];
};

typedef struct vg_dir DIR;

#endif
