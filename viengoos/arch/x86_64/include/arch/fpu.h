/* FPU/SSE state for user threads.  The kernel itself never touches FPU
   registers (it is built with -mno-sse).  */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdbool.h>
#include <stdint.h>

/* Enable SSE (and XSAVE if the CPU has it) and learn the save-area size. */
void fpu_init (void);

/* Bytes a thread's FPU/SSE save area needs (512 for FXSAVE, or what
   CPUID leaf 0xd reports for the enabled XSAVE features).  */
uint32_t fpu_save_area_size (void);
bool fpu_uses_xsave (void);
/* If the save area needs more than ROOM bytes, fall back to FXSAVE
   (512 bytes; AVX state is then not saved, so user code must not use
   it) and say so.  Call before any area is used.  */
void fpu_limit_area (uint32_t room);

/* The alignment a save area needs (XSAVE needs 64, FXSAVE 16).  */
#define FPU_AREA_ALIGN 64

/* Save the CPU's FPU/SSE (and enabled XSAVE) state into AREA, which has
   fpu_save_area_size () bytes, aligned to FPU_AREA_ALIGN.  */
void fpu_save (void *area);
/* Load the state in AREA (saved by fpu_save or set by fpu_init_area).  */
void fpu_restore (const void *area);
/* Fill AREA with a new thread's state: x87 control word 0x37f (all
   exceptions masked, 64-bit precision), MXCSR 0x1f80, registers zero.  */
void fpu_init_area (void *area);

#endif
