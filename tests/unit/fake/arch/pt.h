/* Host: the real x86-64 pt.h is plain declarations; share it.  */
#include "../../../../viengoos/arch/x86_64/include/arch/pt.h"
