/* A harness for system tests that run ring-3 code: a user address space
   holding user_prog.S at UP_CODE_VA and a stack page below UP_STACK_TOP,
   and a user thread (its own kernel stack and arch_context) that runs an
   entry point until the program exits by system call or faults.
   Page tables and frames come from pmm, counted, so tests can check
   nothing leaks.  */
#ifndef USER_HARNESS_H
#define USER_HARNESS_H

#include <arch/context.h>
#include <arch/pt.h>
#include <arch/trap.h>

#include "types.h"
#include "user_prog.h"

struct uh_space
{
  struct pt_space pt;
  paddr_t code, stack;
};

enum uh_end
{
  UH_EXIT,  /* UP_SYS_EXIT.  */
  UH_FAULT, /* An exception reached user_exception.  */
};

struct uh_result
{
  enum uh_end how;
  uint64_t exit_code;   /* UH_EXIT: rdi.  */
  struct trap_frame tf; /* UH_FAULT: the user's frame.  */
  uint64_t cr2;         /* UH_FAULT on #PF.  */
  bool test_call_ok;    /* UP_SYS_TEST saw the expected registers.  */
  uint64_t iret_before; /* syscall_iret_returns at UP_SYS_NONCANON.  */
};

/* The table allocator (pmm) and its count of frames outstanding.  */
extern const struct pt_alloc uh_alloc;
extern int64_t uh_tables_out;

/* Build the space and make it current.  Returns 0 or -1.  */
int uh_setup (struct uh_space *u);
/* Switch back to the kernel's tables and free everything.  */
void uh_teardown (struct uh_space *u);

/* The user address of the user_prog.S label SYM.  */
uint64_t uh_entry (const char *sym);

/* Run from user address RIP until exit or fault.  */
void uh_run (uint64_t rip, struct uh_result *res);
/* The same with rdi and rsi set.  */
void uh_run_args (uint64_t rip, uint64_t rdi, uint64_t rsi,
                  struct uh_result *res);

/* If set, asked first about every user exception: true means handled,
   resume the (possibly changed) frame.  */
extern bool (*uh_fault_filter) (struct trap_frame *tf);
/* Consulted when a kernel access to a user address faults with no
   current thread (test_bare_kernel_user_fault); true: mapped, retry.  */
extern bool (*uh_kernel_fault_filter) (uint64_t addr, bool write);

extern const char user_prog_start[], user_prog_end[], user_prog_main[],
    user_prog_hlt[], user_prog_div[], user_prog_kjmp[], user_prog_noncanon[],
    user_prog_spin[], user_prog_touch[];

#endif
