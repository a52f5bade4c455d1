# User-facing targets: run, check, debug, run-test, debug-test, run-bochs,
# check-bochs, format-check, clean.  The scripts they call live here.

ISO := $(O)/viengoos.iso
ISO_TEST := $(O)/viengoos-test-boot.iso
ISO_SWAP := $(O)/viengoos-test-swap.iso
DEPS_STAMP := $(O)/.deps-ok
CMDLINE ?=
# The swap disk `make run`, `make debug` and `make run-bochs` attach: a
# fresh sparse raw image of SWAP bytes (truncate sizes: 256M, 1G), made
# anew for every boot (scratch space, never persistent).  SWAP= boots
# without a disk.
SWAP ?= 256M
SWAP_IMG := $(O)/swap.img
swap_env = $(if $(SWAP),rm -f $(SWAP_IMG) && truncate -s $(SWAP) $(SWAP_IMG) && VG_SWAP_IMG=$(SWAP_IMG))
# Multiboot modules for `make run` and `make debug`: module 0 becomes the
# root task; the kernel stops when its thread does.  By default the root
# task (libhurd-mm/roottask/roottask.c) runs the Hurd-problem demo twice, three
# modules at a time with a fresh messenger and quota DEMO_QUOTA each: the
# page server where clients pay, then where the server pays, each with a
# greedy and a modest client (doc/roottask.md).
DEMO_QUOTA ?= 8
DEMO_SERVER := $(O)/user/pageserv.elf
DEMO_CLIENT := $(O)/user/pageclient.elf
MODULES ?= $(ROOT_TASK_ELF) $(DEMO_SERVER) $(DEMO_CLIENT)
DEMO_GREEDY := "$(DEMO_CLIENT) id=0 name=greedy pages=64 count=100"
DEMO_MODEST := "$(DEMO_CLIENT) id=1 name=modest pages=16 count=4 delay=200"
# `make run DEMO=NAME` picks the demo: hurd (the default, above) or
# pressure: a discardable cache, an important working set and a memory
# hog share a 32 MiB machine (VG_QEMU_MEM overrides) and the demo
# prints who held what and its verdict (tests/user/newlib_pressure.c,
# doc/reclamation.md).
DEMO ?= hurd
ifeq ($(DEMO),pressure)
ifneq ($(APP),)
$(error make run: APP= and DEMO= do not go together)
endif
DEMO_PRESSURE := $(O)/user/newlib_pressure.elf
MODULES := $(DEMO_PRESSURE)
RUN_MODULES := "$(DEMO_PRESSURE)"
RUN_CMD = VG_QEMU_MEM=$${VG_QEMU_MEM:-32} tools/run $(KERNEL_FILE) \
	"$(CMDLINE)" $(RUN_MODULES)
else ifneq ($(DEMO),hurd)
$(error DEMO=$(DEMO) is not a demo: hurd (the default) or pressure)
endif
# What tools/run gets: the modules, each with its command line
# (libc-port/Makefrag.mk sets it for `make run APP=`).
RUN_MODULES ?= "$(ROOT_TASK_ELF) quota=$(DEMO_QUOTA) group=3 messenger" \
	"$(DEMO_SERVER) mode=client clients=2 expect=isolated" \
	$(DEMO_GREEDY) $(DEMO_MODEST) \
	"$(DEMO_SERVER) mode=server clients=2 expect=starved" \
	$(DEMO_GREEDY) $(DEMO_MODEST)

# Install the Debian packages once per build tree (tools/install-deps).
$(DEPS_STAMP): tools/install-deps
	$(Q)tools/install-deps
	@mkdir -p $(dir $@) && touch $@

.PHONY: deps
deps: $(DEPS_STAMP)

# The same boot as `make run`, modules included; rebuilt every time, since
# the module list and command lines come from make variables.
$(ISO): $(KERNEL_FILE) tools/mkiso user FORCE
	$(Q)echo "  ISO     $@"
	$(Q)tools/mkiso $@ $(KERNEL_FILE) "$(CMDLINE)" $(RUN_MODULES)

