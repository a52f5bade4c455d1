/* The ATA (IDE) disk driver behind the block interface (blk.h).

   Finds the PCI IDE function (class 1, subclass 1: the PIIX3/PIIX4 that
   QEMU and Bochs emulate), or falls back to the legacy ports without
   PCI; probes both channels, master and slave, with IDENTIFY; skips
   ATAPI devices (the CD Bochs boots from).  Transfers use bus-master
   DMA when the controller has a bus-master BAR and the kernel option
   ata=pio is not given, PIO otherwise; either way completion is by
   interrupt (IRQ 14 and 15 through the PIC), and each channel keeps a
   software queue whose next command is issued from the completion
   interrupt.  Probing at boot polls (bounded); nothing else does.

   Fixed at boot: two channels, four disks, one PRD table per channel
   (in the kernel image); nothing is allocated afterwards.  */
#ifndef VG_DEV_ATA_H
#define VG_DEV_ATA_H

#include <stdbool.h>

#include "dev/blk.h"

/* Probe; register each disk found with blk (blk_add).  FORCE_PIO: no
   DMA even where the controller offers it.  */
void ata_probe (bool force_pio);

/* Test hook: the next ATA_TEST_DROP commands are queued but never sent
   to the device, so they time out (the timeout path's test).  */
extern unsigned ata_test_drop;

#endif
