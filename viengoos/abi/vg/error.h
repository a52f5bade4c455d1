/* The one error space of the Viengoos ABI.  0 is success; every call
   returns one of these and passes results through out-pointers.  See
   doc/abi.md.  */
#ifndef VG_ERROR_H
#define VG_ERROR_H

enum vg_error
{
  VG_OK = 0,          /* Success.  */
  VG_EINVAL = 1,      /* Malformed argument (bad type, policy or flags).  */
  VG_EFAULT = 2,      /* A user pointer names memory the call cannot read
                         or write.  */
  VG_EDEADCAP = 3,    /* The cap's version no longer matches its object.  */
  VG_EVOID = 4,       /* The cap or slot holds no object.  */
  VG_ETYPE = 5,       /* The cap names an object of the wrong type.  */
  VG_EPERM = 6,       /* The cap lacks a right the call needs.  */
  VG_ERANGE = 7,      /* Slot or index out of range.  */
  VG_EQUOTA = 8,      /* The storage quota of the activity or an ancestor
                         would be exceeded.  */
  VG_ENOMEM = 9,      /* No physical frame is available for the activity.  */
  VG_EBUSY = 10,      /* The object is in use: e.g. destroying the caller's
                         own activity or an ancestor of it.  */
  VG_EEXHAUSTED = 11, /* The slot is retired: its version space is used
                         up, so no new object may be made in it.  */
  VG_ENOSYS = 12,     /* Not implemented.  */
  VG_ETIMEDOUT = 13,  /* The timeout expired first (IPC).  */
  VG_EINTR = 14,      /* The call was abandoned because the thread was
                         stopped while it waited.  */
  VG_EDISCARDED = 15, /* The page's contents were discarded (object_discard
                         or the reclaimer); it must be re-created.  */
  VG_EIO = 16,        /* The disk failed a transfer (device error or
                         timeout); the data stayed where it was.  */
  VG_ECHECKSUM = 17,  /* Data read back from the backing store does not
                         match its checksum; it was not handed over.  */
  VG_EFRAMES = 18,    /* The frame limit of the activity or an ancestor
                         would be exceeded and nothing of its own could
                         be reclaimed (doc/reclamation.md).  */
  VG_EDEPTH = 19,     /* The activity tree would be deeper than
                         VG_ACTIVITY_DEPTH_MAX (<vg/activity.h>).  */
  VG_ERROR_COUNT      /* Not an error: one past the last code.  */
};

/* What a system call returns: one of enum vg_error.  */
typedef int vg_error_t;

#endif
