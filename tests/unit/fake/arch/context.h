/* Host: the real x86-64 context.h is plain declarations; share it.  */
#include "../../../../viengoos/arch/x86_64/include/arch/context.h"
