/* The host build compiles the real x86-64 page-table code (pt.c) over
   fake physical memory and a fake CR3 (cpu.h), so the address-space
   cache is tested on the host too.  */
#include "../../../../viengoos/arch/x86_64/include/arch/pt.h"
