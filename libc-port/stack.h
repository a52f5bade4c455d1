/* Internal to libc-port: the main thread's stack (stack.c).  */
#ifndef STACK_H
#define STACK_H

#include <stddef.h>

#define STACK_DEFAULT_SIZE (8u << 20) /* As Linux's default limit.  */
#define STACK_MIN_SIZE (64u << 10)
/* The guard below the stack: big, so that a frame larger than a page
   (a big local array) still lands in it; it costs address space only.  */
#define STACK_GUARD (1u << 20)

/* Bytes of stack the program asked for (vg_stack_size, VG_STACK_SIZE),
   rounded up to pages.  */
size_t stack_size_wanted (void);
/* Map the stack and its guard and call FN (ARG) on it; FN does not
   return.  Without room for the stack, FN runs on the start stack.  */
void stack_run (void (*fn) (void *), void *arg) __attribute__ ((noreturn));
/* crt0.S: switch to the stack ending at TOP and call FN (ARG) there.  */
void stack_switch (void (*fn) (void *), void *arg, void *top)
    __attribute__ ((noreturn));

#endif
