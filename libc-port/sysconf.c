/* sysconf, getpagesize and getcwd: the machine as a program sees it
   (one CPU, 4 KiB pages, the console's descriptors, the working
   directory).  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

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
      return GLUE_NFDS;
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
  const char *cwd = "/";
  size_t n = strlen (cwd) + 1;
  /* getcwd (NULL, SIZE) allocates, as glibc and the BSDs do.  */
  if (buf == NULL)
    {
      buf = malloc (size > n ? size : n);
      if (buf == NULL)
        return NULL;
      size = size > n ? size : n;
    }
  if (size == 0)
    {
      errno = EINVAL;
      return NULL;
    }
  if (size < n)
    {
      errno = ERANGE;
      return NULL;
    }
  memcpy (buf, cwd, n);
  return buf;
}
