# The kernel.  Generic sources live in viengoos/, architecture code in
# viengoos/arch/x86_64/.  Generic sources are also compiled for the host
# (tests/Makefrag.mk) so unit tests link the real code.

KERNEL_SRCS += \
	viengoos/kern/cmdline.c \
	viengoos/kern/entrystat.c \
	viengoos/kern/log.c \
	viengoos/kern/hostchan.c \
	viengoos/mm/memmap.c \
	viengoos/mm/bootmem.c \
	viengoos/mm/pmm.c \
	viengoos/obj/frame.c \
	viengoos/obj/folio.c \
	viengoos/obj/cap.c \
	viengoos/obj/object.c \
	viengoos/obj/room.c \
	viengoos/obj/noticelist.c \
	viengoos/obj/cappage.c \
	viengoos/exec/thread.c \
	viengoos/exec/messenger.c \
	viengoos/obj/activity.c \
	viengoos/obj/activity_reap.c \
	viengoos/obj/reap.c \
	viengoos/mm/as.c \
	viengoos/mm/as_walk.c \
	viengoos/mm/as_rmap.c \
	viengoos/mm/evict.c \
	viengoos/mm/reclaim.c \
	viengoos/mm/notice.c \
	viengoos/mm/ager.c \
	viengoos/mm/tracebuf.c \
	viengoos/mm/trace.c \
	viengoos/kern/ksyms.c \
	viengoos/lib/vsnprintf.c \
	viengoos/lib/kstring.c \
	viengoos/lib/escape.c \
	viengoos/kern/test.c \
	viengoos/kern/panic.c \
	viengoos/sys/dispatch.c \
	viengoos/lib/elf64.c \
	viengoos/exec/sched.c \
	viengoos/exec/waitq.c \
	viengoos/sys/sys.c \
	viengoos/sys/sys_misc.c \
	viengoos/sys/sys_cap.c \
	viengoos/sys/sys_storage.c \
	viengoos/sys/sys_thread.c \
	viengoos/sys/sys_ipc.c \
	viengoos/sys/sys_activation.c \
	viengoos/exec/activation.c \
	viengoos/kern/rootload.c \
	viengoos/uentry.c \
	viengoos/dev/blk.c \
	viengoos/dev/ata.c \
	viengoos/lib/crc32c.c \
	viengoos/mm/swap.c \
	viengoos/obj/swapobj.c

KERNEL_ARCH_SRCS += \
	viengoos/arch/x86_64/boot.S \
	viengoos/arch/x86_64/entry.S \
	viengoos/arch/x86_64/main.c \
	viengoos/arch/x86_64/serial.c \
	viengoos/arch/x86_64/rtc.c \
	viengoos/arch/x86_64/gdt.c \
	viengoos/arch/x86_64/idt.c \
	viengoos/arch/x86_64/trap.c \
	viengoos/arch/x86_64/backtrace.c \
	viengoos/arch/x86_64/multiboot.c \
	viengoos/arch/x86_64/mm.c \
	viengoos/arch/x86_64/timer.c \
	viengoos/arch/x86_64/fpu.c \
	viengoos/arch/x86_64/machine.c \
	viengoos/arch/x86_64/pic.c \
	viengoos/arch/x86_64/pci.c \
	viengoos/arch/x86_64/crc.c \
	viengoos/arch/x86_64/pt.c \
	viengoos/arch/x86_64/syscall.c \
	viengoos/arch/x86_64/syscall_entry.S \
	viengoos/arch/x86_64/switch.S \
	viengoos/arch/x86_64/context.c \
	viengoos/arch/x86_64/protect.c \
	viengoos/arch/x86_64/usercopy.c \
	viengoos/arch/x86_64/user_trap.c

KERNEL_LDS := viengoos/arch/x86_64/kernel.ld

k_obj = $(patsubst %,$(O)/k/%.o,$(basename $(1)))
KERNEL_OBJS = $(call k_obj,$(KERNEL_SRCS) $(KERNEL_ARCH_SRCS) $(KERNEL_TEST_SRCS)) \
	$(patsubst $(O)/gen/%.c,$(O)/k/gen/%.o,$(SYSCALL_GEN_C))

$(O)/k/gen/%.o: $(O)/gen/%.c $(SYSCALL_GEN_H) GNUmakefile
	@mkdir -p $(dir $@)
	$(Q)echo "  KCC     $<"
	$(Q)$(CC) $(KCFLAGS) $(KCPPFLAGS) -c $< -o $@

$(O)/k/%.o: %.c $(O)/gen/asm-offsets.h GNUmakefile | $(SYSCALL_GEN_H)
	@mkdir -p $(dir $@)
	$(Q)echo "  KCC     $<"
	$(Q)$(CC) $(KCFLAGS) $(KCPPFLAGS) -c $< -o $@

$(O)/k/%.o: %.S $(O)/gen/asm-offsets.h GNUmakefile
	@mkdir -p $(dir $@)
	$(Q)echo "  KAS     $<"
	$(Q)$(CC) $(KCFLAGS) $(KCPPFLAGS) -D__ASSEMBLY__ -Wa,--noexecstack -c $< -o $@

# Assembly offsets are generated from the C structs (STYLE rule 11).
$(O)/gen/asm-offsets.h: viengoos/arch/x86_64/asm-offsets.c tools/gen-asm-offsets
	@mkdir -p $(dir $@)
	$(Q)echo "  GEN     $@"
	$(Q)$(CC) $(KCFLAGS) $(KCPPFLAGS) -MF $(O)/gen/asm-offsets.d -MT $@ \
		-S $< -o $(O)/gen/asm-offsets.s
	$(Q)tools/gen-asm-offsets < $(O)/gen/asm-offsets.s > $@.tmp && mv $@.tmp $@

# Two-pass link: the first pass has an empty symbol table, the second
# embeds the symbol table generated from the first.  The symbol section
# comes after .text, so text addresses are identical in both passes
# (tools/gen-ksyms checks this).
$(O)/kernel.pass1.elf: $(KERNEL_OBJS) $(O)/k/ksyms-empty.o $(KERNEL_LDS)
	$(Q)echo "  LD      $@"
	$(Q)$(CC) $(KLDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJS) $(O)/k/ksyms-empty.o

$(O)/gen/ksyms.S: $(O)/kernel.pass1.elf tools/gen-ksyms
	$(Q)echo "  KSYMS   $@"
	$(Q)tools/gen-ksyms $< > $@.tmp && mv $@.tmp $@

$(O)/k/ksyms-empty.o: tools/ksyms-empty.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(O)/k/ksyms-data.o: $(O)/gen/ksyms.S
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(KERNEL_FILE): $(KERNEL_OBJS) $(O)/k/ksyms-data.o $(KERNEL_LDS)
	$(Q)echo "  LD      $@"
	$(Q)$(CC) $(KLDFLAGS) -T $(KERNEL_LDS) -o $@ $(KERNEL_OBJS) $(O)/k/ksyms-data.o
	$(Q)tools/gen-ksyms --verify $(O)/kernel.pass1.elf $@

.PHONY: kernel
kernel: $(KERNEL_FILE)
