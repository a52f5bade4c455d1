/* Unit tests for the system-call decoder and the generated tables: unknown
   numbers, argument order and width checks, the user stubs run through
   the decoder, and agreement with abi/vg/syscalls.def.  */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "syscall-handlers.h"

/* Whether the last call's result went to rax (syscall_invoke).  */
static bool set_rax;

/* Run the user stubs on the host: the "trap" goes straight to the
   decoder.  */
static uint64_t
test_trap (uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
           uint64_t a4, uint64_t a5)
{
  const uint64_t args[6] = { a0, a1, a2, a3, a4, a5 };
  return syscall_invoke (nr, args, &set_rax);
}
#define VG_SYSCALL_TRAP test_trap
#include <vg/stubs.h>

/* What the last test handler saw.  */
static const char *seen_call;
static uint64_t seen[6];

static void
record (const char *name, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
        uint64_t a4)
{
  seen_call = name;
  seen[0] = a0, seen[1] = a1, seen[2] = a2, seen[3] = a3, seen[4] = a4;
}

/* Test handlers; the other calls keep the weak VG_ENOSYS defaults.  */
vg_error_t
sys_debug_write (uaddr_t buf, size_t len)
{
  record ("debug_write", buf, len, 0, 0, 0);
  return VG_OK;
}

vg_error_t
sys_object_alloc (vg_addr_t folio, unsigned slot, unsigned type,
                  unsigned policy, vg_addr_t dst_slot)
{
  record ("object_alloc", folio, slot, type, policy, dst_slot);
  return VG_EQUOTA;
}

vg_error_t
sys_thread_exit (int status)
{
  record ("thread_exit", (uint64_t)(int64_t)status, 0, 0, 0, 0);
  return VG_OK;
}

vg_error_t
sys_messenger_call (vg_addr_t messenger, uaddr_t req, uaddr_t reply,
                    uint64_t timeout_ns)
{
  record ("messenger_call", messenger, req, reply, timeout_ns, 0);
  return VG_ETIMEDOUT;
}

static void
reset (void)
{
  seen_call = NULL;
  memset (seen, 0, sizeof seen);
}

START_TEST (unknown_numbers)
{
  const uint64_t args[6] = { 1, 2, 3, 4, 5, 6 };
  const uint64_t bad[]
      = { 13, 15, 99, VG_SYS_TABLE_SIZE, 1ull << 32, UINT64_MAX };
  for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      ck_assert_uint_eq (syscall_invoke (bad[i], args, &set_rax), VG_ENOSYS);
      ck_assert_ptr_null (syscall_lookup (bad[i]));
    }
}
END_TEST

START_TEST (unimplemented_default)
{
  const uint64_t args[6] = { 0 };
  reset ();
  ck_assert_uint_eq (syscall_invoke (VG_SYS_YIELD, args, &set_rax), VG_ENOSYS);
  ck_assert_uint_eq (syscall_invoke (VG_SYS_CAP_INFO, args, &set_rax),
                     VG_ENOSYS);
  ck_assert_ptr_null (seen_call);
  ck_assert_int_eq (vg_yield (), VG_ENOSYS);
}
END_TEST

START_TEST (argument_order)
{
  const uint64_t args[6] = { VG_ADDR (0x123456000, 4),  7, 3, 0xffffffff,
                             VG_ADDR (0xab00000000, 2), 99 };
  reset ();
  ck_assert_uint_eq (syscall_invoke (VG_SYS_OBJECT_ALLOC, args, &set_rax),
                     VG_EQUOTA);
  ck_assert_str_eq (seen_call, "object_alloc");
  for (int i = 0; i < 5; i++)
    ck_assert_uint_eq (seen[i], args[i]);

  const uint64_t margs[6] = { 11, 22, 33, UINT64_MAX, 55, 66 };
  ck_assert_uint_eq (syscall_invoke (VG_SYS_MESSENGER_CALL, margs, &set_rax),
                     VG_ETIMEDOUT);
  ck_assert_str_eq (seen_call, "messenger_call");
  for (int i = 0; i < 4; i++)
    ck_assert_uint_eq (seen[i], margs[i]);
}
END_TEST

START_TEST (narrow_arguments)
{
  /* An unsigned argument with upper bits set is rejected before the
     handler runs.  */
  uint64_t args[6] = { VG_ADDR (0x1000, 4), 1ull << 32, 0, 0, 0, 0 };
  reset ();
  ck_assert_uint_eq (syscall_invoke (VG_SYS_OBJECT_ALLOC, args, &set_rax),
                     VG_EINVAL);
  ck_assert_ptr_null (seen_call);

  /* A sign-extended int passes; one that is not is rejected.  */
  uint64_t e[6] = { (uint64_t)-5, 0, 0, 0, 0, 0 };
  ck_assert_uint_eq (syscall_invoke (VG_SYS_THREAD_EXIT, e, &set_rax), VG_OK);
  ck_assert_uint_eq (seen[0], (uint64_t)-5);
  /* thread_exit is noreturn: its success leaves rax alone; its failure
     and every other call's result go to rax.  */
  ck_assert (!set_rax);
  reset ();
  e[0] = 0x80000000u;
  ck_assert_uint_eq (syscall_invoke (VG_SYS_THREAD_EXIT, e, &set_rax),
                     VG_EINVAL);
  ck_assert (set_rax);
  ck_assert_uint_eq (syscall_invoke (VG_SYS_OBJECT_ALLOC, args, &set_rax),
                     VG_EINVAL);
  ck_assert (set_rax);
  ck_assert_ptr_null (seen_call);
}
END_TEST

