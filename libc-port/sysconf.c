/* sysconf, getpagesize and getcwd: the machine as a program sees it
   (one CPU, 4 KiB pages, FD_MAX descriptors, the working directory of
   the RAM file system).  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fd.h"
#include "glue.h"

#define GLUE_PAGE_SIZE 4096

long
sysconf (int name)
{
  switch (name)
    {
    case _SC_PAGESIZE:
      return GLUE_PAGE_SIZE;
    case _SC_CLK_TCK:
      return CLOCKS_PER_SEC;
    case _SC_OPEN_MAX:
      return FD_MAX;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
      return 1;
    default:
      errno = EINVAL;
      return -1;
    }
}

int
getpagesize (void)
{
  return GLUE_PAGE_SIZE;
}

char *
getcwd (char *buf, size_t size)
{
  char path[FS_PATH_MAX];
  int err = fs_getcwd (path, sizeof path);
  if (err)
    {
      errno = -err;
      return NULL;
    }
  size_t n = strlen (path) + 1;
  /* getcwd (NULL, SIZE) allocates, as glibc and the BSDs do.  */
  if (buf == NULL)
    {
      size = size > n ? size : n;
      buf = malloc (size);
      if (buf == NULL)
        return NULL;
    }
  else if (size == 0)
    {
      errno = EINVAL;
      return NULL;
    }
  if (size < n)
    {
      errno = ERANGE;
      return NULL;
    }
  memcpy (buf, path, n);
  return buf;
}
