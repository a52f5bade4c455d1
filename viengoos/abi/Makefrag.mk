# The ABI shared with user space (viengoos/abi/vg/, STYLE rule 4) and
# what is generated from it.  Included first: other fragments name the
# generated files in their rules.

# System calls: everything derives from the one definition (STYLE rule
# 5); see tools/gen-syscalls and doc/abi.md.  The headers are order-only
# prerequisites of every object; -MD tracks who really includes them.
SYSCALLS_DEF := viengoos/abi/vg/syscalls.def
GEN_SYSCALLS := tools/gen-syscalls tools/gen-syscalls.awk
SYSCALL_GEN_H := $(O)/gen/vg/syscall.h $(O)/gen/vg/stubs.h \
	$(O)/gen/syscall-handlers.h $(O)/gen/vg/rights-cells.h
SYSCALL_GEN_C := $(O)/gen/syscall-table.c $(O)/gen/syscall-enosys.c

define gen_syscalls_rule
$(1): $$(SYSCALLS_DEF) $$(GEN_SYSCALLS)
	@mkdir -p $$(dir $$@)
	$$(Q)echo "  GEN     $$@"
	$$(Q)tools/gen-syscalls $(2) $$(SYSCALLS_DEF) > $$@.tmp && mv $$@.tmp $$@
endef
$(eval $(call gen_syscalls_rule,$(O)/gen/vg/syscall.h,header))
$(eval $(call gen_syscalls_rule,$(O)/gen/vg/stubs.h,stubs))
$(eval $(call gen_syscalls_rule,$(O)/gen/syscall-handlers.h,kernel-h))
$(eval $(call gen_syscalls_rule,$(O)/gen/syscall-table.c,kernel-c))
$(eval $(call gen_syscalls_rule,$(O)/gen/syscall-enosys.c,enosys))
$(eval $(call gen_syscalls_rule,$(O)/gen/syscall-host-weak.c,host-weak))
$(eval $(call gen_syscalls_rule,$(O)/gen/vg/rights-cells.h,rights))
$(eval $(call gen_syscalls_rule,$(O)/gen/abi-syscalls.md,doc))

.PHONY: syscalls-gen
syscalls-gen: $(SYSCALL_GEN_H) $(SYSCALL_GEN_C)

# doc/abi.md holds a generated section between marker lines: `make
# abi-doc` rewrites it, `make abi-doc-check` (part of `make check`)
# fails if it is stale.
$(O)/gen/abi.md: doc/abi.md $(O)/gen/abi-syscalls.md tools/splice-section
	$(Q)tools/splice-section doc/abi.md $(O)/gen/abi-syscalls.md > $@.tmp && mv $@.tmp $@
.PHONY: abi-doc abi-doc-check
abi-doc: $(O)/gen/abi.md
	$(Q)cmp -s $< doc/abi.md || { cp $< doc/abi.md && echo "  UPDATE  doc/abi.md"; }
abi-doc-check: $(O)/gen/abi.md
	$(Q)cmp -s $< doc/abi.md || { echo "doc/abi.md is stale: run make abi-doc" >&2; exit 1; }
