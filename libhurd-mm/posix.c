/* POSIX-style glue: anonymous mmap/munmap/mprotect/madvise and sbrk (see
   hurd/mm.h).  */
#include <stddef.h>
#include <hurd/as.h>
#include <hurd/mm.h>
#include <hurd/notice.h>

static struct anon_region *heap;
static uint64_t brk;

/* Report ERR (a vg_error_t) as an errno; returns -1.  */
static int
fail (vg_error_t err)
{
  int e = hurd_mm_errno_of (err);
  hurd_mm_errno = e;
  hurd_mm_last_error = err;
  if (hurd_mm_errno_hook)
    hurd_mm_errno_hook (e);
  return -1;
}

static uint64_t
round_up (uint64_t x)
{
  return (x + AS_PAGE - 1) & ~(AS_PAGE - 1);
}

static vg_error_t
check_range (void *addr, size_t len, uint64_t *lo, uint64_t *hi)
{
  uint64_t a = (uint64_t)(uintptr_t)addr;
  if ((a & (AS_PAGE - 1)) || len == 0 || round_up (len) < len
      || a + round_up (len) < a)
    return VG_EINVAL;
  *lo = a;
  *hi = a + round_up (len);
  return VG_OK;
}

/* Whether [LO, HI) touches the sbrk heap, which belongs to sbrk.  */
static bool
hits_heap (uint64_t lo, uint64_t hi)
{
  return heap && lo < heap->r.end && heap->r.start < hi;
}

/* Apply FN to every region piece inside [LO, HI), splitting regions at
   LO and HI first.  Holes are skipped; VG_EVOID if there was nothing.
   VG_EBUSY, with nothing changed, if the range touches the heap.  */
static vg_error_t
each_piece (uint64_t lo, uint64_t hi,
            vg_error_t (*fn) (struct anon_region *, int), int arg)
{
  if (hits_heap (lo, hi))
    return VG_EBUSY;
  bool any = false;
  for (uint64_t va = lo; va < hi; va += AS_PAGE)
    {
      struct anon_region *r = anon_find (va), *n;
      if (!r)
        continue;
      vg_error_t err = VG_OK;
      if (r->r.start < va)
        {
          err = anon_split (r, va, &n);
          r = n;
        }
      if (!err && r->r.end > hi)
        err = anon_split (r, hi, &n);
      if (err)
        return err;
      va = r->r.end - AS_PAGE;
      any = true;
      err = fn (r, arg);
      if (err)
        return err;
    }
  return any ? VG_OK : VG_EVOID;
}

static void *
do_mmap (void *addr, size_t len, int prot, int flags, int fd, int64_t offset)
{
  const int known = HURD_MAP_PRIVATE | HURD_MAP_SHARED | HURD_MAP_FIXED
                    | HURD_MAP_ANONYMOUS;
  if (!(flags & HURD_MAP_ANONYMOUS) || fd != -1 || offset != 0
      || (flags & ~known) || (prot & ~7) || prot == HURD_PROT_NONE || len == 0
      || round_up (len) < len)
    return fail (VG_EINVAL), HURD_MAP_FAILED;
  uint64_t a = (flags & HURD_MAP_FIXED) ? (uint64_t)(uintptr_t)addr : 0;
  if ((flags & HURD_MAP_FIXED) && (a == 0 || (a & (AS_PAGE - 1))))
    return fail (VG_EINVAL), HURD_MAP_FAILED;
  (void)hurd_mm_replenish ();
  /* MAP_FIXED replaces whatever overlaps [a, a + len), but not the heap
     (munmap refuses it with ENOMEM).  */
  if (a && hurd_mm_munmap ((void *)(uintptr_t)a, len))
    return HURD_MAP_FAILED;
  unsigned aflags = (prot & HURD_PROT_WRITE) ? ANON_WRITE : 0;
  struct vg_object_policy policy = { 0, 0 };
  struct anon_region *r;
  vg_error_t err = anon_create (a, round_up (len), aflags, policy, NULL, NULL,
                                VG_ADDR_VOID, &r);
  if (err)
    return fail (err == VG_EBUSY ? VG_ENOMEM : err), HURD_MAP_FAILED;
  return (void *)(uintptr_t)r->r.start;
}

static vg_error_t
unmap_one (struct anon_region *r, int arg)
{
  (void)arg;
  anon_free (r);
  return VG_OK;
}

