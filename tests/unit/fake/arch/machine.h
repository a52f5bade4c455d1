/* The host test environment provides every hook in the generic
   arch-hooks.h (tests/unit/fake/fake.c).  */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include "kern/arch-hooks.h"

#endif
