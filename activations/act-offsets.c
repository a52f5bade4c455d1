/* Offsets of the activation area and frame used by act-entry.S, emitted
   as "->NAME value" markers and turned into $(O)/gen/act-offsets.h by
   tools/gen-asm-offsets (STYLE rule 11).  Never hand-write them.  */
#include <stddef.h>

#include <vg/syscall.h>

#include "act-frame.h"

#define DEFINE(sym, val)                                                      \
  __asm__ volatile("\n.ascii \"->" #sym " %0\"" : : "i"(val))
#define REG(name, field)                                                      \
  DEFINE (AR_##name, offsetof (struct vg_act_regs, field))

void act_offsets (void);

void
act_offsets (void)
{
  REG (RAX, rax);
  REG (RBX, rbx);
  REG (RCX, rcx);
  REG (RDX, rdx);
  REG (RSI, rsi);
  REG (RDI, rdi);
  REG (RBP, rbp);
  REG (R8, r8);
  REG (R9, r9);
  REG (R10, r10);
  REG (R11, r11);
  REG (R12, r12);
  REG (R13, r13);
  REG (R14, r14);
  REG (R15, r15);
  REG (RIP, rip);
  REG (RFLAGS, rflags);
  REG (RSP, rsp);
  DEFINE (AA_FPU_FORMAT, offsetof (struct vg_activation_area, fpu_format));
  DEFINE (AA_FPU, offsetof (struct vg_activation_area, fpu));
  DEFINE (AF_REGS, offsetof (struct act_frame, regs));
  DEFINE (AF_FPU_FORMAT, offsetof (struct act_frame, fpu_format));
  DEFINE (AF_FPU, offsetof (struct act_frame, fpu));
  DEFINE (ACT_FPU_XSAVE, VG_ACT_FPU_XSAVE);
  DEFINE (ACT_GAP_RIP, ACT_RED_ZONE + 16);
  DEFINE (ACT_GAP_RFLAGS, ACT_RED_ZONE + 24);
  DEFINE (ACT_RET_POP, ACT_RED_ZONE + 8);
  DEFINE (ACT_SYS_RETURN, VG_SYS_ACTIVATION_RETURN);
}
