/* Internal to libc-port: the RAM file system (doc/porting.md, "Files").

   A tree of nodes in the program's own memory (malloc, so every byte is
   charged to the program's activity through libhurd-mm's heap).  A node
   is a regular file or a directory.  A file's bytes are in DATA
   (malloc'd, CAP bytes); a file made from a boot module (vg-file,
   vg-stdin) starts with RO pointing at the module's read-only mapping
   and is copied into DATA on its first change.  A directory holds its
   entries (name, node) unsorted, plus its parent (the root is its own).

   Lifetimes: a node lives while it has a name (NLINK) or is open
   (NOPEN: descriptors and DIR streams); fs_node_put frees it when both
   drop to zero.  Directories have exactly one name (no hard links to
   directories), and rmdir refuses a non-empty one.

   Errors: every fs_* call returns 0 (or a count) on success and a
   negative errno number on failure; the callers turn that into errno
   (io.c for newlib's underscore calls, the rest directly).  Single
   threaded, like the rest of libc-port.  */
#ifndef FS_H
#define FS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#define FS_NAME_MAX 255
#define FS_PATH_MAX 1024

enum fs_type
{
  FS_FILE = 1,
  FS_DIR = 2,
};

struct fs_node;

struct fs_dirent
{
  char *name; /* malloc'd, NUL-ended.  */
  struct fs_node *node;
};

struct fs_node
{
  enum fs_type type;
  unsigned nlink; /* Names (directory entries) naming it.  */
  unsigned nopen; /* Descriptors and DIR streams using it.  */
  uint64_t ino;
  mode_t perm; /* Permission bits only.  */
  time_t atime, mtime, ctime;
  /* FS_FILE.  */
  size_t size, cap;
  char *data;     /* CAP bytes, or NULL.  */
  const char *ro; /* Read-only initial bytes (SIZE of them) or NULL.  */
  /* FS_DIR.  */
  struct fs_dirent *ents;
  size_t nents, capents;
  struct fs_node *parent;
};

/* Nodes (fs-node.c).  */
struct fs_node *fs_root (void);
struct fs_node *fs_node_new (enum fs_type type, mode_t perm);
void fs_node_put (struct fs_node *n);
void fs_node_stat (const struct fs_node *n, struct stat *st);
void fs_node_touch (struct fs_node *n);
/* Read up to LEN bytes at OFF; the count (0 at or past the end).  */
size_t fs_file_read (const struct fs_node *n, void *buf, size_t len,
                     uint64_t off);
/* Write LEN bytes at OFF, growing the file (a gap reads as zeros);
   the count or -ENOMEM/-EFBIG.  */
ssize_t fs_file_write (struct fs_node *n, const void *buf, size_t len,
                       uint64_t off);
int fs_file_truncate (struct fs_node *n, uint64_t size);
/* Directory entries.  */
struct fs_node *fs_dir_find (const struct fs_node *dir, const char *name);
int fs_dir_add (struct fs_node *dir, const char *name, struct fs_node *n);
void fs_dir_remove (struct fs_node *dir, const char *name);

/* Paths (fs-path.c).  PATH is absolute or relative to the working
   directory; "." and ".." are understood; no symbolic links.  */
struct fs_node *fs_cwd (void);
/* The node PATH names, or -ENOENT, -ENOTDIR, -ENAMETOOLONG.  */
int fs_lookup (const char *path, struct fs_node **out);
/* The directory PATH's last component is in, and that component (in
   LEAF, FS_NAME_MAX + 1 bytes); *NODE is what it names, or NULL.  */
int fs_lookup_parent (const char *path, struct fs_node **dir, char *leaf,
                      struct fs_node **node);
int fs_mkdir (const char *path, mode_t perm);
int fs_rmdir (const char *path);
int fs_unlink (const char *path);
int fs_link (const char *old, const char *new);
int fs_rename (const char *old, const char *new);
int fs_chdir (const char *path);
/* The working directory's absolute path in BUF (SIZE bytes), or
   -ERANGE.  */
int fs_getcwd (char *buf, size_t size);
/* Open PATH with open(2)'s FLAGS and PERM: the node (its NOPEN
   raised) in *OUT.  */
int fs_open (const char *path, int flags, mode_t perm, struct fs_node **out);
/* Create a file NAME in the root from LEN read-only bytes at DATA.  */
int fs_create_ro (const char *name, const void *data, size_t len);

#endif
