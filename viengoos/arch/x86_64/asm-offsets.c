/* Offsets of C structures used by assembly, emitted as "->NAME value"
   markers and turned into $(O)/gen/asm-offsets.h by
   tools/gen-asm-offsets.  Never hand-write an offset in a .S file.  */
#include <stddef.h>

#include <arch/context.h>
#include <arch/layout.h>
#include <arch/trap.h>

#include "gdt.h"

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
  DEFINE (UR_RAX, offsetof (struct user_regs, rax));
  DEFINE (UR_RBX, offsetof (struct user_regs, rbx));
  DEFINE (UR_RCX, offsetof (struct user_regs, rcx));
  DEFINE (UR_RDX, offsetof (struct user_regs, rdx));
  DEFINE (UR_RSI, offsetof (struct user_regs, rsi));
  DEFINE (UR_RDI, offsetof (struct user_regs, rdi));
  DEFINE (UR_RBP, offsetof (struct user_regs, rbp));
  DEFINE (UR_R8, offsetof (struct user_regs, r8));
  DEFINE (UR_R9, offsetof (struct user_regs, r9));
  DEFINE (UR_R10, offsetof (struct user_regs, r10));
  DEFINE (UR_R11, offsetof (struct user_regs, r11));
  DEFINE (UR_R12, offsetof (struct user_regs, r12));
  DEFINE (UR_R13, offsetof (struct user_regs, r13));
  DEFINE (UR_R14, offsetof (struct user_regs, r14));
  DEFINE (UR_R15, offsetof (struct user_regs, r15));
  DEFINE (UR_RIP, offsetof (struct user_regs, rip));
  DEFINE (UR_RFLAGS, offsetof (struct user_regs, rflags));
  DEFINE (UR_RSP, offsetof (struct user_regs, rsp));
  DEFINE (UR_SIZE, sizeof (struct user_regs));
  DEFINE (USER_END, USER_SPACE_END);
  DEFINE (USER_CS, GDT_UCODE | 3);
  DEFINE (USER_SS, GDT_UDATA | 3);
  DEFINE (RFLAGS_USER, RFLAGS_USER_MASK);
  DEFINE (RFLAGS_SET, RFLAGS_IF | RFLAGS_RESERVED);
}
