# Activation microbenchmarks (user programs printing "BENCH name ops=N
# instr=M"; see benchmarks/README.md).  Each runs as the root task:
# `make run-test T=bench_NAME` under the normal test runner, or from
# `make bench`'s harness.
USER_PROGS += benchmarks/act_roundtrip
NEWLIB_PROGS += benchmarks/act_fault benchmarks/act_discard
