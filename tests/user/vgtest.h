/* Shared by the user test programs: a check macro that counts failures
   (main returns the count as the exit status, which the kernel test
   checks) and helpers to start threads.  */
#ifndef VGTEST_H
#define VGTEST_H

#include <libvg.h>
#include <vg/boot.h>
#include <vg/cap.h>
#include <vg/exregs.h>

extern int vgtest_failures;

#define CHECK(expr, want)                                                     \
  do                                                                          \
    {                                                                         \
      long long got_ = (long long)(expr);                                     \
      if (got_ != (long long)(want))                                          \
        {                                                                     \
          vg_printf ("FAIL %d: %s = %lld, want %lld\n", __LINE__, #expr,      \
                     got_, (long long)(want));                                \
          vgtest_failures++;                                                  \
        }                                                                     \
    }                                                                         \
  while (0)

#define ROOT_ACT VG_BOOT_CAP (VG_BOOT_CAP_ACTIVITY)
#define FREE_CAP(i) VG_BOOT_CAP (VG_BOOT_CAP_FREE + (i))
#define POLICY_DEFAULT VG_OBJECT_POLICY_DEFAULT

/* Start the thread whose cap is at THREAD at FN on STACK (SIZE bytes),
   running on ACTIVITY in our address space.  */
static inline vg_error_t
vgtest_start (vg_addr_t thread, void (*fn) (void), void *stack, size_t size,
              vg_addr_t activity)
{
  struct vg_thread_state s;
  memset (&s, 0, sizeof s);
  s.regs.rip = (uint64_t)fn;
  s.regs.rsp = (((uint64_t)stack + size) & ~15ull) - 8; /* As if called.  */
  s.regs.rflags = 0x202;
  s.aspace = VG_BOOT_CAP (VG_BOOT_CAP_ASPACE);
  s.activity = activity;
  return vg_thread_exregs (thread,
                           VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE
                               | VG_EXREGS_SET_ACTIVITY | VG_EXREGS_START,
                           &s, NULL);
}

/* The status word of THREAD (see <vg/exregs.h>).  */
static inline uint64_t
vgtest_status (vg_addr_t thread)
{
  struct vg_thread_state s;
  if (vg_thread_exregs (thread, 0, NULL, &s))
    return ~0ull;
  return s.status;
}

#endif