static int
do_munmap (void *addr, size_t len)
{
  uint64_t lo, hi;
  vg_error_t err = check_range (addr, len, &lo, &hi);
  if (!err)
    err = each_piece (lo, hi, unmap_one, 0);
  /* Unmapping nothing succeeds, as in POSIX.  */
  return err && err != VG_EVOID ? fail (err) : 0;
}

static vg_error_t
protect_one (struct anon_region *r, int prot)
{
  return anon_protect (r, (prot & HURD_PROT_WRITE) ? ANON_WRITE : 0);
}

static int
do_mprotect (void *addr, size_t len, int prot)
{
  uint64_t lo, hi;
  vg_error_t err = check_range (addr, len, &lo, &hi);
  if (!err && ((prot & ~7) || prot == HURD_PROT_NONE))
    err = VG_EINVAL;
  if (!err)
    err = each_piece (lo, hi, protect_one, prot);
  return err ? fail (err) : 0;
}

/* MADV_FREE makes a piece's pages discardable, NORMAL and WILLNEED
   important again (a region with a fill callback stays discardable: it
   regenerates its pages).  The priority stays.  */
static vg_error_t
advise_one (struct anon_region *r, int advice)
{
  struct vg_object_policy p = r->policy;
  p.discardable = advice == HURD_MADV_FREE;
  if (p.discardable == r->policy.discardable || (r->fill && !p.discardable))
    return VG_OK;
  return anon_set_policy (r, p);
}

static int
do_madvise (void *addr, size_t len, int advice)
{
  uint64_t lo, hi;
  vg_error_t err = check_range (addr, len, &lo, &hi);
  if (!err && advice != HURD_MADV_NORMAL && advice != HURD_MADV_DONTNEED
      && advice != HURD_MADV_WILLNEED && advice != HURD_MADV_FREE)
    err = VG_EINVAL;
  if (!err && advice == HURD_MADV_DONTNEED)
    err = anon_discard (lo, hi - lo);
  else if (!err)
    err = each_piece (lo, hi, advise_one, advice);
  return err ? fail (err) : 0;
}

static void *
do_sbrk (intptr_t increment)
{
  const void *failed = (void *)-1;
  uint64_t base = heap ? heap->r.start : hurd_mm_heap_base;
  if (!brk)
    brk = base;
  uint64_t old = brk, new = brk + (uint64_t)increment;
  if ((increment < 0 && new > old) || (increment > 0 && new < old)
      || new < base)
    return fail (VG_EINVAL), (void *)failed;
  if (increment == 0)
    return (void *)(uintptr_t)old;
  (void)hurd_mm_replenish ();
  uint64_t len = round_up (new - base);
  vg_error_t err = VG_OK;
  if (!heap && len)
    {
      struct vg_object_policy policy = { 0, 0 };
      err = anon_create (base, len, ANON_WRITE | ANON_POPULATE, policy, NULL,
                         NULL, VG_ADDR_VOID, &heap);
    }
  else if (heap && len == 0)
    {
      anon_free (heap);
      heap = NULL;
    }
  else if (heap && len != heap->r.end - heap->r.start)
    err = anon_resize (heap, len);
  if (err)
    return fail (err == VG_EBUSY ? VG_ENOMEM : err), (void *)failed;
  brk = new;
  return (void *)(uintptr_t)old;
}

/* The entry points hold pressure callbacks off (hurd/notice.h): one
   that arrives meanwhile runs when the call is done.  */

void *
hurd_mm_mmap (void *addr, size_t len, int prot, int flags, int fd,
              int64_t offset)
{
  hurd_notice_hold ();
  void *r = do_mmap (addr, len, prot, flags, fd, offset);
  hurd_notice_release ();
  return r;
}

int
hurd_mm_munmap (void *addr, size_t len)
{
  hurd_notice_hold ();
  int r = do_munmap (addr, len);
  hurd_notice_release ();
  return r;
}

int
hurd_mm_mprotect (void *addr, size_t len, int prot)
{
  hurd_notice_hold ();
  int r = do_mprotect (addr, len, prot);
  hurd_notice_release ();
  return r;
}

int
hurd_mm_madvise (void *addr, size_t len, int advice)
{
  hurd_notice_hold ();
  int r = do_madvise (addr, len, advice);
  hurd_notice_release ();
  return r;
}

void *
hurd_mm_sbrk (intptr_t increment)
{
  hurd_notice_hold ();
  void *r = do_sbrk (increment);
  hurd_notice_release ();
  return r;
}
