/* -fstack-protector-all in a newlib program: a write past a local
   array is caught when the function returns, newlib's __stack_chk_fail
   prints "*** stack smashing detected ***" through write () and aborts:
   exit status 134 (128 + SIGABRT).  Any other status means the smash
   went unnoticed (the program says FAIL and exits 1).  Built with
   -fstack-protector-all and -mstack-protector-guard=global (vg-cc's
   default), so the canary is newlib's __stack_chk_guard.  */
#include <stdio.h>
#include <string.h>

/* Keep the compiler from proving the overflow and refusing it.  */
volatile size_t smash_len = 64;

static __attribute__ ((noinline)) void
smash (void)
{
  char buf[16];
  memset (buf, 'x', smash_len);
  __asm__ volatile("" : : "r"(buf) : "memory");
}

int
main (void)
{
  printf ("newlib_ssp: smashing a 16-byte buffer with %zu bytes\n",
          (size_t)smash_len);
  fflush (stdout);
  smash ();
  printf ("newlib_ssp: the smash went unnoticed\nFAIL\n");
  return 1;
}
