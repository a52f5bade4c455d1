/* qprof: a QEMU TCG plugin that counts how often each guest instruction
   runs, for `make profile' (tools/profile symbolises its output).  The
   counts are guest instructions, like -icount, so a profile is as
   deterministic as the benchmarks are.

   Arguments (-plugin qprof.so,ARG,...):
     out=FILE     where the counts go (default qprof.out): one line
                  "ADDRESS COUNT" per instruction address that ran;
     start=ADDR   count only from each execution of the instruction at
     stop=ADDR    ADDR (hex) to the next of STOP (windows add up);
                  without them, the whole run.

   QEMU's Debian package has plugin support but ships no header, so the
   few entry points used are declared here, as the plugin ABI (version 1,
   QEMU 7.2) defines them.  Addresses are virtual: kernel code is in the
   upper half, and the user programs of one test share the lower half
   (a test with several programs mixes their counts).  */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct
{
  const char *target_name;
  struct
  {
    int min, cur;
  } version;
  bool system_emulation;
  union
  {
    struct
    {
      int smp_vcpus, max_vcpus;
    } system;
  };
} qemu_info_t;
enum qemu_plugin_op
{
  QEMU_PLUGIN_INLINE_ADD_U64
};
enum
{
  QEMU_PLUGIN_CB_NO_REGS
};

extern size_t qemu_plugin_tb_n_insns (const struct qemu_plugin_tb *tb);
extern struct qemu_plugin_insn *
qemu_plugin_tb_get_insn (const struct qemu_plugin_tb *tb, size_t i);
extern uint64_t qemu_plugin_insn_vaddr (const struct qemu_plugin_insn *in);
extern void
qemu_plugin_register_vcpu_insn_exec_inline (struct qemu_plugin_insn *in,
                                            enum qemu_plugin_op op, void *ptr,
                                            uint64_t imm);
extern void qemu_plugin_register_vcpu_insn_exec_cb (
    struct qemu_plugin_insn *in, void (*cb) (unsigned vcpu, void *udata),
    int flags, void *udata);
extern void qemu_plugin_register_vcpu_tb_trans_cb (
    qemu_plugin_id_t id,
    void (*cb) (qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
extern void qemu_plugin_register_atexit_cb (qemu_plugin_id_t id,
                                            void (*cb) (qemu_plugin_id_t id,
                                                        void *udata),
                                            void *udata);

#define EXPORT __attribute__ ((visibility ("default")))
EXPORT int qemu_plugin_version = 1;

/* One counter per instruction address, in an open-addressed table that
   never moves (the translated code holds pointers into it).  */
#define SLOTS (1u << 20)
static uint64_t *keys; /* Address + 1; 0: empty.  */
static uint64_t *counts, *window_start, *total;
static uint64_t start_pc, stop_pc;
static bool in_window;
static unsigned windows;
static const char *out_path = "qprof.out";

static uint64_t *
counter (uint64_t va)
{
  uint64_t h = (va * 0x9e3779b97f4a7c15ull) >> 44;
  for (uint64_t n = 0; n < SLOTS; n++, h = (h + 1) & (SLOTS - 1))
    if (keys[h] == va + 1 || keys[h] == 0)
      {
        keys[h] = va + 1;
        return &counts[h];
      }
  fprintf (stderr, "qprof: more than %u instruction addresses\n", SLOTS);
  exit (1);
}

static void
window_open (unsigned vcpu, void *udata)
{
  (void)vcpu, (void)udata;
  if (in_window)
    return;
  memcpy (window_start, counts, SLOTS * sizeof *counts);
  in_window = true;
}

static void
window_close (unsigned vcpu, void *udata)
{
  (void)vcpu, (void)udata;
  if (!in_window)
    return;
  for (uint64_t h = 0; h < SLOTS; h++)
    total[h] += counts[h] - window_start[h];
  in_window = false;
  windows++;
}

static void
translated (qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
  (void)id;
  size_t n = qemu_plugin_tb_n_insns (tb);
  for (size_t i = 0; i < n; i++)
    {
      struct qemu_plugin_insn *in = qemu_plugin_tb_get_insn (tb, i);
      uint64_t va = qemu_plugin_insn_vaddr (in);
      qemu_plugin_register_vcpu_insn_exec_inline (
          in, QEMU_PLUGIN_INLINE_ADD_U64, counter (va), 1);
      if (start_pc && va == start_pc)
        qemu_plugin_register_vcpu_insn_exec_cb (in, window_open,
                                                QEMU_PLUGIN_CB_NO_REGS, NULL);
      if (start_pc && va == stop_pc)
        qemu_plugin_register_vcpu_insn_exec_cb (in, window_close,
                                                QEMU_PLUGIN_CB_NO_REGS, NULL);
    }
}

static void
finished (qemu_plugin_id_t id, void *udata)
{
  (void)id, (void)udata;
  FILE *f = fopen (out_path, "w");
  if (!f)
    {
      perror (out_path);
      return;
    }
  const uint64_t *c = start_pc ? total : counts;
  for (uint64_t h = 0; h < SLOTS; h++)
    if (keys[h] && c[h])
      fprintf (f, "%llx %llu\n", (unsigned long long)(keys[h] - 1),
               (unsigned long long)c[h]);
  fclose (f);
  if (start_pc)
    fprintf (stderr, "qprof: %u window(s)\n", windows);
}

EXPORT int
qemu_plugin_install (qemu_plugin_id_t id, const qemu_info_t *info, int argc,
                     char **argv)
{
  (void)info;
  for (int i = 0; i < argc; i++)
    if (!strncmp (argv[i], "out=", 4))
      out_path = argv[i] + 4;
    else if (!strncmp (argv[i], "start=", 6))
      start_pc = strtoull (argv[i] + 6, NULL, 16);
    else if (!strncmp (argv[i], "stop=", 5))
      stop_pc = strtoull (argv[i] + 5, NULL, 16);
    else
      {
        fprintf (stderr, "qprof: unknown argument %s\n", argv[i]);
        return -1;
      }
  if (!start_pc != !stop_pc)
    {
      fprintf (stderr, "qprof: start= and stop= go together\n");
      return -1;
    }
  keys = calloc (SLOTS, sizeof *keys);
  counts = calloc (SLOTS, sizeof *counts);
  window_start = calloc (SLOTS, sizeof *counts);
  total = calloc (SLOTS, sizeof *counts);
  if (!keys || !counts || !window_start || !total)
    return -1;
  qemu_plugin_register_vcpu_tb_trans_cb (id, translated);
  qemu_plugin_register_atexit_cb (id, finished, NULL);
  return 0;
}
