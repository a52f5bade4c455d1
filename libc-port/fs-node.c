/* The RAM file system's nodes: files' bytes and directories' entries
   (fs.h).  */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fs.h"

static struct fs_node *root;
static uint64_t next_ino = 1;

/* The largest file: SSIZE_MAX-safe and far beyond any quota.  */
#define FS_FILE_MAX ((uint64_t)1 << 40)

struct fs_node *
fs_node_new (enum fs_type type, mode_t perm)
{
  struct fs_node *n = calloc (1, sizeof *n);
  if (n == NULL)
    return NULL;
  n->type = type;
  n->perm = perm & 07777;
  n->ino = next_ino++;
  fs_node_touch (n);
  n->atime = n->mtime;
  return n;
}

struct fs_node *
fs_root (void)
{
  if (root == NULL)
    {
      root = fs_node_new (FS_DIR, 0755);
      if (root == NULL)
        return NULL;
      root->parent = root;
      root->nlink = 1; /* Its own name, "/".  */
    }
  return root;
}

void
fs_node_put (struct fs_node *n)
{
  if (n == NULL || n->nlink > 0 || n->nopen > 0 || n == root)
    return;
  free (n->data);
  for (size_t i = 0; i < n->nents; i++)
    free (n->ents[i].name);
  free (n->ents);
  free (n);
}

void
fs_node_touch (struct fs_node *n)
{
  n->mtime = n->ctime = time (NULL);
}

void
fs_node_stat (const struct fs_node *n, struct stat *st)
{
  memset (st, 0, sizeof *st);
  st->st_dev = 1;
  st->st_ino = (ino_t)n->ino;
  st->st_mode = (n->type == FS_DIR ? S_IFDIR : S_IFREG) | n->perm;
  /* A directory counts "." and its subdirectories' "..", as on Unix.  */
  st->st_nlink = n->nlink;
  if (n->type == FS_DIR)
    {
      st->st_nlink = 2;
      for (size_t i = 0; i < n->nents; i++)
        st->st_nlink += n->ents[i].node->type == FS_DIR;
    }
  st->st_size = n->type == FS_FILE ? (off_t)n->size : 0;
  st->st_blksize = 4096;
  st->st_blocks = (blkcnt_t)((n->type == FS_FILE ? n->cap : 0) + 511) / 512;
  st->st_atime = n->atime;
  st->st_mtime = n->mtime;
  st->st_ctime = n->ctime;
}

size_t
fs_file_read (const struct fs_node *n, void *buf, size_t len, uint64_t off)
{
  if (off >= n->size)
    return 0;
  if (len > n->size - off)
    len = (size_t)(n->size - off);
  memcpy (buf, (n->data ? n->data : n->ro) + off, len);
  return len;
}

/* Make room for SIZE bytes in DATA, copying the read-only bytes in on
   the first change.  */
static int
reserve (struct fs_node *n, uint64_t size)
{
  if (size > FS_FILE_MAX)
    return -EFBIG;
  if (n->data != NULL && size <= n->cap)
    return 0;
  size_t cap = n->cap ? n->cap : 256;
  while (cap < size)
    cap *= 2;
  if (n->data == NULL && n->size > cap)
    cap = n->size;
  char *d = realloc (n->data, cap);
  if (d == NULL)
    return -ENOMEM;
  if (n->data == NULL && n->ro != NULL)
    memcpy (d, n->ro, n->size);
  n->data = d;
  n->ro = NULL;
  n->cap = cap;
  return 0;
}

ssize_t
fs_file_write (struct fs_node *n, const void *buf, size_t len, uint64_t off)
{
  if (len == 0)
    return 0;
  if (off + len < off)
    return -EFBIG;
  int err = reserve (n, off + len);
  if (err)
    return err;
  if (off > n->size)
    memset (n->data + n->size, 0, (size_t)(off - n->size));
  memcpy (n->data + off, buf, len);
  if (off + len > n->size)
    n->size = (size_t)(off + len);
  fs_node_touch (n);
  return (ssize_t)len;
}

int
fs_file_truncate (struct fs_node *n, uint64_t size)
{
  if (size > n->size)
    {
      int err = reserve (n, size);
      if (err)
        return err;
      memset (n->data + n->size, 0, (size_t)(size - n->size));
    }
  else if (n->data == NULL && n->ro != NULL && size < n->size)
    {
      int err = reserve (n, size ? size : 1);
      if (err)
        return err;
    }
  n->size = (size_t)size;
  fs_node_touch (n);
  return 0;
}

struct fs_node *
fs_dir_find (const struct fs_node *dir, const char *name)
{
  for (size_t i = 0; i < dir->nents; i++)
    if (strcmp (dir->ents[i].name, name) == 0)
      return dir->ents[i].node;
  return NULL;
}

int
fs_dir_add (struct fs_node *dir, const char *name, struct fs_node *n)
{
  if (dir->nents == dir->capents)
    {
      size_t cap = dir->capents ? 2 * dir->capents : 8;
      struct fs_dirent *e = realloc (dir->ents, cap * sizeof *e);
      if (e == NULL)
        return -ENOMEM;
      dir->ents = e;
      dir->capents = cap;
    }
  char *copy = strdup (name);
  if (copy == NULL)
    return -ENOMEM;
  dir->ents[dir->nents++] = (struct fs_dirent){ copy, n };
  n->nlink++;
  if (n->type == FS_DIR)
    n->parent = dir;
  fs_node_touch (dir);
  return 0;
}

void
fs_dir_remove (struct fs_node *dir, const char *name)
{
  for (size_t i = 0; i < dir->nents; i++)
    if (strcmp (dir->ents[i].name, name) == 0)
      {
        struct fs_node *n = dir->ents[i].node;
        free (dir->ents[i].name);
        /* Keep the order: a readdir in progress must not skip one.  */
        memmove (&dir->ents[i], &dir->ents[i + 1],
                 (dir->nents - i - 1) * sizeof dir->ents[0]);
        dir->nents--;
        n->nlink--;
        fs_node_touch (dir);
        fs_node_put (n);
        return;
      }
}
