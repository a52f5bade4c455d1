# The generator behind tools/gen-syscalls (read that file first).
# Portable awk (mawk, gawk, busybox): no gawk extensions.

function die(msg) {
	printf "%s:%s: %s\n", FILENAME, (at_eof ? "end of file" : FNR), msg > "/dev/stderr"
	failed = 1
	exit 1
}
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# Split "A : B : C" into parts[1..n], at most N parts (the last keeps
# any further colons).
function splitn(s, n, parts,   i, k) {
	for (i = 1; i < n; i++) {
		k = index(s, ":")
		if (k == 0) break
		parts[i] = trim(substr(s, 1, k - 1))
		s = substr(s, k + 1)
	}
	parts[i] = trim(s)
	return i
}
function kind(t) {
	if (index(t, "*")) return "ptr"
	if (t == "vg_addr_t" || t == "uint64_t" || t == "size_t") return "u64"
	if (t == "unsigned" || t == "uint32_t") return "u32"
	if (t == "int" || t == "int32_t") return "s32"
	return ""
}
function ktype(t) { return kind(t) == "ptr" ? "uaddr_t" : t }
# "const char *" + "buf" -> "const char *buf"
function decl(t, n) { return (t ~ /\*$/) ? t n : t " " n }
function upper(s) { return toupper(s) }
# TEXT folded into lines of at most 76 columns, each after PREFIX.
function wrap(text, prefix,   n, w, i, out, ln) {
	n = split(text, w, " ")
	out = ""; ln = prefix
	for (i = 1; i <= n; i++) {
		if (ln != prefix && length(ln) + 1 + length(w[i]) > 76) {
			out = out ln "\n"; ln = prefix
		}
		ln = ln (ln == prefix ? "" : " ") w[i]
	}
	return out ln
}
function params(c, kernel,   i, s, t) {
	if (nargs[c] == 0) return "void"
	s = ""
	for (i = 1; i <= nargs[c]; i++) {
		t = kernel ? ktype(atype[c, i]) : atype[c, i]
		s = s (i > 1 ? ", " : "") decl(t, aname[c, i])
	}
	return s
}

