/* The RAM file system's paths: lookup, the working directory, and the
   calls that change the tree (fs.h).  */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "fs.h"

static struct fs_node *cwd;

struct fs_node *
fs_cwd (void)
{
  if (cwd == NULL)
    cwd = fs_root ();
  return cwd;
}

/* Split off PATH's next component into NAME; the rest of the path, or
   NULL at the end.  */
static const char *
next_component (const char *p, char *name, int *err)
{
  while (*p == '/')
    p++;
  if (*p == 0)
    return NULL;
  size_t n = strcspn (p, "/");
  if (n > FS_NAME_MAX)
    {
      *err = -ENAMETOOLONG;
      return NULL;
    }
  memcpy (name, p, n);
  name[n] = 0;
  return p + n;
}

/* Walk PATH: *DIR is the directory holding the last component, LEAF
   that component ("" for "/"), *NODE what it names or NULL.  */
int
fs_lookup_parent (const char *path, struct fs_node **dir, char *leaf,
                  struct fs_node **node)
{
  if (path == NULL)
    return -EFAULT;
  if (*path == 0)
    return -ENOENT;
  if (strnlen (path, FS_PATH_MAX) == FS_PATH_MAX)
    return -ENAMETOOLONG;
  struct fs_node *d = *path == '/' ? fs_root () : fs_cwd ();
  if (d == NULL)
    return -ENOMEM;
  struct fs_node *n = d;
  char name[FS_NAME_MAX + 1];
  int err = 0;
  const char *p = path;
  leaf[0] = 0;
  while ((p = next_component (p, name, &err)) != NULL)
    {
      if (n == NULL)
        return -ENOENT;
      if (n->type != FS_DIR)
        return -ENOTDIR;
      d = n;
      strcpy (leaf, name);
      if (strcmp (name, ".") == 0)
        n = d;
      else if (strcmp (name, "..") == 0)
        n = d->parent;
      else
        n = fs_dir_find (d, name);
    }
  if (err)
    return err;
  /* A trailing slash asks for a directory.  */
  if (n != NULL && n->type != FS_DIR && path[strlen (path) - 1] == '/')
    return -ENOTDIR;
  *dir = d;
  *node = n;
  return 0;
}

int
fs_lookup (const char *path, struct fs_node **out)
{
  struct fs_node *dir, *n;
  char leaf[FS_NAME_MAX + 1];
  int err = fs_lookup_parent (path, &dir, leaf, &n);
  if (err)
    return err;
  if (n == NULL)
    return -ENOENT;
  *out = n;
  return 0;
}

/* Whether LEAF may be created or removed: not "", "." or "..".  */
static int
plain_name (const char *leaf)
{
  return leaf[0] && strcmp (leaf, ".") != 0 && strcmp (leaf, "..") != 0;
}

int
fs_mkdir (const char *path, mode_t perm)
{
  struct fs_node *dir, *n;
  char leaf[FS_NAME_MAX + 1];
  int err = fs_lookup_parent (path, &dir, leaf, &n);
  if (err)
    return err;
  if (n != NULL)
    return -EEXIST;
  struct fs_node *d = fs_node_new (FS_DIR, perm);
  if (d == NULL)
    return -ENOMEM;
  err = fs_dir_add (dir, leaf, d);
  if (err)
    fs_node_put (d);
  return err;
}

int
fs_rmdir (const char *path)
{
  struct fs_node *dir, *n;
  char leaf[FS_NAME_MAX + 1];
  int err = fs_lookup_parent (path, &dir, leaf, &n);
  if (err)
    return err;
  if (n == NULL)
    return -ENOENT;
  if (n->type != FS_DIR)
    return -ENOTDIR;
  if (n == fs_root () || n == fs_cwd ())
    return -EBUSY;
  if (!plain_name (leaf))
    return -EINVAL;
  if (n->nents > 0)
    return -ENOTEMPTY;
  fs_dir_remove (dir, leaf);
  return 0;
}

int
fs_unlink (const char *path)
{
  struct fs_node *dir, *n;
  char leaf[FS_NAME_MAX + 1];
  int err = fs_lookup_parent (path, &dir, leaf, &n);
  if (err)
    return err;
  if (n == NULL)
    return -ENOENT;
  if (n->type == FS_DIR)
    return -EISDIR;
  fs_dir_remove (dir, leaf);
  return 0;
}

int
fs_link (const char *old, const char *new)
{
  struct fs_node *n, *dir, *there;
  char leaf[FS_NAME_MAX + 1];
  int err = fs_lookup (old, &n);
  if (!err)
    err = fs_lookup_parent (new, &dir, leaf, &there);
  if (err)
    return err;
  if (n->type == FS_DIR)
    return -EPERM;
  if (there != NULL)
    return -EEXIST;
  return fs_dir_add (dir, leaf, n);
}

