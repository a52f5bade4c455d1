# Tests: host unit tests (tests/unit, with check) and in-kernel system
# tests (tests/system, booted in QEMU by tools/run-test).

KERNEL_TEST_SRCS += \
	tests/system/boot.c \
	tests/system/exception.c \
	tests/system/timer.c \
	tests/system/pmm.c \
	tests/system/objstore.c \
	tests/system/user_prog.S \
	tests/system/user_harness.c \
	tests/system/user_syscall.c \
	tests/system/user_fault.c \
	tests/system/user_copy.c \
	tests/system/user_pt.c \
	tests/system/user_fpu.c \
	tests/system/as_fault.c \
	tests/system/roottask.c \
	tests/system/blk.c \
	tests/system/swap.c

# Host unit tests: one binary linking every suite (tests/unit/suites.h),
# the fake environment, and the generic kernel sources under test,
# compiled for the host with ASan and UBSan.
UNIT_SRCS += \
	tests/unit/main.c \
	tests/unit/fake/fake.c \
	tests/unit/fake/sys_weak.c \
	tests/unit/test_vsnprintf.c \
	tests/unit/test_cmdline.c \
	tests/unit/test_memmap.c \
	tests/unit/test_pmm.c \
	tests/unit/test_syscall.c \
	tests/unit/test_user_elf.c \
	tests/unit/objstore_fixture.c \
	tests/unit/test_objstore.c \
	tests/unit/test_activity.c \
	tests/unit/test_as.c \
	tests/unit/test_elf.c \
	tests/unit/test_crc32c.c \
	$(LIBHURD_MM_TEST_SRCS)

# libhurd-mm's tests (the library's sources come from
# libhurd-mm/Makefrag.mk, which adds its include path to these).
LIBHURD_MM_TEST_SRCS := \
	tests/unit/fake_kernel.c \
	tests/unit/test_mm_region.c \
	tests/unit/test_mm_storage.c \
	tests/unit/test_mm_anon.c \
	tests/unit/test_mm_posix.c
$(patsubst %.c,$(O)/h/%.o,$(LIBHURD_MM_TEST_SRCS)): \
	HEXTRA += $(LIBHURD_MM_INC)

UNIT_KERNEL_SRCS += \
	viengoos/lib/vsnprintf.c \
	viengoos/kern/cmdline.c \
	viengoos/mm/memmap.c \
	viengoos/mm/bootmem.c \
	viengoos/mm/pmm.c \
	viengoos/sys/dispatch.c \
	viengoos/obj/frame.c \
	viengoos/obj/folio.c \
	viengoos/obj/cap.c \
	viengoos/obj/object.c \
	viengoos/obj/cappage.c \
	viengoos/exec/thread.c \
	viengoos/exec/messenger.c \
	viengoos/obj/activity.c \
	viengoos/mm/as.c \
	viengoos/mm/as_walk.c \
	viengoos/mm/as_rmap.c \
	viengoos/arch/x86_64/pt.c \
	viengoos/lib/kstring.c \
	viengoos/lib/elf64.c \
	viengoos/lib/crc32c.c

# The generated decoder table, and the VG_ENOSYS defaults made weak so a
# test can supply any handler.
UNIT_GEN_OBJS := $(O)/h/gen/syscall-table.o $(O)/h/gen/syscall-enosys.o
$(O)/h/gen/syscall-enosys.o: HEXTRA += -DSYSCALL_DEFAULTS_WEAK
UNIT := $(O)/tests/unit/unit
h_obj = $(patsubst %,$(O)/h/%.o,$(basename $(1)))

$(O)/h/gen/%.o: $(O)/gen/%.c $(SYSCALL_GEN_H) GNUmakefile
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $<"
	$(Q)$(CC) $(HCFLAGS) $(HCPPFLAGS) $(HEXTRA) $(HCOV) -c $< -o $@

$(O)/h/%.o: %.c GNUmakefile | $(SYSCALL_GEN_H)
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $<"
	$(Q)$(CC) $(HCFLAGS) $(HCPPFLAGS) $(HEXTRA) $(HCOV) -Itests/unit -c $< -o $@

$(UNIT): $(call h_obj,$(UNIT_SRCS) $(UNIT_KERNEL_SRCS)) $(UNIT_GEN_OBJS)
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTLD  $@"
	$(Q)$(CC) $(HCFLAGS) $(HEXTRA) $(HCOV) -o $@ $^ $(CHECK_LIBS)


