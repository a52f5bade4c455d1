/* Build and check start blocks (include/vgstart.h): the program's side
   (crt0's start.c checks) and the starter's (the root task builds); also
   built for the host unit tests.  No C library calls, so any flavour can
   use it.  */
#include <vg/boot.h>
#include <vgstart.h>

static int
vgstart_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t
vgstart_strlen (const char *s)
{
  size_t n = 0;
  while (s[n] != '\0')
    n++;
  return n;
}

/* Count the words of ARGS and the bytes they need with their NULs.  */
static void
vgstart_words (const char *args, size_t *count, size_t *bytes)
{
  *count = 0;
  *bytes = 0;
  for (const char *p = args; *p != '\0';)
    {
      while (vgstart_blank (*p))
        p++;
      if (*p == '\0')
        break;
      (*count)++;
      while (*p != '\0' && !vgstart_blank (*p))
        {
          p++;
          (*bytes)++;
        }
      (*bytes)++;
    }
}

size_t
vg_start_block_build (void *buf, size_t size, uint64_t va, const char *args,
                      const char *const *envp)
{
  if (va % 8 != 0 || (uintptr_t)buf % 8 != 0)
    return 0;
  size_t argc, strbytes;
  vgstart_words (args != NULL ? args : "", &argc, &strbytes);
  size_t envc = 0;
  for (; envp != NULL && envp[envc] != NULL; envc++)
    {
      if (envc >= VG_START_MAX_ARGS)
        return 0;
      strbytes += vgstart_strlen (envp[envc]) + 1;
      if (strbytes > VG_START_MAX_SIZE)
        return 0;
    }
  if (argc > VG_START_MAX_ARGS || strbytes > VG_START_MAX_SIZE)
    return 0;

  size_t vecoff = sizeof (struct vg_start_block);
  size_t stroff = vecoff + (argc + 1 + envc + 1) * sizeof (uint64_t);
  size_t total = (stroff + strbytes + 7) & ~(size_t)7;
  if (total > VG_START_MAX_SIZE || total > size)
    return 0;

  /* Decide everything, then write.  */
  unsigned char *base = buf;
  uint64_t *vec = (uint64_t *)(base + vecoff);
  size_t at = stroff;
  size_t v = 0;
  for (const char *p = args != NULL ? args : ""; *p != '\0';)
    {
      while (vgstart_blank (*p))
        p++;
      if (*p == '\0')
        break;
      vec[v++] = va + at;
      while (*p != '\0' && !vgstart_blank (*p))
        base[at++] = (unsigned char)*p++;
      base[at++] = '\0';
    }
  vec[v++] = 0;
  for (size_t e = 0; e < envc; e++)
    {
      vec[v++] = va + at;
      for (const char *s = envp[e]; *s != '\0'; s++)
        base[at++] = (unsigned char)*s;
      base[at++] = '\0';
    }
  vec[v++] = 0;
  while (at < total)
    base[at++] = '\0';

  struct vg_start_block *b = buf;
  b->magic = VG_START_MAGIC;
  b->size = total;
  b->argc = argc;
  b->envc = envc;
  b->argv = (char **)(uintptr_t)(va + vecoff);
  b->envp = (char **)(uintptr_t)(va + vecoff + (argc + 1) * sizeof (uint64_t));
  return total;
}

/* Is the vector of COUNT pointers and a NULL at VEC, and every string it
   points to, inside [LO, LO + SIZE)?  */
static int
vgstart_vector_ok (uintptr_t lo, size_t size, char *const *vec, size_t count)
{
  uintptr_t hi = lo + size;
  uintptr_t v = (uintptr_t)vec;
  if (v % 8 != 0 || v < lo + sizeof (struct vg_start_block) || v >= hi
      || (hi - v) / sizeof (char *) < count + 1)
    return 0;
  if (vec[count] != NULL)
    return 0;
  for (size_t i = 0; i < count; i++)
    {
      uintptr_t s = (uintptr_t)vec[i];
      if (s < lo + sizeof (struct vg_start_block) || s >= hi)
        return 0;
      const char *c = vec[i];
      size_t room = hi - s;
      size_t n = 0;
      while (n < room && c[n] != '\0')
        n++;
      if (n == room)
        return 0;
    }
  return 1;
}

int
vg_start_block_check (const struct vg_start_block *b)
{
  if (b == NULL || (uintptr_t)b % 8 != 0 || b->magic != VG_START_MAGIC)
    return 0;
  if (b->size < sizeof *b || b->size > VG_START_MAX_SIZE
      || b->argc > VG_START_MAX_ARGS || b->envc > VG_START_MAX_ARGS)
    return 0;
  uintptr_t lo = (uintptr_t)b;
  if (lo + b->size < lo)
    return 0;
  return vgstart_vector_ok (lo, b->size, b->argv, b->argc)
         && vgstart_vector_ok (lo, b->size, b->envp, b->envc);
}

const struct vg_start_block *
vg_start_block_from_boot (const void *info, void *buf, size_t size)
{
  const struct vg_boot_info *bi = info;
  if ((uintptr_t)info != VG_BOOT_INFO_VA || bi->magic != VG_BOOT_MAGIC)
    return NULL;
  char line[VG_BOOT_CMDLINE_MAX];
  size_t n = 0;
  while (n < sizeof line - 1 && bi->cmdline[n] != 0)
    {
      line[n] = bi->cmdline[n];
      n++;
    }
  line[n] = 0;
  if (vg_start_block_build (buf, size, (uintptr_t)buf, line, NULL) == 0)
    return NULL;
  return (const struct vg_start_block *)buf;
}

int
vg_boot_abi_check (const void *info)
{
  const struct vg_boot_info *bi = info;
  if (bi->magic != VG_BOOT_MAGIC)
    return 0;
  return bi->abi_version == VG_ABI_VERSION ? 0 : -1;
}

const struct vg_start_block *
vg_start_block_find (const void *rdi, uint64_t rsi, void *buf, size_t size)
{
  if (rsi == VG_START_MAGIC)
    return vg_start_block_check (rdi) ? rdi : NULL;
  return vg_start_block_from_boot (rdi, buf, size);
}