$(ISO_TEST): $(KERNEL_FILE) tools/mkiso
	$(Q)echo "  ISO     $@"
	$(Q)tools/mkiso $@ $(KERNEL_FILE) "test=boot"

# A short overcommit run on Bochs's own ATA disk (ata0-slave): the user
# program of swap_user_overcommit with a working set of 130% of free
# memory, one generation (tools/check boots it with 8 MiB).
$(ISO_SWAP): $(KERNEL_FILE) tools/mkiso tools/Makefrag.mk \
		$(O)/user/newlib_overcommit.elf
	$(Q)echo "  ISO     $@"
	$(Q)tools/mkiso $@ $(KERNEL_FILE) "test=swap_user_overcommit stats" \
		"$(O)/user/newlib_overcommit.elf 130 1"

# What `make run` runs (libc-port/Makefrag.mk sets tools/run-app for
# APP=).
RUN_CMD ?= tools/run $(KERNEL_FILE) "$(CMDLINE)" $(RUN_MODULES)

.PHONY: run
run: $(DEPS_STAMP) kernel $(MODULES)
	$(swap_env) $(RUN_CMD)

.PHONY: check
check: $(DEPS_STAMP)
	$(Q)$(MAKE) --no-print-directory kernel unit-tests lab-unit lab-tool user real-programs $(ISO_TEST) $(ISO) $(ISO_SWAP) abi-doc-check $(QPROF)
	$(Q)tools/check $(KERNEL_FILE) "$(O)/tests/unit/unit $(LAB_UNIT)" $(ISO_TEST) $(ISO) $(ISO_SWAP)

.PHONY: run-test
run-test: $(DEPS_STAMP) kernel
	@test -n "$(T)" || { echo "usage: make run-test T=name (see tools/list-tests $(KERNEL_FILE))"; exit 2; }
	@tools/run-test $(KERNEL_FILE) $(T); rc=$$?; cat $(O)/test-logs/$(T).log; exit $$rc

# `make profile T=name`: where a system test's guest instructions go, per
# function (tools/profile, over the QEMU plugin tools/qprof.c).
# START=ADDR STOP=ADDR count only between two instructions.
QPROF := $(O)/tools/qprof.so
$(QPROF): tools/qprof.c
	@mkdir -p $(dir $@)
	$(Q)echo "  HOSTCC  $<"
	$(Q)$(CC) -O2 -Wall -Wextra -shared -fPIC -o $@ $<

.PHONY: profile
profile: $(DEPS_STAMP) kernel $(QPROF)
	@test -n "$(T)" || { echo "usage: make profile T=name [START=addr STOP=addr]"; exit 2; }
	@tools/profile $(KERNEL_FILE) $(T) $(START) $(STOP)

.PHONY: debug debug-test
debug: $(DEPS_STAMP) kernel $(MODULES)
	$(swap_env) tools/debug $(KERNEL_FILE) "$(CMDLINE)" $(RUN_MODULES)
debug-test: $(DEPS_STAMP) kernel
	@test -n "$(T)" || { echo "usage: make debug-test T=name"; exit 2; }
	tools/debug $(KERNEL_FILE) "test=$(T) $(CMDLINE)"

# The swap store's soak: swap_soak with 500 rounds of 1024 pages written
# back and read back, 1 024 000 page touches (doc/backing-store.md).
SOAK_ROUNDS ?= 500
.PHONY: soak-swap
soak-swap: $(DEPS_STAMP) kernel
	@VG_TEST_TIMEOUT=3600 VG_TEST_ARGS="swap_soak=$(SOAK_ROUNDS)" \
		tools/run-test $(KERNEL_FILE) swap_soak; rc=$$?; \
		grep -a 'swap_soak:' $(O)/test-logs/swap_soak.log | tail -1; exit $$rc

