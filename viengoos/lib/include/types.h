/* Basic kernel types, shared by the kernel and host flavours.  */
#ifndef VG_TYPES_H
#define VG_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;
typedef uint64_t vaddr_t;

#define ARRAY_SIZE(a) (sizeof (a) / sizeof ((a)[0]))
#define ALIGN_UP(x, a) (((x) + (a)-1) & ~((__typeof__ (x))(a)-1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__ (x))(a)-1))
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))

#endif
