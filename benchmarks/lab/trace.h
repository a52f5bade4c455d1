/* A trace in the lab: the sequence of references to replay, with each
   reference's hint, and keys made dense (0 .. nkeys-1) so that the
   simulators index arrays instead of hashing.  */
#ifndef LAB_TRACE_H
#define LAB_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct lab_trace
{
  uint32_t n;           /* References.  */
  uint32_t nkeys;       /* Distinct keys.  */
  uint32_t *id;         /* [n] dense key of each reference.  */
  int8_t *priority;     /* [n] the object's priority at that reference.  */
  uint8_t *discardable; /* [n] */
  uint64_t *key;        /* [nkeys] original key of each dense id.  */
  /* Kernel traces: read only this activity's events, if not -1 (set
     before reading; trace_init sets -1).  */
  int64_t activity;
  /* Kernel traces: what the kernel itself did (not replayed).  */
  uint64_t kernel_evictions, kernel_discards, dropped;
  /* Building.  */
  uint32_t cap, keycap;
  uint32_t *slots; /* Hash table of dense ids, keycap * 2 entries.  */
};

void trace_init (struct lab_trace *t);
void trace_free (struct lab_trace *t);
/* Append a reference to KEY with its hint.  Returns false if out of
   memory or past 2^32 - 2 references.  */
bool trace_append (struct lab_trace *t, uint64_t key, int8_t priority,
                   bool discardable);

enum lab_format
{
  LAB_FORMAT_AUTO,
  LAB_FORMAT_KERNEL, /* mm/trace-record.h */
  LAB_FORMAT_TEXT,   /* one key per line */
  LAB_FORMAT_CSV,    /* a key column, optional priority and discardable */
};

/* Read the trace in PATH ("-" for stdin).  CSV: COLUMN names the key
   column (a header name, or a 1-based number; NULL: a column named
   key, obj_id or object, else the first).  On error prints a message
   naming the file and line to stderr and returns false.  */
bool trace_read (struct lab_trace *t, const char *path, enum lab_format fmt,
                 const char *column);
bool trace_read_stream (struct lab_trace *t, FILE *f, const char *name,
                        enum lab_format fmt, const char *column);

/* Writers for other simulators.  libCacheSim's oracleGeneral binary
   format: 24-byte packed little-endian records {uint32 clock_time,
   uint64 obj_id, uint32 obj_size, int64 next_access_vtime}, where
   next_access_vtime is the 1-based index of the object's next request,
   or -1.  We write clock_time = the 0-based request index, obj_size =
   PAGE (4096).  */
bool trace_write_oracle (const struct lab_trace *t, FILE *f);
/* CSV with a header, time,obj_id,obj_size (libCacheSim's csv reader:
   -t csv -t "time-col=1,obj-id-col=2,obj-size-col=3,has-header=true").  */
bool trace_write_csv (const struct lab_trace *t, FILE *f);

/* next[k]: index of the next reference to t->id[k] after k, or
   UINT32_MAX.  Caller frees.  */
uint32_t *trace_next_use (const struct lab_trace *t);

#endif
