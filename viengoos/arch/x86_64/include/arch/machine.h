/* x86-64 provides every hook in the generic arch-hooks.h.  */
#ifndef ARCH_MACHINE_H
#define ARCH_MACHINE_H

#include "kern/arch-hooks.h"

#endif
