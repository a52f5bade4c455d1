/* Directory streams over the RAM file system (sysinclude/sys/dirent.h).
   A stream keeps its directory open (NOPEN) and an index into its
   entries; "." and ".." come first.  Removing an entry before the index
   while reading makes the stream skip one, which POSIX allows for
   entries changed during the walk only; the order is otherwise kept
   (fs_dir_remove).  */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fd.h"
#include "fs.h"

struct vg_dir
{
  struct fs_node *node;
  size_t pos; /* 0 ".", 1 "..", then entry pos - 2.  */
  int fd;     /* From fdopendir, or -1.  */
  struct dirent ent;
};

static DIR *
open_node (struct fs_node *n, int fd)
{
  if (n->type != FS_DIR)
    {
      errno = ENOTDIR;
      return NULL;
    }
  DIR *d = calloc (1, sizeof *d);
  if (d == NULL)
    return NULL;
  d->node = n;
  d->fd = fd;
  n->nopen++;
  return d;
}

DIR *
opendir (const char *path)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (err)
    {
      errno = -err;
      return NULL;
    }
  return open_node (n, -1);
}

DIR *
fdopendir (int fd)
{
  struct fs_node *n;
  int err = fd_node (fd, &n);
  if (err)
    {
      errno = -err;
      return NULL;
    }
  return open_node (n, fd);
}

struct dirent *
readdir (DIR *d)
{
  const struct fs_node *n = d->node;
  const char *name;
  const struct fs_node *what;
  if (d->pos == 0)
    name = ".", what = n;
  else if (d->pos == 1)
    name = "..", what = n->parent;
  else if (d->pos - 2 < n->nents)
    name = n->ents[d->pos - 2].name, what = n->ents[d->pos - 2].node;
  else
    return NULL; /* The end; errno unchanged.  */
  d->pos++;
  d->ent.d_ino = (ino_t)what->ino;
  d->ent.d_type = what->type == FS_DIR ? DT_DIR : DT_REG;
  strncpy (d->ent.d_name, name, sizeof d->ent.d_name - 1);
  d->ent.d_name[sizeof d->ent.d_name - 1] = 0;
  return &d->ent;
}

void
rewinddir (DIR *d)
{
  d->pos = 0;
}

int
dirfd (DIR *d)
{
  if (d->fd < 0)
    {
      errno = ENOTSUP;
      return -1;
    }
  return d->fd;
}

int
closedir (DIR *d)
{
  d->node->nopen--;
  fs_node_put (d->node);
  if (d->fd >= 0)
    fd_close (d->fd);
  free (d);
  return 0;
}
