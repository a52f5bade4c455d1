/* Every lab unit-test suite, one line each: SUITE (name) declares
   Suite *name_suite (void).  */
SUITE (policy)
SUITE (sim)
SUITE (trace)
