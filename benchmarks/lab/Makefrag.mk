# The eviction-policy lab (doc/eviction-lab.md): the kernel's policies
# (viengoos/mm/policy/) built for the host against the lab's own
# environment header (benchmarks/lab/env/policy-env.h).
#
#   $(O)/lab/lab       the simulator (optimised, no sanitizers)
#   $(O)/lab/lab-unit  its unit tests (check, ASan/UBSan), run by make check

LAB_CPPFLAGS := -Ibenchmarks/lab/env -Ibenchmarks/lab -Iviengoos
LAB_WARN := -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	-Wundef -MD -MP
LAB_CFLAGS := -std=gnu11 -O2 -g $(LAB_WARN)
LAB_TCFLAGS := -std=gnu11 -O1 -g -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined -fno-omit-frame-pointer $(LAB_WARN)

LAB_LIB_SRCS := $(POLICY_SRCS) \
	benchmarks/lab/frames.c
LAB_UNIT_SRCS := \
	benchmarks/lab/tests/main.c \
	benchmarks/lab/tests/test_policy.c

LAB_UNIT := $(O)/lab/lab-unit

$(O)/lab/opt/%.o: %.c GNUmakefile
	@mkdir -p $(dir $@)
	$(Q)echo "  LABCC   $<"
	$(Q)$(CC) $(LAB_CFLAGS) $(LAB_CPPFLAGS) -c $< -o $@

$(O)/lab/san/%.o: %.c GNUmakefile
	@mkdir -p $(dir $@)
	$(Q)echo "  LABCC   $<"
	$(Q)$(CC) $(LAB_TCFLAGS) $(LAB_CPPFLAGS) -c $< -o $@

$(LAB_UNIT): $(patsubst %.c,$(O)/lab/san/%.o,$(LAB_LIB_SRCS) $(LAB_UNIT_SRCS))
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTLD  $@"
	$(Q)$(CC) $(LAB_TCFLAGS) -o $@ $^ $(CHECK_LIBS)

.PHONY: lab-unit
lab-unit: $(LAB_UNIT)
