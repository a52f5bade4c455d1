/* newlib's <sys/stat.h>, plus the declarations it leaves out for this
   target: lstat (the same as stat: there are no symbolic links).  */
#ifndef _VG_SYS_STAT_H
#define _VG_SYS_STAT_H

#include_next <sys/stat.h>

int lstat (const char *__restrict __path, struct stat *__restrict __buf);

#endif