/* Whether A is D or one of D's ancestors.  */
static int
is_ancestor (const struct fs_node *a, const struct fs_node *d)
{
  for (;;)
    {
      if (d == a)
        return 1;
      if (d == d->parent)
        return 0;
      d = d->parent;
    }
}

int
fs_rename (const char *old, const char *new)
{
  struct fs_node *odir, *n, *ndir, *there;
  char oleaf[FS_NAME_MAX + 1], nleaf[FS_NAME_MAX + 1];
  int err = fs_lookup_parent (old, &odir, oleaf, &n);
  if (!err && n == NULL)
    err = -ENOENT;
  if (!err)
    err = fs_lookup_parent (new, &ndir, nleaf, &there);
  if (err)
    return err;
  if (!plain_name (oleaf) || !plain_name (nleaf))
    return -EINVAL;
  if (there == n)
    return 0;
  if (n->type == FS_DIR && is_ancestor (n, ndir))
    return -EINVAL;
  if (there != NULL)
    {
      if (n->type == FS_DIR && there->type != FS_DIR)
        return -ENOTDIR;
      if (n->type != FS_DIR && there->type == FS_DIR)
        return -EISDIR;
      if (there->type == FS_DIR && there->nents > 0)
        return -ENOTEMPTY;
    }
  /* Add the new name first: if that fails, nothing changed.  */
  n->nlink++; /* Keep N alive across the removals.  */
  if (there != NULL)
    fs_dir_remove (ndir, nleaf);
  err = fs_dir_add (ndir, nleaf, n);
  if (!err)
    fs_dir_remove (odir, oleaf);
  n->nlink--;
  fs_node_put (n);
  return err;
}

int
fs_chdir (const char *path)
{
  struct fs_node *n;
  int err = fs_lookup (path, &n);
  if (err)
    return err;
  if (n->type != FS_DIR)
    return -ENOTDIR;
  cwd = n;
  return 0;
}

/* The name of N in its parent.  */
static const char *
name_in_parent (const struct fs_node *n)
{
  const struct fs_node *p = n->parent;
  for (size_t i = 0; i < p->nents; i++)
    if (p->ents[i].node == n)
      return p->ents[i].name;
  return "?";
}

int
fs_getcwd (char *buf, size_t size)
{
  /* Build the path backwards from the end of BUF.  */
  struct fs_node *n = fs_cwd ();
  if (size == 0)
    return -EINVAL;
  size_t pos = size - 1;
  buf[pos] = 0;
  if (n == n->parent)
    {
      if (pos < 1)
        return -ERANGE;
      buf[--pos] = '/';
    }
  for (; n != n->parent; n = n->parent)
    {
      const char *name = name_in_parent (n);
      size_t len = strlen (name);
      if (pos < len + 1)
        return -ERANGE;
      pos -= len;
      memcpy (buf + pos, name, len);
      buf[--pos] = '/';
    }
  memmove (buf, buf + pos, size - pos);
  return 0;
}

int
fs_open (const char *path, int flags, mode_t perm, struct fs_node **out)
{
  struct fs_node *dir, *n;
  char leaf[FS_NAME_MAX + 1];
  int err = fs_lookup_parent (path, &dir, leaf, &n);
  if (err)
    return err;
  int acc = flags & O_ACCMODE;
  if (n == NULL)
    {
      if (!(flags & O_CREAT))
        return -ENOENT;
      if (!plain_name (leaf))
        return -EISDIR;
      n = fs_node_new (FS_FILE, perm);
      if (n == NULL)
        return -ENOMEM;
      err = fs_dir_add (dir, leaf, n);
      if (err)
        {
          fs_node_put (n);
          return err;
        }
    }
  else if ((flags & O_CREAT) && (flags & O_EXCL))
    return -EEXIST;
  else if (n->type == FS_DIR && acc != O_RDONLY)
    return -EISDIR;
  if (n->type == FS_FILE && (flags & O_TRUNC) && acc != O_RDONLY)
    {
      err = fs_file_truncate (n, 0);
      if (err)
        return err;
    }
  n->nopen++;
  *out = n;
  return 0;
}

int
fs_create_ro (const char *name, const void *data, size_t len)
{
  struct fs_node *n;
  int err = fs_open (name, O_WRONLY | O_CREAT | O_TRUNC, 0644, &n);
  if (err)
    return err;
  free (n->data);
  n->data = NULL;
  n->cap = 0;
  n->ro = data;
  n->size = len;
  n->nopen--;
  return 0;
}
