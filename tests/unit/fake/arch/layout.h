/* Host fake of the architecture layout: same page size as x86-64.  */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define PAGE_SHIFT 12
#define PAGE_SIZE (1 << PAGE_SHIFT)
#define LARGE_PAGE_SIZE (1 << 21)

#endif
