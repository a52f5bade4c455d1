/* libhurd-mm setup, the reserve and errno reporting (see hurd/mm.h).  */
#include <hurd/as.h>
#include <hurd/mm.h>
#include <hurd/notice.h>

void (*hurd_mm_errno_hook) (int err);
int hurd_mm_errno;
vg_error_t hurd_mm_last_error;
uint64_t hurd_mm_heap_base = HURD_MM_VA_LO;

vg_error_t
hurd_mm_init (const struct hurd_mm_config *c)
{
  uint64_t lo = c->va_lo, hi = c->va_hi;
  if (lo == 0 && hi == 0)
    lo = HURD_MM_VA_LO, hi = HURD_MM_VA_HI;
  hurd_notice_init (c->activity);
  vg_error_t err = as_init (c->meta_activity, lo, hi);
  if (!err)
    err = anon_init (c->activity, lo, hi);
  if (!err)
    hurd_mm_heap_base = lo;
  if (!err)
    err = as_replenish ();
  return err;
}

vg_error_t
hurd_mm_replenish (void)
{
  return as_replenish ();
}

int
hurd_mm_errno_of (vg_error_t err)
{
  switch (err)
    {
    case VG_OK:
      return 0;
    case VG_EQUOTA:
    case VG_EFRAMES:
    case VG_ENOMEM:
    case VG_EBUSY:
    case VG_EVOID:
      return HURD_ENOMEM;
    case VG_EPERM:
      return HURD_EACCES;
    default:
      return HURD_EINVAL;
    }
}
