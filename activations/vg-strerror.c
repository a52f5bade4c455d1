/* Names for the ABI's error codes, for messages people read.  */
#include <libvg.h>
#include <vg/error.h>

const char *
vg_strerror (int err)
{
  switch (err)
    {
    case VG_OK:
      return "VG_OK (success)";
    case VG_EINVAL:
      return "VG_EINVAL (malformed argument)";
    case VG_EFAULT:
      return "VG_EFAULT (bad user address)";
    case VG_EDEADCAP:
      return "VG_EDEADCAP (the object is gone)";
    case VG_EVOID:
      return "VG_EVOID (empty slot)";
    case VG_ETYPE:
      return "VG_ETYPE (wrong object type)";
    case VG_EPERM:
      return "VG_EPERM (the cap lacks a right)";
    case VG_ERANGE:
      return "VG_ERANGE (index out of range)";
    case VG_EQUOTA:
      return "VG_EQUOTA (storage quota exceeded)";
    case VG_ENOMEM:
      return "VG_ENOMEM (no memory for the activity)";
    case VG_EBUSY:
      return "VG_EBUSY (in use)";
    case VG_EEXHAUSTED:
      return "VG_EEXHAUSTED (slot retired)";
    case VG_ENOSYS:
      return "VG_ENOSYS (not implemented)";
    case VG_ETIMEDOUT:
      return "VG_ETIMEDOUT (timed out)";
    case VG_EDEPTH:
      return "VG_EDEPTH (activity tree too deep)";
    case VG_EINTR:
      return "VG_EINTR (interrupted)";
    case VG_EDISCARDED:
      return "VG_EDISCARDED (contents discarded)";
    case VG_EIO:
      return "VG_EIO (disk transfer failed)";
    case VG_ECHECKSUM:
      return "VG_ECHECKSUM (swap block fails its checksum)";
    case VG_EFRAMES:
      return "VG_EFRAMES (frame limit reached)";
    default:
      return "unknown error";
    }
}
