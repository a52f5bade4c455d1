/* First-pass placeholder for the embedded kernel symbol table.  */
	.section .ksyms, "a"
	.balign 8
	.globl ksyms_count
ksyms_count:	.quad 0
	.globl ksyms_table
ksyms_table:
	.section .note.GNU-stack, "", @progbits
