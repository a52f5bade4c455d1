# Tests: host unit tests (tests/unit, with check) and in-kernel system
# tests (tests/system, booted in QEMU by tools/run-test).

# The test registry (tests/registry) names every test and its expected
# outcome; tools/gen-tests derives the lists below from it, and the
# files under $(O)/gen/tests/ that the harness reads.
TEST_REGISTRY := tests/registry
GEN_TESTS := tools/gen-tests
TESTS_GEN := $(O)/gen/tests
include $(TESTS_GEN)/tests.mk
$(TESTS_GEN)/tests.mk: $(TEST_REGISTRY) $(GEN_TESTS)
	@mkdir -p $(dir $@)
	$(Q)tools/gen-tests make $< > $@.tmp && mv $@.tmp $@
define gen_tests_rule
$(TESTS_GEN)/$(1): $$(TEST_REGISTRY) $$(GEN_TESTS)
	@mkdir -p $$(dir $$@)
	$$(Q)echo "  GEN     $$@"
	$$(Q)tools/gen-tests $(2) $$< > $$@.tmp && mv $$@.tmp $$@
endef
$(eval $(call gen_tests_rule,suites.h,suites))
$(eval $(call gen_tests_rule,modules.list,modules))
$(eval $(call gen_tests_rule,root-tests.c,root-c))
$(eval $(call gen_tests_rule,expected,expected))
# tools/run-test and tools/check find these beside the kernel.
kernel: $(TESTS_GEN)/modules.list $(TESTS_GEN)/expected

# In-kernel system tests: the registered files, their support code and
# the generated root-task tests.
KERNEL_TEST_SRCS += $(REG_KERNEL_TEST_SRCS) \
	tests/system/user_prog.S \
	tests/system/user_harness.c \
	$(TESTS_GEN)/root-tests.c

# User programs booted by registered tests: tests/user/P.c for each
# module build/user/P.elf, against newlib when P is newlib_*.
REG_TEST_PROGS := $(filter $(basename $(notdir $(wildcard tests/user/*.c))),$(REG_PROGS))
USER_PROGS += $(addprefix tests/user/,$(filter-out newlib_%,$(REG_TEST_PROGS)))
NEWLIB_PROGS += $(addprefix tests/user/,$(filter newlib_%,$(REG_TEST_PROGS)))

# Host unit tests: one binary linking every registered suite (the
# generated suites.h), the fake environment, and the generic kernel
# sources under test, compiled for the host with ASan and UBSan.  The
# link rule is in tests/unit/Makefrag.mk, read after the kernel's lists.
UNIT_SRCS += \
	tests/unit/main.c \
	tests/unit/fake/fake.c \
	tests/unit/fake/activation.c \
	tests/unit/fake/sched.c \
	tests/unit/fake/swapobj.c \
	tests/unit/objstore_fixture.c \
	tests/unit/reclaim_fixture.c \
	tests/unit/fake_kernel.c \
	$(REG_UNIT_SRCS)
$(O)/h/tests/unit/main.o: $(TESTS_GEN)/suites.h

# libhurd-mm's tests (the library's sources come from
# libhurd-mm/Makefrag.mk, which adds its include path to these).
LIBHURD_MM_TEST_SRCS := \
	tests/unit/fake_kernel.c \
	tests/unit/test_mm_region.c \
	tests/unit/test_mm_storage.c \
	tests/unit/test_mm_anon.c \
	tests/unit/test_mm_posix.c \
	tests/unit/test_mm_notice.c
$(patsubst %.c,$(O)/h/%.o,$(LIBHURD_MM_TEST_SRCS)): \
	HEXTRA += $(LIBHURD_MM_INC)

# The generated decoder table, and a weak VG_ENOSYS handler for every
# call (generated from syscalls.def too), so a test can supply any.
UNIT_GEN_OBJS := $(O)/h/gen/syscall-table.o $(O)/h/gen/syscall-host-weak.o
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

.PHONY: unit-tests
unit-tests: $(UNIT)

$(O)/h/tests/unit/test_syscall.o: \
	HEXTRA += -DSYSCALLS_DEF_PATH='"$(abspath $(SYSCALLS_DEF))"'

# Programs of several sources, and their flags (the programs themselves
# come from the registry).
USER_SRCS_fuzz_syscalls := tests/user/fuzz_syscalls.c tests/user/fuzz_gen.c
USER_SRCS_act_events := tests/user/act_events.c tests/user/act_probe.S
$(O)/u/tests/user/pageserv.o $(O)/u/tests/user/pageclient.o: \
	UEXTRA := -Ilibhurd-mm/include
NEWLIB_SRCS_newlib_act_mm := tests/user/newlib_act_mm.c tests/user/act_probe.S
# Both check the stack protector's canary on every function.
$(O)/n/tests/user/newlib_posix.o $(O)/n/tests/user/newlib_ssp.o: \
	NCFLAGS += -fstack-protector-all

# Data modules of the registry's newlib_fs and newlib_stack tests:
# NUL-separated argv, environments and output-file names.
FS_TEST_DATA := $(O)/tests/fs/args $(O)/tests/fs/env $(O)/tests/fs/outfiles \
	$(O)/tests/fs/stack-env
$(O)/tests/fs/args: tests/Makefrag.mk
	@mkdir -p $(dir $@)
	$(Q)printf '%s\0' newlib_fs 'a,b' 'two words' >$@
$(O)/tests/fs/env: tests/Makefrag.mk
	@mkdir -p $(dir $@)
	$(Q)printf '%s\0' FS_TEST=on HOME=/ >$@
$(O)/tests/fs/outfiles: tests/Makefrag.mk
	@mkdir -p $(dir $@)
	$(Q)printf '%s\0' out.txt >$@
$(O)/tests/fs/stack-env: tests/Makefrag.mk
	@mkdir -p $(dir $@)
	$(Q)printf '%s\0' VG_STACK_SIZE=1M >$@
user: $(FS_TEST_DATA)

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


# tools/vg-cc's own test runs the script on this build tree.
$(O)/h/tests/unit/test_vgcc.o: HEXTRA += '-DVG_CC_PATH="$(abspath tools/vg-cc)"' \
	'-DVG_BUILD_DIR="$(abspath $(O))"'
$(O)/h/tests/unit/test_vgcc.o: tests/Makefrag.mk
