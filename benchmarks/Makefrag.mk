# Benchmarks: user programs run as the root task by tools/bench, which
# collects their "BENCH" lines into $(O)/bench/*.csv.  `make bench`; not
# part of `make check` (they measure, they don't test).

BENCH_PROGS := benchmarks/micro
USER_PROGS += $(BENCH_PROGS)
USER_SRCS_micro := benchmarks/micro.c
# The IPC round trip between two address spaces is measured by the
# ping-pong system test's program, which prints a BENCH line too.
BENCH_ELFS = $(foreach p,$(BENCH_PROGS),$(O)/user/$(notdir $(p)).elf) \
	$(O)/user/ipc_pingpong.elf
