/* Copies between kernel and user memory (see include/arch/usercopy.h).  */
#include <arch/layout.h>
#include <arch/protect.h>
#include <arch/trap.h>
#include <arch/usercopy.h>

bool
user_range_ok (uint64_t addr, size_t n)
{
  return addr < USER_SPACE_END && n <= USER_SPACE_END - addr;
}

/* Copy N bytes from SRC to DST, one of which is a checked user range.
   The one instruction that touches user memory is in the exception
   table; a fault there lands on label 3, which reports it.  */
static int
guarded_copy (void *dst, const void *src, size_t n)
{
  int err = 0;
  bool smap = cpu_smap_enabled ();
  if (smap)
    __asm__ volatile("stac" ::: "memory");
  __asm__ volatile("1: rep movsb\n"
                   "2:\n\t"
                   ".pushsection .text.fixup, \"ax\"\n"
                   "3: movl %[efault], %[err]\n\t"
                   "jmp 2b\n\t"
                   ".popsection\n\t" EXTABLE_ENTRY (1b, 3b)
                   : [err] "+r"(err), "+D"(dst), "+S"(src), "+c"(n)
                   : [efault] "i"(USERCOPY_EFAULT)
                   : "memory");
  if (smap)
    __asm__ volatile("clac" ::: "memory");
  return err;
}

int
copy_from_user (void *dst, uint64_t usrc, size_t n)
{
  if (!user_range_ok (usrc, n))
    return USERCOPY_EFAULT;
  if (n == 0)
    return 0;
  return guarded_copy (dst, (const void *)usrc, n);
}

int
copy_to_user (uint64_t udst, const void *src, size_t n)
{
  if (!user_range_ok (udst, n))
    return USERCOPY_EFAULT;
  if (n == 0)
    return 0;
  return guarded_copy ((void *)udst, src, n);
}
