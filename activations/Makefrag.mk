# The user flavour (STYLE rule 13): libvg, crt0 and the user programs
# listed in USER_PROGS (each NAME.c becomes $(O)/user/NAME.elf).  See
# doc/user-programs.md.  Included after the fragments that add to
# USER_PROGS.

# Ring 3: like the kernel's flags but the small code model, red zone and
# SSE allowed; static, not PIC.
UCFLAGS := -std=gnu11 -O2 -g -ffreestanding -fno-pic -fno-pie \
	-fno-stack-protector -fno-asynchronous-unwind-tables -fno-common \
	-fno-omit-frame-pointer \
	-Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes -Wundef \
	-MD -MP
UCPPFLAGS := -Iactivations/include -Iviengoos/abi -I$(O)/gen -DVG_USER
USER_LDS := activations/user.ld
ULDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none \
	-Wl,-z,max-page-size=0x1000 -T $(USER_LDS)
LIBGCC := $(shell $(CC) -print-libgcc-file-name)

# libvg: generic kernel sources built a third time (vsnprintf, kstring)
# plus the user runtime.  Only these see the kernel's generic headers.
LIBVG_SRCS := \
	activations/start.c \
	activations/act.c \
	activations/act-entry.S \
	activations/vg-printf.c \
	activations/vg-strerror.c \
	viengoos/lib/vsnprintf.c \
	viengoos/lib/kstring.c \
	viengoos/lib/elf64.c \
	activations/vgstart.c
LIBVG := $(O)/user/libvg.a
USER_CRT0 := $(O)/u/activations/crt0.o

u_obj = $(patsubst %,$(O)/u/%.o,$(basename $(1)))
$(call u_obj,$(LIBVG_SRCS)): UEXTRA := -Iviengoos/lib/include \
	-fno-tree-loop-distribute-patterns
# The ELF parser (for spawn) needs the kernel's layout constants.
$(call u_obj,viengoos/lib/elf64.c): UEXTRA += -Iviengoos/arch/x86_64/include

$(O)/u/%.o: %.c GNUmakefile | $(SYSCALL_GEN_H)
	@mkdir -p $(dir $@)
	$(Q)echo "  UCC     $<"
	$(Q)$(CC) $(UCFLAGS) $(UCPPFLAGS) $(UEXTRA) -c $< -o $@

$(O)/u/%.o: %.S GNUmakefile
	@mkdir -p $(dir $@)
	$(Q)echo "  UAS     $<"
	$(Q)$(CC) $(UCFLAGS) $(UCPPFLAGS) -D__ASSEMBLY__ -c $< -o $@

# The activation runtime's assembly offsets, generated from the C
# structs in the user flavour (STYLE rule 11).
ACT_OFFSETS_H := $(O)/gen/act-offsets.h
$(ACT_OFFSETS_H): activations/act-offsets.c activations/act-frame.h \
		activations/include/act.h viengoos/abi/vg/activation.h \
		tools/gen-asm-offsets GNUmakefile | $(SYSCALL_GEN_H)
	@mkdir -p $(dir $@)
	$(Q)echo "  GEN     $@"
	$(Q)$(CC) $(UCFLAGS) $(UCPPFLAGS) -MF $(O)/gen/act-offsets.d -MT $@ \
		-S $< -o $(O)/gen/act-offsets.s
	$(Q)tools/gen-asm-offsets < $(O)/gen/act-offsets.s > $@.tmp && mv $@.tmp $@
-include $(O)/gen/act-offsets.d
$(O)/u/activations/act-entry.o: $(ACT_OFFSETS_H)

$(LIBVG): $(call u_obj,$(LIBVG_SRCS))
	@mkdir -p $(dir $@)
	$(Q)echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

# One rule per program: $(O)/user/NAME.elf from NAME.c (or the sources
# in USER_SRCS_NAME, if set).
# USER_LIBS_NAME: archives to link before libvg (e.g. $(LIBHURD_MM),
# which also pulls in hurd_mm_start so the start code sets it up).
user_srcs = $(or $(USER_SRCS_$(notdir $(1))),$(1).c)
user_libs = $(USER_LIBS_$(notdir $(1)))
USER_LIBS_START := -Wl,-u,hurd_mm_start -Wl,--start-group
USER_LIBS_END := -Wl,--end-group
define user_prog_rule
$(O)/user/$(notdir $(1)).elf: $(USER_CRT0) $(call u_obj,$(call user_srcs,$(1))) $(call user_libs,$(1)) $(LIBVG) $(USER_LDS)
	$$(Q)echo "  ULD     $$@"
	$$(Q)$$(CC) $$(UCFLAGS) $$(ULDFLAGS) -o $$@ $(USER_CRT0) \
		$(call u_obj,$(call user_srcs,$(1))) \
		$(if $(call user_libs,$(1)),$(USER_LIBS_START) $(call user_libs,$(1)) $(LIBVG) $(USER_LIBS_END)) \
		$(LIBVG) $(LIBGCC)
endef
$(foreach p,$(USER_PROGS),$(eval $(call user_prog_rule,$(p))))

USER_ELFS := $(foreach p,$(USER_PROGS),$(O)/user/$(notdir $(p)).elf)

.PHONY: user
user: $(LIBVG) $(USER_ELFS)

# The host unit tests check the user ELFs (tests/unit/test_user_elf.c).
unit-tests: $(USER_ELFS)