.PHONY: unit-tests
unit-tests: $(UNIT)

$(O)/h/tests/unit/test_syscall.o: \
	HEXTRA += -DSYSCALLS_DEF_PATH='"$(abspath $(SYSCALLS_DEF))"'

# User programs (built by activations/Makefrag.mk into $(O)/user/).
USER_PROGS += tests/user/hello tests/user/syscalls tests/user/faults \
	tests/user/preempt tests/user/ipc tests/user/ipc_pingpong \
	tests/user/act_events tests/user/ipc_bind tests/user/fuzz_syscalls
USER_SRCS_fuzz_syscalls := tests/user/fuzz_syscalls.c tests/user/fuzz_gen.c
USER_SRCS_act_events := tests/user/act_events.c tests/user/act_probe.S
# The Hurd-problem demo (the default `make run`, and the hurd_* tests):
# a page server and its clients, started by the root task.
USER_PROGS += tests/user/pageserv tests/user/pageclient
$(O)/u/tests/user/pageserv.o $(O)/u/tests/user/pageclient.o: \
	UEXTRA := -Ilibhurd-mm/include
# Started by the root task (libhurd-mm/roottask/roottask.c) in the
# root_spawn_* tests.
USER_PROGS += tests/user/argsum

# The ELF checks read every user program; the list is known only after
# activations/Makefrag.mk, hence the deferred +=.
$(O)/h/tests/unit/test_user_elf.o: \
	HEXTRA += '-DUSER_ELFS=$(foreach e,$(USER_ELFS),"$(abspath $(e))",)'
# ... and is compiled into the object, so the object depends on a file
# that changes exactly when the list does.
USER_ELFS_LIST := $(O)/gen/user-elfs.list
$(USER_ELFS_LIST): FORCE
	@mkdir -p $(dir $@)
	@echo '$(USER_ELFS)' | cmp -s - $@ || echo '$(USER_ELFS)' >$@
$(O)/h/tests/unit/test_user_elf.o: $(USER_ELFS_LIST)
.PHONY: FORCE
FORCE:
# A libFuzzer target for the ELF parser; needs clang.  Not part of
# `make check`: run build/tests/fuzz/elf_fuzz -max_total_time=60.
ELF_FUZZ := $(O)/tests/fuzz/elf_fuzz
$(ELF_FUZZ): tests/fuzz/elf_fuzz.c viengoos/lib/elf64.c viengoos/lib/vsnprintf.c
	@mkdir -p $(dir $@)
	$(Q)echo "  FUZZ    $@"
	$(Q)clang -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined \
		-Wall -Wextra -Werror -Wno-include-next-absolute-path \
		$(HCPPFLAGS) -o $@ $^

.PHONY: fuzz-elf
fuzz-elf: $(ELF_FUZZ)

# newlib programs (libc-port/Makefrag.mk links them with tools/vg-cc into
# $(O)/user/NAME.elf).  They run as root tasks in the root_newlib_*
# system tests (tests/system/roottask.c) and are checked as ELF files by
# the host tests.
NEWLIB_PROGS += \
	tests/user/newlib_exit \
	tests/user/newlib_args \
	tests/user/newlib_printf \
	tests/user/newlib_string \
	tests/user/newlib_sort \
	tests/user/newlib_setjmp \
	tests/user/newlib_malloc \
	tests/user/newlib_act_mm \
	tests/user/newlib_posix \
	tests/user/newlib_ssp
NEWLIB_SRCS_newlib_act_mm := tests/user/newlib_act_mm.c tests/user/act_probe.S
# Both check the stack protector's canary on every function.
$(O)/n/tests/user/newlib_posix.o $(O)/n/tests/user/newlib_ssp.o: \
	NCFLAGS += -fstack-protector-all

# The Hurd-problem tests (tests/system/roottask.c) need IPC: they are
# compiled in once syscalls.def marks messenger_receive implemented.
VG_IPC_STATUS := $(shell awk '/^call [0-9]+ messenger_receive/ { f = 1 } \
	f && /^ *status/ { print $$2; exit }' viengoos/abi/vg/syscalls.def)
$(O)/k/tests/system/roottask.o: viengoos/abi/vg/syscalls.def
ifeq ($(VG_IPC_STATUS),implemented)
$(O)/k/tests/system/roottask.o: KCPPFLAGS += -DVG_HAVE_IPC
endif
