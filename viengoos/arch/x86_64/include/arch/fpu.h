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

#endif
