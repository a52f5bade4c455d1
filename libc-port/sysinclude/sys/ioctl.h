/* <sys/ioctl.h>, which newlib lacks for this target: ioctl exists so
   that portable code links, and fails with ENOTTY for every request
   (there are no devices to control; libc-port/posix.c).  */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

int ioctl (int fd, unsigned long request, ...);

#endif