START_TEST (user_stubs)
{
  static const char text[] = "hello";
  reset ();
  ck_assert_int_eq (vg_debug_write (text, 5), VG_OK);
  ck_assert_str_eq (seen_call, "debug_write");
  ck_assert_uint_eq (seen[0], (uintptr_t)text);
  ck_assert_uint_eq (seen[1], 5);

  ck_assert_int_eq (
      vg_object_alloc (VG_ADDR (0x5000, 4), 127, 2, 0x80000001u, VG_ADDR_VOID),
      VG_EQUOTA);
  ck_assert_uint_eq (seen[0], VG_ADDR (0x5000, 4));
  ck_assert_uint_eq (seen[1], 127);
  ck_assert_uint_eq (seen[2], 2);
  ck_assert_uint_eq (seen[3], 0x80000001u);
  ck_assert_uint_eq (seen[4], VG_ADDR_VOID);

  ck_assert_int_eq (vg_thread_exit (-1), VG_OK);
  ck_assert_uint_eq (seen[0], UINT64_MAX);

  struct vg_msg req, reply;
  ck_assert_int_eq (vg_messenger_call (VG_ADDR (0x7000, 4), &req, &reply, 9),
                    VG_ETIMEDOUT);
  ck_assert_uint_eq (seen[1], (uintptr_t)&req);
  ck_assert_uint_eq (seen[2], (uintptr_t)&reply);
  ck_assert_uint_eq (seen[3], 9);
}
END_TEST

START_TEST (table_matches_header)
{
  unsigned n = 0;
#define X(nr_, name_, nargs_)                                                 \
  do                                                                          \
    {                                                                         \
      const struct syscall_desc *d = syscall_lookup (nr_);                    \
      ck_assert_ptr_nonnull (d);                                              \
      ck_assert_str_eq (d->name, #name_);                                     \
      ck_assert_uint_eq (d->nargs, nargs_);                                   \
      n++;                                                                    \
    }                                                                         \
  while (0);
  VG_SYSCALLS (X)
#undef X
  ck_assert_uint_eq (n, VG_SYS_COUNT);
  unsigned present = 0;
  for (unsigned i = 0; i < syscall_table_size; i++)
    present += syscall_lookup (i) != NULL;
  ck_assert_uint_eq (present, VG_SYS_COUNT);
  ck_assert_uint_eq (syscall_table_size, VG_SYS_TABLE_SIZE);
}
END_TEST

/* Read syscalls.def itself: every "call NUMBER NAME" is in the table
   under that number, and nothing else is.  */
START_TEST (table_matches_definition)
{
  FILE *f = fopen (SYSCALLS_DEF_PATH, "r");
  ck_assert_msg (f != NULL, "cannot open %s", SYSCALLS_DEF_PATH);
  char line[512];
  unsigned calls = 0;
  while (fgets (line, sizeof line, f))
    {
      unsigned nr;
      char name[64];
      if (sscanf (line, " call %u %63s", &nr, name) != 2)
        continue;
      const struct syscall_desc *d = syscall_lookup (nr);
      ck_assert_msg (d != NULL, "call %u %s missing from the table", nr, name);
      ck_assert_str_eq (d->name, name);
      calls++;
    }
  fclose (f);
  ck_assert_uint_eq (calls, VG_SYS_COUNT);
}
END_TEST

START_TEST (addresses)
{
  vg_addr_t a = VG_ADDR (0x0000012345678000ull, 4);
  ck_assert_uint_eq (vg_addr_va (a), 0x12345678000ull);
  ck_assert_uint_eq (vg_addr_depth (a), 4);
  ck_assert_uint_eq (vg_addr_index (a, 1), 0x12);
  ck_assert_uint_eq (vg_addr_index (a, 2), 0x34);
  ck_assert_uint_eq (vg_addr_index (a, 3), 0x56);
  ck_assert_uint_eq (vg_addr_index (a, 4), 0x78);
  ck_assert (vg_addr_valid (a));
  ck_assert (vg_addr_valid (VG_ADDR_VOID));
  ck_assert (vg_addr_valid (VG_ADDR (0xab000000000ull, 1)));
  ck_assert (!vg_addr_valid (VG_ADDR (0xab100000000ull, 1)));
  ck_assert (!vg_addr_valid (VG_ADDR (0x100000000000ull, 4)));
  ck_assert (!vg_addr_valid (VG_ADDR (0x1000, 5)));
  ck_assert (!vg_addr_valid (VG_ADDR (0x1000, 4) | 0x10));
}
END_TEST

Suite *syscall_suite (void);

Suite *
syscall_suite (void)
{
  Suite *s = suite_create ("syscall");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, unknown_numbers);
  tcase_add_test (tc, unimplemented_default);
  tcase_add_test (tc, argument_order);
  tcase_add_test (tc, narrow_arguments);
  tcase_add_test (tc, user_stubs);
  tcase_add_test (tc, table_matches_header);
  tcase_add_test (tc, table_matches_definition);
  tcase_add_test (tc, addresses);
  suite_add_tcase (s, tc);
  return s;
}