BEGIN {
	ncalls = 0; ngroups = 0; nconsts = 0; incall = 0; maxnr = -1
	regs[1] = "rdi"; regs[2] = "rsi"; regs[3] = "rdx"
	regs[4] = "r10"; regs[5] = "r8"; regs[6] = "r9"
}
{ sub(/#.*/, ""); line = trim($0) }
line == "" { next }
{
	kw = line; rest = ""
	k = index(line, " ")
	if (k) { kw = substr(line, 1, k - 1); rest = trim(substr(line, k + 1)) }
}
kw == "group" {
	if (incall) die("group inside a call")
	splitn(rest, 2, p)
	if (p[1] == "" || p[2] == "") die("usage: group NAME : TITLE")
	gtitle[++ngroups] = p[2]
	next
}
kw == "const" {
	if (incall) die("const inside a call")
	splitn(rest, 2, p)
	split(p[1], nv, " ")
	if (nv[1] !~ /^VG_[A-Z0-9_]+$/ || nv[2] == "") die("usage: const VG_NAME VALUE : TEXT")
	cname_[++nconsts] = nv[1]; cval[nconsts] = nv[2]; ctext[nconsts] = p[2]
	next
}
kw == "call" {
	if (incall) die("call inside a call (missing end)")
	if (ngroups == 0) die("call before any group")
	split(rest, nv, " ")
	if (nv[1] !~ /^[0-9]+$/ || nv[1] + 0 > 255) die("call number must be 0..255")
	if (nv[2] !~ /^[a-z][a-z0-9_]*$/) die("call name must be lower_snake")
	if ((nv[1] + 0) in bynr) die("call number " nv[1] " used twice")
	if (nv[2] in byname) die("call " nv[2] " defined twice")
	c = ++ncalls; incall = 1
	nr[c] = nv[1] + 0; name[c] = nv[2]; group[c] = ngroups
	bynr[nr[c]] = c; byname[name[c]] = c
	nargs[c] = 0; nerrs[c] = 0; doc[c] = ""; noret[c] = 0; status[c] = ""
	nrights[c] = 0
	if (nr[c] > maxnr) maxnr = nr[c]
	next
}
!incall { die("'" kw "' outside a call") }
kw == "doc" { doc[c] = doc[c] (doc[c] == "" ? "" : " ") rest; next }
kw == "in" || kw == "out" {
	if (splitn(rest, 3, p) != 3) die("usage: " kw " NAME : TYPE : TEXT")
	if (p[1] !~ /^[a-z][a-z0-9_]*$/) die("bad argument name " p[1])
	if (kind(p[2]) == "") die("unsupported argument type '" p[2] "'")
	if (kw == "out" && (kind(p[2]) != "ptr" || p[2] ~ /^const /))
		die("an out argument must be a non-const pointer")
	if (nargs[c] == 6) die("more than 6 arguments")
	i = ++nargs[c]
	aname[c, i] = p[1]; atype[c, i] = p[2]; atext[c, i] = p[3]; adir[c, i] = kw
	next
}
kw == "err" {
	splitn(rest, 2, p)
	if (p[1] !~ /^VG_E[A-Z]+$/ || p[2] == "") die("usage: err VG_Exxx : TEXT")
	i = ++nerrs[c]; ecode[c, i] = p[1]; etext[c, i] = p[2]
	next
}
kw == "right" {
	if (splitn(rest, 4, p) != 4 || p[4] == "")
		die("usage: right CAP : OBJECT : RIGHTS : TEXT")
	# CAP: an argument, path(ARG) for the cappages on the way to the slot
	# ARG names, or ARG.FIELD for a slot named in the struct ARG points to.
	a = p[1]
	if (a ~ /^path\([a-z_0-9]+\)$/) a = substr(a, 6, length(a) - 6)
	else if (a ~ /^[a-z_0-9]+\.[a-z_0-9]+$/) a = substr(a, 1, index(a, ".") - 1)
	found = 0
	for (i = 1; i <= nargs[c]; i++)
		if (aname[c, i] == a) found = 1
	if (!found) die("right: no argument " a " (declare it first)")
	if (p[2] !~ /^(any|page|cappage|thread|messenger|activity|folio)$/)
		die("right: OBJECT is any, page, cappage, thread, messenger, activity or folio")
	if (p[3] !~ /^(none|write|policy|write\+policy)$/)
		die("right: RIGHTS is none, write, policy or write+policy")
	i = ++nrights[c]
	rcap[c, i] = p[1]; robj[c, i] = p[2]; rneed[c, i] = p[3]; rtext[c, i] = p[4]
	next
}
kw == "noreturn" { noret[c] = 1; next }
kw == "status" {
	if (rest != "implemented" && rest != "unimplemented")
		die("status is implemented or unimplemented")
	status[c] = rest
	next
}
kw == "end" {
	if (doc[c] == "") die("call " name[c] " has no doc")
	if (status[c] == "") die("call " name[c] " has no status")
	incall = 0
	next
}
{ die("unknown keyword '" kw "'") }

END {
	if (failed) exit 1
	if (incall) { at_eof = 1; die("missing end") }
	tsize = maxnr + 1
	hdr = "Generated by tools/gen-syscalls from viengoos/abi/vg/syscalls.def;\n   do not edit."
	if (mode == "header") gen_header()
	else if (mode == "stubs") gen_stubs()
	else if (mode == "kernel-h") gen_kernel_h()
	else if (mode == "kernel-c") gen_kernel_c()
	else if (mode == "enosys") gen_enosys()
	else if (mode == "host-weak") gen_host_weak()
	else if (mode == "rights") gen_rights()
	else if (mode == "doc") gen_doc()
	else { printf "gen-syscalls: unknown mode %s\n", mode > "/dev/stderr"; exit 2 }
}

function gen_header(   c, i, g, lay) {
	printf "/* The system-call numbers and argument layout of Viengoos.\n   %s\n", hdr
	print "   The register convention is in <vg/syscall-trap.h>, the reference in"
	print "   doc/abi.md.  */"
	print "#ifndef VG_SYSCALL_H\n#define VG_SYSCALL_H\n"
	print "#include <stddef.h>\n#include <stdint.h>\n"
	print "#include <vg/error.h>\n#include <vg/addr.h>\n#include <vg/cap-info.h>"
	print "#include <vg/exregs.h>\n#include <vg/msg.h>\n"
	print "/* Defined by the object store's ABI headers.  */"
	print "struct vg_activity_policy;\nstruct vg_activity_stats;\nstruct vg_mm_stats;\nstruct vg_entry_stats;\n"
	for (i = 1; i <= nconsts; i++)
		printf "/* %s.  */\n#define %s %s\n", ctext[i], cname_[i], cval[i]
	g = 0
	for (c = 1; c <= ncalls; c++) {
		if (group[c] != g) { g = group[c]; printf "\n/* %s.  */\n", gtitle[g] }
		lay = ""
		for (i = 1; i <= nargs[c]; i++)
			lay = lay " " regs[i] "=" aname[c, i]
		printf "#define VG_SYS_%s %d /*%s */\n", upper(name[c]), nr[c], (lay == "" ? " no arguments" : lay)
		printf "#define VG_SYS_%s_NARGS %d\n", upper(name[c]), nargs[c]
	}
	printf "\n/* Numbers are below VG_SYS_TABLE_SIZE; VG_SYS_COUNT calls exist.  */\n"
	printf "#define VG_SYS_TABLE_SIZE %d\n#define VG_SYS_COUNT %d\n\n", tsize, ncalls
	print "/* X (NUMBER, NAME, NARGS) for every call, in number order.  */"
	printf "#define VG_SYSCALLS(X)"
	for (n = 0; n < tsize; n++)
		if (n in bynr)
			printf " \\\n  X (%d, %s, %d)", n, name[bynr[n]], nargs[bynr[n]]
	print "\n\n#endif"
}

function gen_stubs(   c, i, a) {
	printf "/* User-side system-call stubs: vg_NAME issues call NAME.\n   %s  */\n", hdr
	print "#ifndef VG_STUBS_H\n#define VG_STUBS_H\n"
	print "#include <vg/syscall.h>\n#include <vg/syscall-trap.h>"
	for (c = 1; c <= ncalls; c++) {
		t = doc[c] (noret[c] ? "  Does not return on success." : "")
		printf "\n/* %s  */\n", substr(wrap(t, "   "), 4)
		printf "static inline vg_error_t\nvg_%s (%s)\n{\n", name[c], params(c, 0)
		printf "  return (vg_error_t)VG_SYSCALL_TRAP (VG_SYS_%s", upper(name[c])
		for (i = 1; i <= 6; i++) {
			if (i > nargs[c]) { printf ", 0"; continue }
			a = aname[c, i]
			k = kind(atype[c, i])
			if (k == "ptr") printf ", (uint64_t)(uintptr_t)%s", a
			else if (k == "s32") printf ", (uint64_t)(int64_t)%s", a
			else printf ", (uint64_t)%s", a
		}
		print ");\n}"
	}
	print "\n#endif"
}

function gen_kernel_h(   c) {
	printf "/* The kernel's system-call handlers, one per call.\n   %s\n", hdr
	print "   User pointers arrive as uaddr_t: copy through usercopy, never"
	print "   dereference.  Each handler decodes (checks every argument) before it"
	print "   changes any state, and returns a vg_error_t.  */"
	print "#ifndef VG_SYSCALL_HANDLERS_H\n#define VG_SYSCALL_HANDLERS_H\n"
	print "#include \"sys/dispatch.h\"\n"
	for (c = 1; c <= ncalls; c++) {
		printf "/* %d: %s */\n", nr[c], (status[c] == "implemented" ? "implemented" : "not implemented: the default returns VG_ENOSYS")
		printf "vg_error_t sys_%s (%s);\n", name[c], params(c, 1)
	}
	print "\n#endif"
}

function gen_kernel_c(   c, i, k, sep) {
	printf "/* The system-call decoder: one function per call turning the six\n"
	printf "   argument registers into typed arguments, and the table indexed by\n"
	printf "   number that syscall_invoke() uses.\n   %s  */\n", hdr
	print "#include \"syscall-handlers.h\""
	for (c = 1; c <= ncalls; c++) {
		printf "\nstatic uint64_t\ndecode_%s (const uint64_t a[6])\n{\n", name[c]
		if (nargs[c] == 0) print "  (void)a;"
		for (i = 1; i <= nargs[c]; i++) {
			k = kind(atype[c, i])
			if (k == "u32")
				printf "  if (a[%d] >> 32)\n    return VG_EINVAL;\n", i - 1
			else if (k == "s32")
				printf "  if ((uint64_t)(int64_t)(int32_t)a[%d] != a[%d])\n    return VG_EINVAL;\n", i - 1, i - 1
		}
		printf "  return (uint64_t)(int64_t)sys_%s (", name[c]
		for (i = 1; i <= nargs[c]; i++)
			printf "%s(%s)a[%d]", (i > 1 ? ", " : ""), ktype(atype[c, i]), i - 1
		print ");\n}"
	}
	printf "\nconst struct syscall_desc syscall_table[VG_SYS_TABLE_SIZE] = {\n"
	for (c = 1; c <= ncalls; c++)
		printf "  [VG_SYS_%s] = { \"%s\", %d, %s, %s, decode_%s },\n", upper(name[c]), name[c], nargs[c], (status[c] == "implemented" ? "true" : "false"), (noret[c] ? "true" : "false"), name[c]
	print "};"
	print "\nconst unsigned syscall_table_size = VG_SYS_TABLE_SIZE;"
}

function gen_enosys(   c, i) {
	printf "/* Default handlers for the calls syscalls.def marks unimplemented:\n"
	printf "   an honest \"not implemented\".  A real handler for one of these is\n"
	printf "   a duplicate symbol until the call's status becomes implemented.\n"
	printf "   %s  */\n", hdr
	print "#include \"syscall-handlers.h\""
	for (c = 1; c <= ncalls; c++) {
		if (status[c] != "unimplemented") continue
		printf "\nvg_error_t\nsys_%s (%s)\n{\n", name[c], params(c, 1)
		for (i = 1; i <= nargs[c]; i++)
			printf "  (void)%s;\n", aname[c, i]
		print "  return VG_ENOSYS;\n}"
	}
}

function gen_host_weak(   c, i) {
	printf "/* Host: weak stand-ins for every system-call handler, returning\n"
	printf "   VG_ENOSYS.  The real handlers need the running kernel (a scheduler,\n"
	printf "   user memory); a unit test defines the ones it exercises.\n   %s  */\n", hdr
	print "#include \"syscall-handlers.h\""
	for (c = 1; c <= ncalls; c++) {
		printf "\n__attribute__ ((weak)) vg_error_t\nsys_%s (%s)\n{\n", name[c], params(c, 1)
		for (i = 1; i <= nargs[c]; i++)
			printf "  (void)%s;\n", aname[c, i]
		print "  return VG_ENOSYS;\n}"
	}
}

function rights_c(r) {
	if (r == "none") return "0"
	if (r == "write") return "VG_RIGHT_WRITE"
	if (r == "policy") return "VG_RIGHT_POLICY"
	return "VG_RIGHT_WRITE | VG_RIGHT_POLICY"
}
function gen_rights(   c, i, n) {
	printf "/* The rights each call needs on each cap it is given: one cell per\n"
	printf "   `right` line of syscalls.def, for the test that checks every cell\n"
	printf "   in the kernel (tests/user/rights.c).\n   %s  */\n", hdr
	print "#ifndef VG_RIGHTS_CELLS_H\n#define VG_RIGHTS_CELLS_H\n"
	print "#include <vg/cap.h>\n#include <vg/syscall.h>\n"
	print "struct vg_rights_cell\n{\n  unsigned call;      /* VG_SYS_* */\n  const char *name;  /* the call */\n  const char *cap;   /* the argument, path(ARG) or ARG.FIELD */\n  const char *object;\n  unsigned needs;    /* VG_RIGHT_* bits; 0: none */\n};\n"
	print "static const struct vg_rights_cell vg_rights_cells[] = {"
	n = 0
	for (c = 1; c <= ncalls; c++)
		for (i = 1; i <= nrights[c]; i++) {
			printf "  { VG_SYS_%s, \"%s\", \"%s\", \"%s\", %s },\n", upper(name[c]), name[c], rcap[c, i], robj[c, i], rights_c(rneed[c, i])
			n++
		}
	print "};\n"
	printf "#define VG_RIGHTS_NCELLS %d\n\n#endif\n", n
}

function gen_doc(   c, i, g, n, st) {
	print "<!-- Generated by tools/gen-syscalls from viengoos/abi/vg/syscalls.def"
	print "     (`make abi-doc` rewrites it; `make check` fails if it is stale).  -->"
	print ""
	print "### Summary\n"
	print "| nr | call | arguments | kernel |"
	print "| ---: | --- | --- | --- |"
	for (n = 0; n < tsize; n++) {
		if (!(n in bynr)) continue
		c = bynr[n]
		printf "| %d | [`%s`](#%s) | `%s` | %s |\n", n, name[c], name[c], params(c, 0), (status[c] == "implemented" ? "implemented" : "**not implemented** (VG_ENOSYS)")
	}
	print "\n### Rights\n"
	print "What each call needs on each cap it is given (`right` lines in"
	print "syscalls.def; `root_rights` checks every cell in the kernel: without"
	print "a needed right the call fails with `VG_EPERM`, with all rights it does"
	print "not).  WRITE changes an object or makes an activity pay; POLICY"
	print "changes how an activity is weighed (sibling policy, quota).  A cap"
	print "slot's path (`path(ARG)`) is every cappage on the way to the slot.\n"
	print "| call | cap | object | needs | |"
	print "| --- | --- | --- | --- | --- |"
	for (c = 1; c <= ncalls; c++)
		for (i = 1; i <= nrights[c]; i++)
			printf "| [`%s`](#%s) | `%s` | %s | %s | %s |\n", name[c], name[c], rcap[c, i], robj[c, i], (rneed[c, i] == "none" ? "nothing" : toupper(rneed[c, i])), rtext[c, i]
	print "\nConstants:\n"
	for (i = 1; i <= nconsts; i++)
		printf "* `%s` = %s: %s.\n", cname_[i], cval[i], ctext[i]
	g = 0
	for (c = 1; c <= ncalls; c++) {
		if (group[c] != g) { g = group[c]; printf "\n### %s\n", gtitle[g] }
		printf "\n#### %s\n\n", name[c]
		printf "`vg_error_t vg_%s (%s);` — number %d (`VG_SYS_%s`)", name[c], params(c, 0), nr[c], upper(name[c])
		printf "%s.\n\n", (status[c] == "implemented" ? "" : ", **not implemented yet: returns VG_ENOSYS**")
		printf "%s%s\n", doc[c], (noret[c] ? "  Does not return on success." : "")
		if (nargs[c] > 0) {
			print "\n| register | argument | type | |"
			print "| --- | --- | --- | --- |"
			for (i = 1; i <= nargs[c]; i++)
				printf "| %s | `%s` | `%s` | %s%s |\n", regs[i], aname[c, i], atype[c, i], (adir[c, i] == "out" ? "out: " : ""), atext[c, i]
		}
		print "\nErrors:\n"
		for (i = 1; i <= nerrs[c]; i++)
			printf "* `%s`: %s.\n", ecode[c, i], etext[c, i]
		for (i = 1; i <= nargs[c]; i++)
			if (kind(atype[c, i]) == "u32" || kind(atype[c, i]) == "s32") {
				printf "* `VG_EINVAL` (decoder): a 32-bit argument is not properly extended.\n"
				break
			}
		if (status[c] != "implemented")
			print "* `VG_ENOSYS`: always, for now (no kernel handler yet)."
		if (nerrs[c] == 0 && status[c] == "implemented") print "* none."
	}
}
