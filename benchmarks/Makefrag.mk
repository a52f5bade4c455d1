# Benchmarks: user programs run as the root task by tools/bench, which
# collects their "BENCH" lines into $(O)/bench/*.csv.  `make bench`; not
# part of `make check` (they measure, they don't test).

BENCH_PROGS := benchmarks/micro
USER_PROGS += $(BENCH_PROGS) benchmarks/act_roundtrip benchmarks/bounds
NEWLIB_PROGS += benchmarks/act_fault benchmarks/act_discard \
	benchmarks/notice_discard
USER_SRCS_micro := benchmarks/micro.c
USER_SRCS_bounds := benchmarks/bounds.c benchmarks/bounds_mem.c
# The IPC round trip between two address spaces is measured by the
# ping-pong system test's program, which prints a BENCH line too; the
# activation benchmarks (benchmarks/act_*.c) are user and newlib programs.
BENCH_ELFS = $(foreach p,$(BENCH_PROGS),$(O)/user/$(notdir $(p)).elf) \
	$(O)/user/ipc_pingpong.elf $(O)/user/act_roundtrip.elf \
	$(O)/user/act_fault.elf $(O)/user/act_discard.elf \
	$(O)/user/notice_discard.elf

# The longest kernel entries (doc/performance.md): benchmarks/bounds.c,
# run by `make bench-bounds` (tools/bench-bounds) on a kernel booted
# with `entrystat`.
BOUNDS_ELF = $(O)/user/bounds.elf
