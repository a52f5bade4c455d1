# libc-port: newlib built from Debian's newlib-source tarball (cached in
# $(O)/newlib, rebuilt only when the tarball or libc-port/build-newlib
# changes), crt0, the system-call glue and tools/vg-cc's inputs.
# `make newlib` builds all of it; see libc-port/README.md and
# doc/porting.md.

NEWLIB_TARBALL ?= /usr/src/newlib/newlib-3.3.0.tar.xz
NEWLIB_DIR := $(O)/newlib
NEWLIB_STAMP := $(NEWLIB_DIR)/.built
VG_CC := tools/vg-cc
LIBC_PORT := $(O)/libc-port
LIBC_PORT_CRT0 := $(LIBC_PORT)/crt0.o
LIBC_PORT_LIB := $(LIBC_PORT)/libvgc.a
LIBC_PORT_LIBVG := $(LIBC_PORT)/libvg-newlib.a
LIBC_PORT_SRCS := \
	libc-port/start.c \
	activations/vgstart.c \
	libc-port/io.c \
	libc-port/fd.c \
	libc-port/fs-node.c \
	libc-port/fs-path.c \
	libc-port/dir.c \
	libc-port/bootfiles.c \
	libc-port/stack.c \
	libc-port/proc.c \
	libc-port/time.c \
	libc-port/clock.c \
	libc-port/posix.c \
	libc-port/mman.c \
	libc-port/sysconf.c \
	libc-port/setjmp.S
# What vg-cc needs to link a program (it checks for these files too).
NEWLIB_ALL := $(NEWLIB_STAMP) $(LIBC_PORT_CRT0) $(LIBC_PORT_LIB) \
	$(LIBC_PORT_LIBVG) $(LIBHURD_MM) $(SYSCALL_GEN_H)

$(NEWLIB_TARBALL):
	@echo "newlib: $@ is missing: install newlib-source (tools/install-deps)" >&2
	@exit 1

# '+': build-newlib's make joins this make's jobserver (the user's -j).
$(NEWLIB_STAMP): $(NEWLIB_TARBALL) libc-port/build-newlib
	+$(Q)libc-port/build-newlib $(NEWLIB_TARBALL) $(NEWLIB_DIR)
	$(Q)touch $@

# Everything compiled for newlib programs goes through vg-cc, so the
# flags live in one place.  The warnings are the project's.
NCFLAGS := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wundef -MD -MP
n_obj = $(patsubst %,$(O)/n/%.o,$(basename $(1)))

$(O)/n/%.o: %.c $(NEWLIB_STAMP) $(VG_CC) GNUmakefile | $(SYSCALL_GEN_H)
	@mkdir -p $(dir $@)
	$(Q)echo "  NCC     $<"
	$(Q)VG_BUILD=$(O) $(VG_CC) $(NCFLAGS) -c $< -o $@

$(O)/n/%.o: %.S $(VG_CC) GNUmakefile $(NEWLIB_STAMP)
	@mkdir -p $(dir $@)
	$(Q)echo "  NAS     $<"
	$(Q)VG_BUILD=$(O) $(VG_CC) $(NCFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(LIBC_PORT_CRT0): $(O)/n/libc-port/crt0.o
	@mkdir -p $(dir $@)
	$(Q)cp $< $@
$(LIBC_PORT_LIB): $(call n_obj,$(LIBC_PORT_SRCS))
	@mkdir -p $(dir $@)
	$(Q)echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^
# libvg's printing and the activation runtime for newlib programs,
# without libvg's string functions (newlib has its own; both would
# clash).
$(LIBC_PORT_LIBVG): $(O)/u/activations/vg-printf.o $(O)/u/viengoos/lib/vsnprintf.o \
		$(O)/u/activations/act.o $(O)/u/activations/act-entry.o
	@mkdir -p $(dir $@)
	$(Q)echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

.PHONY: newlib
newlib: $(NEWLIB_ALL)

# Newlib programs: NEWLIB_PROGS lists tests/user/NAME (sources NAME.c or
# NEWLIB_SRCS_NAME), each linked by vg-cc into $(O)/user/NAME.elf.
newlib_srcs = $(or $(NEWLIB_SRCS_$(notdir $(1))),$(1).c)
define newlib_prog_rule
$(O)/user/$(notdir $(1)).elf: $(call n_obj,$(call newlib_srcs,$(1))) $(NEWLIB_ALL) activations/user.ld
	$$(Q)echo "  NLD     $$@"
	$$(Q)VG_BUILD=$(O) $(VG_CC) -o $$@ $(call n_obj,$(call newlib_srcs,$(1)))
endef
$(foreach p,$(NEWLIB_PROGS),$(eval $(call newlib_prog_rule,$(p))))
NEWLIB_ELFS := $(foreach p,$(NEWLIB_PROGS),$(O)/user/$(notdir $(p)).elf)

.PHONY: newlib-progs
newlib-progs: $(NEWLIB_ELFS)
user: $(NEWLIB_ELFS)

# The host ELF checks (tests/unit/test_user_elf.c) cover newlib programs.
USER_ELFS += $(NEWLIB_ELFS)
unit-tests: $(NEWLIB_ELFS)

# `make run APP="a.c b.c liba.a" [ARGS=...] [ENV=...] [FILES=...]
# [STDIN=...] [OUTFILES=...]`: build the program with vg-cc (APP: its
# sources, objects and archives; APP_CFLAGS, APP_LIBS: more compiler
# options and libraries) into $(O)/app/NAME.elf, NAME from APP's first
# word, and run it under the root task with tools/run-app, which turns
# the other variables into data modules (doc/porting.md).  ROOT_TASK is
# the root task (libhurd-mm/roottask/roottask.c), which starts the app
# in an activity of its own and exits with its status, so `make run`
# returns it (doc/roottask.md).
ROOT_TASK ?= $(ROOT_TASK_ELF)
ifneq ($(APP),)
APP_ELF := $(O)/app/$(basename $(notdir $(firstword $(APP)))).elf
$(APP_ELF): $(APP) $(NEWLIB_ALL) activations/user.ld FORCE
	@mkdir -p $(dir $@)
	$(Q)echo "  VG-CC   $@"
	$(Q)VG_BUILD=$(O) $(VG_CC) -o $@ $(APP_CFLAGS) $(APP) $(APP_LIBS)
MODULES := $(ROOT_TASK) $(APP_ELF)
# make debug and the ISO boot the program with its plain name only.
RUN_MODULES = $(ROOT_TASK) "$(APP_ELF)"
RUN_CMD = tools/run-app $(KERNEL_FILE) "$(CMDLINE)" "$(ROOT_TASK)" $(APP_ELF)
export ARGS ENV FILES STDIN OUTFILES OUTDIR QUOTA FRAMES WEIGHT PRIORITY \
	NOTICES
.PHONY: FORCE
FORCE:
endif

# Host unit tests of the start block (tests/unit/test_vgstart.c, a
# registered suite).
UNIT_SRCS += activations/vgstart.c
$(O)/h/tests/unit/test_vgstart.o $(O)/h/activations/vgstart.o: \
	HEXTRA += -Iactivations/include
