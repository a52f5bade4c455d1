# Eviction policies (mm/policy.h).  The same sources build into the
# kernel (environment viengoos/mm/env/policy-env.h) and into the host lab
# (benchmarks/lab/Makefrag.mk, environment benchmarks/lab/env/).
POLICY_SRCS := \
	viengoos/mm/policy/registry.c \
	viengoos/mm/policy/fifo.c \
	viengoos/mm/policy/clock.c \
	viengoos/mm/policy/twolist.c \
	viengoos/mm/policy/lruapprox.c \
	viengoos/mm/policy/viengoos.c \
	viengoos/mm/policy/s3fifo.c \
	viengoos/mm/policy/dfifo.c

KERNEL_SRCS += $(POLICY_SRCS)
KCPPFLAGS += -Iviengoos/mm/env
HCPPFLAGS += -Iviengoos/mm/env
