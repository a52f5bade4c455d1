/* The ring-3 test program's system calls and layout, shared by
   user_prog.S and the harness (user_harness.c).  Plain #defines, so the
   assembly can include it.  */
#ifndef USER_PROG_H
#define USER_PROG_H

#define UP_SYS_TEST 1     /* Check the arguments; rax 0x1234, rdx 0x5678. */
#define UP_SYS_EXIT 2     /* End the run with code rdi.  */
#define UP_SYS_TICKS 3    /* rax = timer ticks.  */
#define UP_SYS_NONCANON 4 /* Return to a non-canonical rip.  */

#define UP_TEST_RAX 0x1234
#define UP_TEST_RDX 0x5678

/* Where the harness maps the program and its stack.  */
#define UP_CODE_VA 0x400000
#define UP_STACK_VA 0x7ff000
#define UP_STACK_TOP 0x800000

/* An address in the kernel image, for the program to jump to.  */
#define UP_KERNEL_ADDR 0xffffffff80100000

/* The first non-canonical address above user space.  */
#define UP_NONCANON 0x0000800000000000

#endif
