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
	benchmarks/lab/frames.c \
	benchmarks/lab/trace.c \
	benchmarks/lab/read.c \
	benchmarks/lab/sim.c \
	benchmarks/lab/lru.c \
	benchmarks/lab/opt.c
LAB_UNIT_SRCS := \
	benchmarks/lab/tests/main.c \
	benchmarks/lab/tests/test_policy.c \
	benchmarks/lab/tests/brute.c \
	benchmarks/lab/tests/test_sim.c \
	benchmarks/lab/tests/test_trace.c

LAB_UNIT := $(O)/lab/lab-unit
LAB := $(O)/lab/lab
LAB_GEN := $(O)/lab/lab-gen

$(LAB_GEN): $(O)/lab/opt/benchmarks/lab/gen.o
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTLD  $@"
	$(Q)$(CC) $(LAB_CFLAGS) -o $@ $^ -lm

$(LAB): $(patsubst %.c,$(O)/lab/opt/%.o,$(LAB_LIB_SRCS) benchmarks/lab/main.c)
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTLD  $@"
	$(Q)$(CC) $(LAB_CFLAGS) -o $@ $^

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
	$(Q)$(CC) $(LAB_TCFLAGS) -o $@ $^ $(CHECK_LIBS) -lm

.PHONY: lab-unit lab-tool
lab-unit: $(LAB_UNIT)
lab-tool: $(LAB) $(LAB_GEN)
all: $(LAB) $(LAB_GEN)

# make lab TRACE=file [SIZES=16,64,5%] [POLICIES=opt,lru,clock]
#   [FORMAT=csv COLUMN=addr]: table, $(O)/lab/out/NAME.{txt,csv,png,svg}.
.PHONY: lab lab-demo lab-bench
lab: $(DEPS_STAMP) $(LAB)
	@test -n "$(TRACE)" || { echo "usage: make lab TRACE=file [SIZES=...] [POLICIES=...] [FORMAT=...] [COLUMN=...]"; exit 2; }
	$(Q)tools/lab $(LAB) "$(TRACE)" $(O)/lab/out "$(SIZES)" "$(POLICIES)" "$(FORMAT)" "$(COLUMN)"

# The doc's figure (doc/eviction-lab.md): the mixed hint workload.
LAB_DEMO_TRACE := $(O)/lab/mixed.txt
$(LAB_DEMO_TRACE): $(LAB_GEN)
	$(Q)$(LAB_GEN) mixed 2000000 1 >$@.tmp && mv $@.tmp $@
lab-demo: $(DEPS_STAMP) $(LAB) $(LAB_DEMO_TRACE)
	$(Q)tools/lab $(LAB) $(LAB_DEMO_TRACE) $(O)/lab/out "500,1000,2000,4000,8000,12000" "" "" ""

# Replay speed: every policy on 2 million Zipf references.
LAB_BENCH_TRACE := $(O)/lab/zipf-2m.txt
$(LAB_BENCH_TRACE): $(LAB_GEN)
	$(Q)$(LAB_GEN) zipf 2000000 1 >$@.tmp && mv $@.tmp $@
lab-bench: $(LAB) $(LAB_BENCH_TRACE)
	$(Q)$(LAB) -s 1%,10%,50% $(LAB_BENCH_TRACE)

# make trace APP=prog.c [ARGS=...] [CMDLINE=policy=fifo] [TRACE_FRAMES=32]:
# build the program as `make run APP=` does, plus tools/trace/trace-auto.c
# (which starts mm_trace on the program's activity), run it, and leave
# the kernel trace in $(O)/trace/NAME.vgtrace for `make lab TRACE=`.
TRACE_FRAMES ?= 32
.PHONY: trace
trace: $(DEPS_STAMP) kernel
	@test -n "$(APP)" || { echo "usage: make trace APP=prog.c [ARGS=...] [CMDLINE=...] [TRACE_FRAMES=N]"; exit 2; }
	$(Q)$(MAKE) --no-print-directory $(ROOT_TASK) $(APP_ELF) APP="$(APP)" \
		APP_CFLAGS="$(APP_CFLAGS) -DVG_TRACE_AUTO_FRAMES=$(TRACE_FRAMES)" \
		APP_LIBS="tools/trace/trace-auto.c $(APP_LIBS)"
	$(Q)tools/trace-app $(KERNEL_FILE) "$(CMDLINE)" "$(ROOT_TASK)" $(APP_ELF) $(O)/trace

# make trace-bench [TRACE_BENCH_POLICIES="fifo clock"]: the workload
# tests/user/newlib_trace.c in QEMU under each policy; its refaults next
# to the lab's replays (tools/trace-bench), and the plot of the clock
# run's kernel trace, $(O)/lab/out/clock.png (doc/eviction-lab.md).
# Not part of make check (about 20 s).
TRACE_BENCH_DIR := $(O)/trace-bench
.PHONY: trace-bench
trace-bench: $(DEPS_STAMP) kernel user $(LAB)
	$(Q)tools/trace-bench $(KERNEL_FILE) $(O)/user/newlib_trace.elf $(LAB) \
		$(TRACE_BENCH_DIR) "$(TRACE_BENCH_POLICIES)"
	$(Q)tools/lab $(LAB) $(TRACE_BENCH_DIR)/clock.vgtrace $(O)/lab/out \
		"4,8,16,24,32,40,48,64,80,96" "opt,lru,fifo,clock,lruapprox,s3fifo" "" "" >/dev/null
	@echo "trace-bench: $(TRACE_BENCH_DIR)/table.txt; plot $(O)/lab/out/clock.png"
