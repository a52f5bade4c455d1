/* Every host unit-test suite, one line each: SUITE (name) declares
   Suite *name_suite (void), defined in test_name.c.  */
SUITE (vsnprintf)
SUITE (cmdline)
SUITE (memmap)
SUITE (pmm)
SUITE (syscall)
SUITE (user_elf)
SUITE (objstore)
SUITE (activity)
SUITE (elf)
SUITE (as)
SUITE (vgstart)
