/* Virtual memory layout of the kernel (x86-64).

   0x0000000000000000 - 0x00007fffffffffff  user space (USER_SPACE_END)
   0xffff800000000000 - ...                 direct map of all physical RAM
   0xffffffff80000000 - +2 GiB              kernel image (phys 0..2 GiB)  */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

/* One past the highest user address (the lower canonical half).  */
#define USER_SPACE_END 0x0000800000000000ull
#define KERNEL_VMA 0xffffffff80000000
#define DIRECT_MAP_BASE 0xffff800000000000
#define PAGE_SHIFT 12
#define PAGE_SIZE (1 << PAGE_SHIFT)
#define LARGE_PAGE_SIZE (1 << 21)

#endif
