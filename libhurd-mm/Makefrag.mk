# libhurd-mm: built in the user flavour as $(O)/user/libhurd-mm.a (to be
# linked into programs) and in the host flavour into the unit tests,
# where tests/unit/fake/mm-env.h routes its system calls to the fake
# kernel (tests/unit/fake_kernel.c).  Included before tests/ (whose
# unit-test link rule reads UNIT_SRCS) and activations/ (whose
# user-flavour pattern rules build the objects).

LIBHURD_MM_SRCS := \
	libhurd-mm/meta.c \
	libhurd-mm/shadow.c \
	libhurd-mm/storage.c \
	libhurd-mm/as.c \
	libhurd-mm/region.c \
	libhurd-mm/anon.c \
	libhurd-mm/mm.c \
	libhurd-mm/posix.c \
	libhurd-mm/notice.c
# spawn (hurd/spawn.h) is user-only: it needs libvg (the ELF parser, the
# start-block builder) and is tested by the system tests that boot the
# root task (libhurd-mm/roottask/).
LIBHURD_MM_USER_SRCS := \
	libhurd-mm/spawn.c \
	libhurd-mm/spawn-tree.c \
	libhurd-mm/spawn-fit.c
LIBHURD_MM := $(O)/user/libhurd-mm.a
LIBHURD_MM_INC := -Ilibhurd-mm/include

$(patsubst %.c,$(O)/u/%.o,$(LIBHURD_MM_SRCS)): UEXTRA := $(LIBHURD_MM_INC) \
	-Ilibhurd-mm/env
$(patsubst %.c,$(O)/u/%.o,$(LIBHURD_MM_USER_SRCS)): UEXTRA := \
	$(LIBHURD_MM_INC) -Iviengoos/lib/include

# The program start-up glue needs the activation runtime, and the
# discardable cache (hurd/cache.h) the fault path: user only.
LIBHURD_MM_USER_SRCS += libhurd-mm/start.c libhurd-mm/cache.c \
	libhurd-mm/notice-act.c libhurd-mm/notice-malloc.c
$(O)/u/libhurd-mm/start.o $(O)/u/libhurd-mm/cache.o \
	$(O)/u/libhurd-mm/notice-act.o \
	$(O)/u/libhurd-mm/notice-malloc.o: UEXTRA := \
	$(LIBHURD_MM_INC) -Ilibhurd-mm/env

$(LIBHURD_MM): $(patsubst %.c,$(O)/u/%.o,$(LIBHURD_MM_SRCS) $(LIBHURD_MM_USER_SRCS))
	@mkdir -p $(dir $@)
	$(Q)echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

user: $(LIBHURD_MM)

# Host flavour: the same sources in the unit-test binary, and spawn's
# segment check (plain code over the ELF parser's output).
UNIT_SRCS += $(LIBHURD_MM_SRCS) libhurd-mm/spawn-fit.c
$(patsubst %.c,$(O)/h/%.o,$(LIBHURD_MM_SRCS) libhurd-mm/spawn-fit.c): \
	HEXTRA += $(LIBHURD_MM_INC)

# The root task (boot module 0): starts every other module in its own
# child activity through spawn (doc/roottask.md).  It is the first user
# of libhurd-mm's task-creation code, so it lives with it.
USER_PROGS += libhurd-mm/roottask/roottask
USER_LIBS_roottask := $(LIBHURD_MM)
ROOT_TASK_ELF := $(O)/user/roottask.elf
$(O)/u/libhurd-mm/roottask/roottask.o: UEXTRA := -Ilibhurd-mm/include
