/* Host fake of the architecture layout: same page size as x86-64.  */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

/* One past the highest user address (the lower canonical half).  */
#define USER_SPACE_END 0x0000800000000000ull
#define PAGE_SHIFT 12
#define PAGE_SIZE (1 << PAGE_SHIFT)
#define LARGE_PAGE_SIZE (1 << 21)

#endif
