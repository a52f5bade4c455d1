/* What a program gets from its starter besides argv, and what it hands
   back at exit (doc/porting.md, "Files").

   At start (bootfiles_import, from start.c), the boot-info page's
   modules (<vg/boot.h>: the kernel's for a program started as the root
   task, the ones the root task passed on otherwise) are read by their
   command lines, "PATH KIND [NAME]":
     PATH vg-file NAME   a file NAME in the working directory (/), with
                         the module's bytes (copied on its first change)
     PATH vg-stdin       descriptor 0 reads the module's bytes
     PATH vg-args        argv: the module holds NUL-ended strings
     PATH vg-env         the environment, the same way ("NAME=VALUE")
     PATH vg-outfiles    names of files to send to the host at exit
   Other modules (programs) are left alone.

   At exit (bootfiles_export, from _exit), each file named by vg-outfiles
   goes to the host channel as VG_HOST_FILE_DATA records and one
   VG_HOST_FILE_END (<vg/hostchan.h>); tools/run writes them out.  */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bootfiles.h"
#include "fd.h"
#include "fs.h"
#include "glue.h"
#include <vg/boot.h>
#include <vg/hostchan.h>
#include <vg/stubs.h>

static const char *outfiles;
static size_t outfiles_len;

/* The words of module M's command line: KIND in KIND, NAME in NAME
   (both NUL-ended, empty if absent).  */
static void
words (const struct vg_boot_module *m, char *kind, size_t kn, char *name,
       size_t nn)
{
  char line[VG_BOOT_MODULE_CMDLINE_MAX + 1];
  memcpy (line, m->cmdline, VG_BOOT_MODULE_CMDLINE_MAX);
  line[VG_BOOT_MODULE_CMDLINE_MAX] = 0;
  char *w[3] = { NULL, NULL, NULL };
  char *save = NULL;
  char *t = strtok_r (line, " \t", &save);
  for (int i = 0; i < 3 && t != NULL; i++, t = strtok_r (NULL, " \t", &save))
    w[i] = t;
  kind[0] = name[0] = 0;
  if (w[1] != NULL && strlen (w[1]) < kn)
    strcpy (kind, w[1]);
  if (w[2] != NULL && strlen (w[2]) < nn)
    strcpy (name, w[2]);
}

/* A NULL-ended vector of copies of the NUL-ended strings in
   [DATA, DATA + LEN), their number in *COUNT.  */
static char **
strings (const char *data, size_t len, int *count)
{
  int n = 0;
  for (size_t i = 0; i < len; i++)
    n += data[i] == 0;
  if (len > 0 && data[len - 1] != 0)
    n++;
  char **v = calloc ((size_t)n + 1, sizeof *v);
  char *copy = malloc (len + 1);
  if (v == NULL || copy == NULL)
    {
      free (v);
      free (copy);
      return NULL;
    }
  memcpy (copy, data, len);
  copy[len] = 0;
  for (int i = 0; i < n; i++)
    {
      v[i] = copy;
      copy += strlen (copy) + 1;
    }
  *count = n;
  return v;
}

static void
complain (const char *what, const char *name, int err)
{
  char msg[160];
  snprintf (msg, sizeof msg, "libc-port: %s %s: %s\n", what, name,
            strerror (err));
  vg_puts (msg);
}

void
bootfiles_import (int *argc, char ***argv, char ***envp)
{
  const struct vg_boot_info *bi
      = (const struct vg_boot_info *)(uintptr_t)VG_BOOT_INFO_VA;
  if (bi->magic != VG_BOOT_MAGIC)
    return;
  for (unsigned i = 0; i < bi->nmodules && i < VG_BOOT_MAX_MODULES; i++)
    {
      const struct vg_boot_module *m = &bi->modules[i];
      const char *data = (const char *)(uintptr_t)m->va;
      char kind[16], name[FS_NAME_MAX + 1];
      words (m, kind, sizeof kind, name, sizeof name);
      int n, err = 0;
      char **v;
      if (strcmp (kind, "vg-file") == 0)
        {
          err = name[0] ? fs_create_ro (name, data, m->size) : -EINVAL;
          if (err)
            complain ("cannot create file", name, -err);
        }
      else if (strcmp (kind, "vg-stdin") == 0)
        {
          struct fs_node *f = fs_node_new (FS_FILE, 0444);
          err = f == NULL ? -ENOMEM : 0;
          if (f != NULL)
            {
              f->ro = data;
              f->size = m->size;
              err = fd_set_stdin (f);
              err = err < 0 ? err : 0;
            }
          if (err)
            complain ("cannot open stdin from", m->cmdline, -err);
        }
      else if (strcmp (kind, "vg-args") == 0
               && (v = strings (data, m->size, &n)) != NULL && n > 0)
        *argc = n, *argv = v;
      else if (strcmp (kind, "vg-env") == 0
               && (v = strings (data, m->size, &n)) != NULL)
        *envp = v;
      else if (strcmp (kind, "vg-outfiles") == 0)
        outfiles = data, outfiles_len = m->size;
    }
}

/* Send file NAME's bytes and its end record.  */
static void
send_file (const char *name)
{
  struct fs_node *n;
  int err = fs_lookup (name, &n);
  if (!err && n->type != FS_FILE)
    err = -EISDIR;
  if (err)
    {
      complain ("output file", name, -err);
      return;
    }
  size_t nl = strlen (name);
  if (nl > VG_HOST_NAME_MAX)
    {
      complain ("output file", name, ENAMETOOLONG);
      return;
    }
  static char chunk[VG_HOST_DATA_MAX];
  uint64_t size = n->size;
  vg_error_t e = VG_OK;
  for (uint64_t off = 0; e == VG_OK && off < size;)
    {
      size_t k = fs_file_read (n, chunk, sizeof chunk, off);
      e = vg_host_write (VG_HOST_FILE_DATA, name, nl, chunk, k);
      off += k;
    }
  if (e == VG_OK)
    e = vg_host_write (VG_HOST_FILE_END, name, nl, &size, sizeof size);
  if (e != VG_OK)
    complain ("cannot send output file", name, e == VG_ENOSYS ? ENODEV : EIO);
}

void
bootfiles_export (void)
{
  const char *p = outfiles, *end = outfiles + outfiles_len;
  outfiles = NULL; /* Once, even if _exit is re-entered.  */
  while (p != NULL && p < end)
    {
      size_t n = strnlen (p, (size_t)(end - p));
      if (n > 0 && n <= FS_PATH_MAX)
        {
          char name[FS_PATH_MAX + 1];
          memcpy (name, p, n);
          name[n] = 0;
          send_file (name);
        }
      p += n + 1;
    }
}
