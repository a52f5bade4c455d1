# The real-programs tier (doc/porting.md, "Real programs"): third-party C
# programs built unmodified with tools/vg-cc and run by make check as
# the system tests real_* (tests/system/modules.list, root_boot.c).
# Their sources are fetched or unpacked at build time into $(O)/real and
# never committed:
#  * SQLite 3.50.4, the amalgamation in npm's better-sqlite3 (`npm pack`;
#    without the npm registry the build fails, loudly), compiled once
#    (about 70 s) into $(O)/real/sqlite/sqlite3.o, with our driver
#    tests/real/sqlite_check.c;
#  * test programs from newlib's own test suite, in Debian's
#    newlib-source tarball: each aborts on a failed check and exits 0.

REAL_DIR := $(O)/real
SQLITE_NPM := better-sqlite3@12.4.1
SQLITE_TGZ := $(REAL_DIR)/better-sqlite3-12.4.1.tgz
SQLITE_SRC := $(REAL_DIR)/sqlite/sqlite3.c
SQLITE_OBJ := $(REAL_DIR)/sqlite/sqlite3.o
# No threads, no extensions to load, no shared-memory WAL (it needs file
# mappings) and no memory-mapped I/O; SQLite's unix VFS does the rest
# through libc-port's POSIX calls.
SQLITE_CFLAGS := -O2 -w -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION \
	-DSQLITE_OMIT_WAL -DSQLITE_MAX_MMAP_SIZE=0

$(SQLITE_TGZ):
	@mkdir -p $(dir $@)
	$(Q)echo "  NPM     $(SQLITE_NPM)"
	$(Q)cd $(dir $@) && npm pack --silent $(SQLITE_NPM) >/dev/null || \
	  { echo "real programs: 'npm pack $(SQLITE_NPM)' failed: the real-programs tier needs the npm registry" >&2; exit 1; }
	$(Q)test -f $@ || { echo "real programs: npm pack left no $@" >&2; exit 1; }

$(SQLITE_SRC): $(SQLITE_TGZ)
	@mkdir -p $(dir $@)
	$(Q)tar -xzf $< -C $(dir $@) --strip-components=3 \
	  package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
	$(Q)touch $@

# The one slow compile: cached until the source or newlib changes.
$(SQLITE_OBJ): $(SQLITE_SRC) $(NEWLIB_STAMP) | $(SYSCALL_GEN_H)
	$(Q)echo "  NCC     sqlite3.c (about a minute, once)"
	$(Q)VG_BUILD=$(O) $(VG_CC) $(SQLITE_CFLAGS) -c $< -o $@

$(REAL_DIR)/sqlite_check.elf: tests/real/sqlite_check.c $(SQLITE_OBJ) \
		$(NEWLIB_ALL) activations/user.ld
	$(Q)echo "  NLD     $@"
	$(Q)VG_BUILD=$(O) $(VG_CC) $(NCFLAGS) -I$(REAL_DIR)/sqlite -o $@ $< \
	  $(SQLITE_OBJ)

# Its data modules: argv, the output file's name.
$(REAL_DIR)/sqlite/args: tests/real/Makefrag.mk
	@mkdir -p $(dir $@)
	$(Q)printf '%s\0' sqlite_check script.sql test.db result.txt >$@
$(REAL_DIR)/sqlite/outfiles: tests/real/Makefrag.mk
	@mkdir -p $(dir $@)
	$(Q)printf '%s\0' result.txt test.db >$@

# newlib's test programs: DIR/NAME under newlib/testsuite/newlib.DIR.
# Left out: wctype/twctrans (this newlib's towctrans_l calls _jp2uc_l,
# which its configuration does not build: it does not link), elix/tmmap
# (mmap of a file), iconv/* and locale/UTF-8 (not configured in).
NEWLIB_REAL_TESTS := string/tstring string/memcpy-1 string/memmove1 \
	string/strcmp-1 search/hsearchtest stdlib/atexit stdlib/size_max \
	stdio/nulprintf stdio/swprintf wctype/twctype wctype/tiswctype
NEWLIB_TESTSUITE := $(REAL_DIR)/newlib-testsuite
$(NEWLIB_TESTSUITE)/.unpacked: $(NEWLIB_TARBALL)
	@mkdir -p $(dir $@)
	$(Q)tar -xJf $< -C $(dir $@) --strip-components=3 --wildcards \
	  '*/newlib/testsuite/newlib.*' '*/newlib/testsuite/include/*'
	$(Q)touch $@
define newlib_real_rule
$(REAL_DIR)/nl/$(notdir $(1)).elf: $(NEWLIB_TESTSUITE)/.unpacked $(NEWLIB_ALL) activations/user.ld
	@mkdir -p $$(dir $$@)
	$$(Q)echo "  NLD     $$@"
	$$(Q)VG_BUILD=$(O) $(VG_CC) -w -I$(NEWLIB_TESTSUITE)/include -o $$@ \
	  $(NEWLIB_TESTSUITE)/newlib.$(dir $(1))$(notdir $(1)).c
endef
$(foreach t,$(NEWLIB_REAL_TESTS),$(eval $(call newlib_real_rule,$(t))))

REAL_PROGRAMS := $(REAL_DIR)/sqlite_check.elf $(REAL_DIR)/sqlite/args \
	$(REAL_DIR)/sqlite/outfiles \
	$(foreach t,$(NEWLIB_REAL_TESTS),$(REAL_DIR)/nl/$(notdir $(t)).elf)
.PHONY: real-programs
real-programs: $(REAL_PROGRAMS)