# The user-program overcommit soak: swap_user_overcommit (a working set
# 4 times free memory, newlib_overcommit) with SOAK_GENS generations
# instead of make check's 2: 18 give 1.06 * 10^6 page touches.  Prints
# the program's figures and the kernel's swap statistics.
SOAK_GENS ?= 18
.PHONY: soak-swap-user
soak-swap-user: $(DEPS_STAMP) kernel
	@sed -n -e 's|timeout=[0-9]*|timeout=7200|' \
		-e 's|^\(swap_user_overcommit .*newlib_overcommit.elf [0-9]*\) [0-9]*"|\1 $(SOAK_GENS)"|p' \
		$(O)/gen/tests/modules.list >$(O)/soak-swap-user.list
	@start=$$(date +%s); VG_TEST_TIMEOUT=7200 VG_TEST_ARGS=stats \
		VG_TEST_MODULES=$(O)/soak-swap-user.list \
		tools/run-test $(KERNEL_FILE) swap_user_overcommit; rc=$$?; \
		grep -a -E 'overcommit:|stats: swap' $(O)/test-logs/swap_user_overcommit.log; \
		echo "soak-swap-user: $$(( $$(date +%s) - start )) s"; exit $$rc

.PHONY: run-bochs check-bochs
run-bochs: $(DEPS_STAMP) $(ISO)
	$(swap_env) tools/run-bochs $(ISO) 'Demo done|PANIC|EXCEPTION' 300
check-bochs: $(DEPS_STAMP) $(ISO_TEST)
	tools/run-bochs $(ISO_TEST) '^TEST PASS boot' 60

FORMAT_FILES = $(shell git ls-files '*.c' '*.h' 2>/dev/null)
.PHONY: format format-check
format-check:
	$(Q)! git grep -n -E '^(<<<<<<<|>>>>>>>) ' -- ':!*.def' || { echo "format-check: merge conflict markers left"; exit 1; }
	$(Q)clang-format --dry-run -Werror $(FORMAT_FILES) && echo "format-check: $(words $(FORMAT_FILES)) files clean"
format:
	$(Q)clang-format -i $(FORMAT_FILES)

.PHONY: clean
clean:
	rm -rf $(O)

# Line coverage of the object store by the unit tests (tools/coverage).
.PHONY: coverage
coverage:
	$(Q)tools/coverage

# The system-call fuzzer at length (make check runs 20000 calls):
# FUZZ_CALLS calls from each seed in FUZZ_SEEDS, each in its own boot.
FUZZ_CALLS ?= 200000
FUZZ_SEEDS ?= 1 1000 5000 17014 90210
.PHONY: fuzz-syscalls
fuzz-syscalls: $(DEPS_STAMP) kernel $(O)/user/fuzz_syscalls.elf
	$(Q)tools/fuzz-syscalls $(KERNEL_FILE) $(O)/user/fuzz_syscalls.elf $(FUZZ_CALLS) $(FUZZ_SEEDS)

# Known bugs put back one at a time (tests/mutants/): each must make its
# test fail.
.PHONY: mutants
mutants: $(DEPS_STAMP) kernel unit-tests user
	$(Q)tools/mutants

# Benchmarks (benchmarks/Makefrag.mk lists them): guest instruction counts
# under -icount, written to $(O)/bench/.
.PHONY: bench
bench: $(DEPS_STAMP) kernel user
	tools/bench $(KERNEL_FILE) $(O)/bench $(BENCH_ELFS)

# The longest kernel entry per system call, exception and interrupt
# under adversarial sizes (benchmarks/bounds.c; doc/performance.md):
# a table in $(O)/bench-bounds/.  Not part of `make check`.
.PHONY: bench-bounds
bench-bounds: $(DEPS_STAMP) kernel user
	tools/bench-bounds $(KERNEL_FILE) $(O)/bench-bounds $(BOUNDS_ELF)
