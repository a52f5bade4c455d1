/* Internal to libc-port: files, arguments and environment from the
   starter's boot modules, and output files to the host at exit
   (bootfiles.c).  */
#ifndef BOOTFILES_H
#define BOOTFILES_H

/* Read the boot-info modules: create the files, set up stdin, and
   replace *ARGC, *ARGV and *ENVP when the modules carry them.  */
void bootfiles_import (int *argc, char ***argv, char ***envp);
/* Send the output files to the host channel (once).  */
void bootfiles_export (void);

#endif
