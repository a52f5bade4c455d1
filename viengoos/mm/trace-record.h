/* Kernel memory-event traces: the record format, shared by the kernel
   (which writes it) and the host lab (benchmarks/lab/, which reads it).
   doc/eviction-lab.md describes it for people.

   A trace is one struct vg_trace_header followed by struct
   vg_trace_record entries, all little-endian, with no padding between
   them.  The lab replays only the references (FAULT, REFAULT and
   REFERENCED); EVICT and DISCARD record what the kernel did, for
   comparison, and DROPPED says how many events were lost because the
   buffer was full.  */
#ifndef VG_MM_TRACE_RECORD_H
#define VG_MM_TRACE_RECORD_H

#include <stdint.h>

#define VG_TRACE_MAGIC "VGTRACE1" /* 8 bytes, no NUL.  */
#define VG_TRACE_VERSION 1

struct vg_trace_header
{
  char magic[8];        /* VG_TRACE_MAGIC.  */
  uint32_t version;     /* VG_TRACE_VERSION.  */
  uint32_t record_size; /* sizeof (struct vg_trace_record).  */
  uint64_t frames;      /* Frames of memory the recording machine had.  */
  uint64_t reserved;    /* 0.  */
};

enum vg_trace_kind
{
  VG_TRACE_FAULT = 1,      /* A page was made resident on a fault.  */
  VG_TRACE_REFERENCED = 2, /* The ager saw the page's referenced bit.  */
  VG_TRACE_EVICT = 3,      /* The reclaimer took an important page.  */
  VG_TRACE_DISCARD = 4,    /* The reclaimer dropped a discardable page.  */
  VG_TRACE_REFAULT = 5,    /* A fault on a page discarded or evicted
                              earlier.  */
  VG_TRACE_DROPPED = 6,    /* OBJECT events were lost before this one.  */
};

#define VG_TRACE_DISCARDABLE 0x01 /* FLAGS: the object is discardable.  */

struct vg_trace_record
{
  uint64_t time;     /* Guest instructions since boot.  */
  uint64_t object;   /* The object (its oid); DROPPED: the count.  */
  uint32_t activity; /* The activity charged for the frame.  */
  uint32_t frame;    /* Frame index, or UINT32_MAX.  */
  uint8_t kind;      /* enum vg_trace_kind.  */
  int8_t priority;   /* The object's priority.  */
  uint8_t flags;     /* VG_TRACE_* flags.  */
  uint8_t pad[5];    /* 0.  */
};

_Static_assert(sizeof (struct vg_trace_header) == 32, "trace header size");
_Static_assert(sizeof (struct vg_trace_record) == 32, "trace record size");

#endif
