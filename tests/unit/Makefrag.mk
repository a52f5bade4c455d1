# The host unit-test binary's link.  Read after viengoos/Makefrag.mk: the
# kernel sources it tests are KERNEL_SRCS, less those that need the
# running kernel (a scheduler, user memory, the serial console, a disk), whose
# host stand-ins are in tests/unit/fake/.  A new generic kernel source is
# thus tested on the host unless it is named here.
UNIT_KERNEL_EXCLUDE := \
	viengoos/kern/log.c \
	viengoos/kern/entrystat.c \
	viengoos/kern/ksyms.c \
	viengoos/kern/test.c \
	viengoos/kern/panic.c \
	viengoos/kern/rootload.c \
	viengoos/exec/sched.c \
	viengoos/exec/activation.c \
	viengoos/sys/sys.c \
	viengoos/uentry.c \
	viengoos/dev/blk.c \
	viengoos/dev/ata.c \
	viengoos/mm/swap.c \
	viengoos/obj/swapobj.c \
	$(filter viengoos/sys/sys_%.c,$(KERNEL_SRCS))
UNIT_KERNEL_SRCS := $(filter-out $(UNIT_KERNEL_EXCLUDE),$(KERNEL_SRCS)) \
	viengoos/arch/x86_64/pt.c

# check's test counter: tests/unit/main.c wraps _tcase_add_test to count
# every test case the registered suites add, and reports how many ran.
$(UNIT): $(call h_obj,$(UNIT_SRCS) $(UNIT_KERNEL_SRCS)) $(UNIT_GEN_OBJS)
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTLD  $@"
	$(Q)$(CC) $(HCFLAGS) $(HEXTRA) $(HCOV) -Wl,--wrap=_tcase_add_test \
		-o $@ $^ $(CHECK_LIBS)

# The reclaimer's soak (not part of make check): the host property test
# of doc/reclamation.md with fresh seeds for SOAK_SECONDS (default 600).
.PHONY: soak-reclaim
soak-reclaim: $(UNIT)
	RECLAIM_SOAK_SECONDS=$${SOAK_SECONDS:-600} CK_RUN_SUITE=reclaim \
		CK_RUN_CASE=soak $(UNIT)
