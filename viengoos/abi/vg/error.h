/* The one error space of the Viengoos ABI (STYLE rule 6).  Every system
   call returns one of these in rax; 0 is success and results go through
   out-pointers.  Each call lists the codes it can return beside its
   definition in syscalls.def, and doc/abi.md repeats them.  */
#ifndef VG_ERROR_H
#define VG_ERROR_H

enum vg_error
{
  VG_OK = 0,          /* Success.  */
  VG_EINVAL = 1,      /* An argument is malformed or out of range.  */
  VG_EFAULT = 2,      /* A user pointer names memory that is not mapped
                         with the needed access.  */
  VG_EDEADCAP = 3,    /* The cap's version no longer matches its object:
                         the object was freed (revoked).  */
  VG_EVOID = 4,       /* The address names an empty slot or no slot.  */
  VG_ETYPE = 5,       /* The cap or object has the wrong type.  */
  VG_EPERM = 6,       /* The cap lacks a right the operation needs.  */
  VG_ERANGE = 7,      /* An index or slot number is out of range.  */
  VG_EQUOTA = 8,      /* The paying activity (or an ancestor) is over its
                         storage quota.  */
  VG_ENOMEM = 9,      /* No memory: no free frame could be found or made.  */
  VG_EBUSY = 10,      /* The object is in use (e.g. the slot is occupied).  */
  VG_EEXHAUSTED = 11, /* A finite resource ran out (e.g. folio slots or
                         a version counter).  */
  VG_ENOSYS = 12,     /* No such call, or the call is not implemented.  */
  VG_ETIMEDOUT = 13,  /* The timeout expired before the operation could
                         complete.  */
};

/* What a system call returns: one of enum vg_error.  */
typedef int vg_error_t;

#endif
