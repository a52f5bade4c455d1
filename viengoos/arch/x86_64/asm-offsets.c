/* Offsets of C structures used by assembly, emitted as "->NAME value"
   markers and turned into $(O)/gen/asm-offsets.h by
   tools/gen-asm-offsets.  Never hand-write an offset in a .S file.  */
#include <stddef.h>

#include <arch/trap.h>

#define DEFINE(sym, val)                                                      \
  __asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))

void asm_offsets (void);

void
asm_offsets (void)
{
  DEFINE (TF_R15, offsetof (struct trap_frame, r15));
  DEFINE (TF_RAX, offsetof (struct trap_frame, rax));
  DEFINE (TF_VECTOR, offsetof (struct trap_frame, vector));
  DEFINE (TF_ERROR, offsetof (struct trap_frame, error));
  DEFINE (TF_RIP, offsetof (struct trap_frame, rip));
  DEFINE (TF_CS, offsetof (struct trap_frame, cs));
  DEFINE (TF_SIZE, sizeof (struct trap_frame));
}
