/* The fuzz threads of fuzz_syscalls.c: random system calls with
   arguments drawn from interesting sets, never destroying a protected
   cap (see fuzz_pool.h).  */
#include <vg/cap-info.h>
#include <vg/cap.h>
#include <vg/exregs.h>
#include <vg/object.h>
#include <vg/syscall-trap.h>
#include <vg/syscall.h>

#include "fuzz_pool.h"

#define KADDR1 0xffffffff80100000ull
#define KADDR2 0xffff800000000000ull

struct fstate
{
  uint64_t rng;
  int phase, entries;
  struct vg_act_regs good;
  uint8_t fpu[512] __attribute__ ((aligned (64)));
};

static struct fstate fs[NFUZZ];
static uint8_t bufs[NFUZZ][2][4096] __attribute__ ((aligned (4096)));

static uint64_t
rnd (struct fstate *f)
{
  uint64_t x = f->rng;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return f->rng = x;
}

static unsigned
pick (struct fstate *f, unsigned n)
{
  return (unsigned)(rnd (f) % n);
}

static uint64_t
stock_va (unsigned k)
{
  return VG_BOOT_CAPS_VA + ((uint64_t)(STOCK0 + k) << 28);
}

/* A malformed, empty or foreign cap address (never one in the caps,
   text, data or stack regions).  */
static vg_addr_t
bad_addr (struct fstate *f)
{
  static const vg_addr_t set[] = {
    VG_ADDR_VOID,
    0x123,
    0x5,
    0xf,
    VG_ADDR (0x400000, 4) | 0x10,
    (1ull << 63) | 2,
    (1ull << 50) | 2,
    KADDR1 | 4,
    KADDR2 | 1,
    ~0ull,
    VG_ADDR (0x3000000000ull, 1),
    VG_ADDR (0x3000000000ull, 4),
    VG_ADDR (0x5000000000ull, 2),
    VG_ADDR (0x6000000000ull, 1),
    VG_ADDR (0xfff0000000ull, 3),
  };
  unsigned n = sizeof set / sizeof set[0];
  unsigned k = pick (f, n + 1);
  if (k == n)
    return rnd (f) | (1ull << 60);
  return set[k];
}

/* Protected caps: only ever read.  */
static vg_addr_t
prot_addr (struct fstate *f)
{
  switch (pick (f, 10))
    {
    case 0:
      return VG_BOOT_CAP (pick (f, 8));
    case 1:
      return VG_BOOT_CAP (VG_BOOT_CAP_FREE + pick (f, 4));
    case 2:
      return VG_ADDR (0x400000, 1 + pick (f, 4));
    case 3:
      return VG_ADDR ((uint64_t)&fz & ~0xfffull, 4);
    case 4:
      return VG_ADDR (VG_BOOT_STACK_TOP - 4096, 4);
    case 5:
      return VG_ADDR (VG_BOOT_CAPS_VA, 1);
    case 6:
      return VG_ADDR (VG_BOOT_INFO_VA, 4);
    default:
      return VG_BOOT_CAP (SINK0 + pick (f, NSINK));
    }
}

/* A slot the fuzzers own: the stock, and slots in stock cappages.  */
static vg_addr_t
stock_addr (struct fstate *f)
{
  unsigned k = pick (f, NSTOCK);
  switch (pick (f, 6))
    {
    case 0:
      return VG_ADDR (stock_va (k) + ((uint64_t)pick (f, 256) << 20), 3);
    case 1:
      return VG_ADDR (stock_va (k) + ((uint64_t)pick (f, 4) << 20)
                          + ((uint64_t)pick (f, 4) << 12),
                      4);
    default:
      return VG_BOOT_CAP (STOCK0 + k);
    }
}

static vg_addr_t
tgt_addr (struct fstate *f)
{
  return pick (f, 5) ? stock_addr (f) : bad_addr (f);
}

static vg_addr_t
any_addr (struct fstate *f)
{
  unsigned k = pick (f, 8);
  return k < 2 ? prot_addr (f) : tgt_addr (f);
}

/* An activity to charge: the fuzz activity, a stock one, or junk.  */
static vg_addr_t
act_addr (struct fstate *f)
{
  return pick (f, 3) ? tgt_addr (f) : FUZZ_ACT;
}

static uint64_t
num (struct fstate *f)
{
  static const uint64_t set[] = {
    0,          1,          2,    3,          4,     5,
    6,          7,          8,    16,         64,    127,
    128,        255,        256,  4095,       4096,  4097,
    0x7fffffff, 0x80000000, ~0u,  1ull << 32, ~0ull, ~0ull - 1,
    1ull << 63, KADDR1,     0x1f, 0x3,        0xc0,  0x80,
  };
  unsigned n = sizeof set / sizeof set[0];
  unsigned k = pick (f, n + 1);
  return k == n ? rnd (f) : set[k];
}

static uint64_t
timeout (struct fstate *f)
{
  static const uint64_t set[] = { 0, 1, 1000, 100000, 0 };
  return set[pick (f, 5)];
}

/* A cap slot field of a message: a junk value that happens to be a
   well-formed address (num () gives 1..4, i.e. VG_ADDR (0, 1..4): the
   slots holding the root task's own text and data) would let a
   receive install a cap over the tree we share, legitimately (seed
   17014 put a reply cap at VG_ADDR (0, 2)); make it a target instead.  */
static vg_addr_t
slot_field (struct fstate *f, vg_addr_t junk)
{
  return junk != VG_ADDR_VOID && vg_addr_valid (junk) ? tgt_addr (f) : junk;
}

/* Fill BUF (a vg_msg or any struct) with junk and plausible fields.  */
static void
fill_buf (struct fstate *f, uint8_t *buf)
{
  for (unsigned i = 0; i < 512; i += 8)
    *(uint64_t *)(buf + i) = pick (f, 2) ? num (f) : rnd (f);
  struct vg_msg *m = (struct vg_msg *)buf;
  if (pick (f, 3))
    {
      m->nwords = pick (f, 4) ? pick (f, VG_MSG_WORDS + 1) : (uint32_t)num (f);
      m->ncaps = pick (f, 4) ? pick (f, VG_MSG_CAPS + 1) : (uint32_t)num (f);
      for (int i = 0; i < VG_MSG_CAPS; i++)
        m->caps[i] = tgt_addr (f);
      m->reply = tgt_addr (f);
    }
  else
    {
      for (int i = 0; i < VG_MSG_CAPS; i++)
        m->caps[i] = slot_field (f, m->caps[i]);
      m->reply = slot_field (f, m->reply);
    }
}

/* A pointer the kernel reads from or writes to.  */
static uint64_t
ptr (struct fstate *f, int i)
{
  uint8_t *b = bufs[i][pick (f, 2)];
  switch (pick (f, 12))
    {
    case 0:
      return 0;
    case 1:
      return KADDR1;
    case 2:
      return KADDR2;
    case 3:
      return 0x400000; /* Our text: read-only.  */
    case 4:
      return 0x7000000000ull; /* Unmapped.  */
    case 5:
      return (1ull << 47) - 8; /* The last user bytes.  */
    case 6:
      return (uint64_t)b + 4096 - 1 - pick (f, 64);
    case 7:
      return VG_BOOT_INFO_VA;
    case 8:
      return (uint64_t)b + pick (f, 7);
    default:
      fill_buf (f, b);
      return (uint64_t)b;
    }
}

/* Activation-area fuzzing: the handler scribbles on the area's header,
   queue and saved registers, then returns; a resume that faults comes
   back here and the good state is put back.  */
void fuzz_act_entry (void);
void fuzz_act_handler (struct vg_activation_area *a, struct vg_act_event *ev)
    __attribute__ ((noreturn, used));
__asm__(".text\n.globl fuzz_act_entry\nfuzz_act_entry:\n"
        "  call fuzz_act_handler\n  ud2\n");

static uint64_t
bad_ptr (struct fstate *f)
{
  static const uint64_t set[]
      = { 0,      1,          KADDR1,           KADDR2,
          ~0ull,  1ull << 47, (1ull << 47) - 1, 0x7000000000ull,
          0x1000, 1ull << 63 };
  return set[pick (f, sizeof set / sizeof set[0])];
}

static void __attribute__ ((noreturn))
act_resume (struct fstate *f, struct vg_activation_area *a)
{
  a->regs = f->good;
  f->phase = 0;
  __asm__ volatile("fxrstor64 %0" : : "m"(f->fpu));
  vg_syscall_trap (VG_SYS_ACTIVATION_RETURN, 0, 0, 0, 0, 0, 0);
  vg_printf ("fuzz: activation_return of good state failed\n");
  for (;;)
    vg_yield ();
}

void
fuzz_act_handler (struct vg_activation_area *a, struct vg_act_event *ev)
{
  /* Which fuzz thread we are: not from A, which a self-aimed call may
     have registered anywhere in the thread's region, but from our stack,
     which is always in it (fuzz_pool.h).  Taking the other thread's
     state here resumed one thread in the other's registers, and from
     there any call could reach the root task's own caps (seed 17014
     unmapped our text).  */
  int i = (int)(((uint64_t)__builtin_frame_address (0) >> 36) - OWN_L1);
  if (i < 0 || i >= NFUZZ)
    __asm__ volatile("ud2"); /* Not on a fuzz stack: die.  */
  struct fstate *f = &fs[i];
  if (f->phase == 0
      && (ev->type == VG_ACT_EV_FAULT || ev->type == VG_ACT_EV_EXCEPTION))
    __asm__ volatile("ud2"); /* A real fault of ours: die (nested).  */
  if (f->phase == 0)
    {
      __asm__ volatile("fxsave64 %0" : "=m"(f->fpu));
      f->good = a->regs;
      f->phase = 1;
      f->entries = 0;
    }
  if (++f->entries > 6 || f->phase == 2)
    act_resume (f, a);
  /* Junk in the header, the queue, the event.  */
  uint64_t *w = (uint64_t *)a;
  for (unsigned k = 0; k < 4; k++)
    if (pick (f, 2))
      w[pick (f, 8)] = num (f);
  for (unsigned k = 0; k < 8; k++)
    w[32 + pick (f, 72)] = rnd (f);
  if (pick (f, 2))
    vg_syscall_trap (VG_SYS_ACTIVATION_NOTIFY, 0, rnd (f), 0, 0, 0, 0);
  if (pick (f, 3) == 0)
    vg_syscall_trap (VG_SYS_ACTIVATION_REGISTER, 0, (uint64_t)fz.area[i],
                     0x400000, 0x10000000, 0, 0);
  a->regs = f->good;
  if (pick (f, 2))
    {
      f->phase = 2; /* The next entry restores.  */
      switch (pick (f, 4))
        {
        case 0:
          a->regs.rip = bad_ptr (f);
          break;
        case 1:
          a->regs.rsp = bad_ptr (f);
          break;
        case 2:
          a->regs.rflags = num (f);
          break;
        default:
          a->regs.rip = bad_ptr (f);
          a->regs.rsp = bad_ptr (f);
          a->regs.rflags = rnd (f);
        }
    }
  vg_syscall_trap (VG_SYS_ACTIVATION_RETURN, 0, 0, 0, 0, 0, 0);
  /* Refused (a bad rip or rsp): resume the good state.  */
  act_resume (f, a);
}

/* One episode: register our area, post ourselves a notification (the
   handler runs when the call returns), unregister.  */
static void
act_episode (struct fstate *f, int i)
{
  uint64_t top = (uint64_t)fz.astack[i] + OWN_ASTACK_PAGES * 4096;
  if (vg_syscall_trap (VG_SYS_ACTIVATION_REGISTER, 0, (uint64_t)fz.area[i],
                       (uint64_t)fuzz_act_entry, top, 0, 0))
    return;
  vg_syscall_trap (VG_SYS_ACTIVATION_NOTIFY, 0, rnd (f), 0, 0, 0, 0);
  /* Stay registered: a resume with a bad rsp faults back into the
     handler, which puts the good state back.  */
}

/* Put something in stock slot K.  */
static void
stock_setup (struct fstate *f, unsigned k)
{
  vg_addr_t slot = VG_BOOT_CAP (STOCK0 + k);
  if (k == 0 || k == 4)
    {
      vg_syscall_trap (VG_SYS_FOLIO_ALLOC, FUZZ_ACT, slot, 0, 0, 0, 0);
      return;
    }
  if (k == 7)
    {
      vg_syscall_trap (VG_SYS_ACTIVITY_CREATE, VG_BOOT_CAP (STOCK0),
                       100 + pick (f, 20), FUZZ_ACT, slot, 0, 0);
      return;
    }
  static const unsigned types[]
      = { 0, VG_TYPE_PAGE,      VG_TYPE_CAPPAGE, VG_TYPE_THREAD,
          0, VG_TYPE_MESSENGER, VG_TYPE_CAPPAGE };
  vg_syscall_trap (VG_SYS_OBJECT_ALLOC, VG_BOOT_CAP (STOCK0 + (k & 4)),
                   pick (f, 128), types[k], 64, slot, 0);
}

/* A slot for a reply cap: mostly a few stock slots, so the other calls
   find them (copy, clear, reply, overwrite).  */
static vg_addr_t
reply_slot (struct fstate *f)
{
  unsigned k = pick (f, 10);
  if (k < 7)
    return VG_BOOT_CAP (STOCK0 + 8 + pick (f, 6));
  return k < 9 ? stock_addr (f) : bad_addr (f);
}

static vg_error_t
ipc_reply (struct fstate *f, int i, vg_addr_t rc)
{
  struct vg_msg *m = (struct vg_msg *)bufs[i][1];
  fill_buf (f, (uint8_t *)m);
  m->nwords = pick (f, VG_MSG_WORDS + 1);
  m->ncaps = pick (f, 3);
  return (vg_error_t)vg_syscall_trap (VG_SYS_MESSENGER_REPLY, rc, (uint64_t)m,
                                      0, 0, 0, 0);
}

static int
is_messenger (vg_addr_t a)
{
  struct vg_cap_info ci;
  return vg_syscall_trap (VG_SYS_CAP_INFO, a, (uint64_t)&ci, 0, 0, 0, 0) == 0
         && ci.type == VG_TYPE_MESSENGER;
}

/* One IPC episode on the stock messenger (slot 5): thread 0 mostly
   receives (and gets real reply caps), thread 1 mostly calls with a
   short timeout, so calls meet receivers; the reply cap is then used,
   used twice, copied, cleared or left in the stock for the random
   calls.  */
static void
ipc_episode (struct fstate *f, int i)
{
  struct vg_msg *m = (struct vg_msg *)bufs[i][0];
  struct vg_msg *r = (struct vg_msg *)bufs[i][1];
  static const uint64_t tmo[] = { 100000, 1000000, 3000000, 0 };
  vg_addr_t mess = pick (f, 5) ? VG_BOOT_CAP (STOCK0 + 5) : stock_addr (f);
  uint64_t t = tmo[pick (f, 4)];
  fz.ipc++;
  fz.last_nr = 1001;
  /* Keep the messenger alive most of the time (the random calls
     replace and destroy it), so calls meet receivers.  */
  if (pick (f, 4) && !is_messenger (VG_BOOT_CAP (STOCK0 + 5)))
    {
      stock_setup (f, 5);
      if (!is_messenger (VG_BOOT_CAP (STOCK0 + 5)))
        {
          stock_setup (f, 4); /* A fresh folio (while the quota lasts).  */
          stock_setup (f, 5);
        }
    }
  fill_buf (f, (uint8_t *)m);
  m->nwords = pick (f, VG_MSG_WORDS + 1);
  m->ncaps = pick (f, 3);
  for (int k = 0; k < VG_MSG_CAPS; k++)
    m->caps[k] = pick (f, 4) ? VG_BOOT_CAP (STOCK0 + pick (f, NSTOCK))
                             : reply_slot (f);
  if (pick (f, 10) >= (i == 0 ? 7u : 3u))
    {
      *r = *m;
      r->ncaps = pick (f, 3);
      if (fz.verbose == 1)
        vg_printf ("%d: ipc call %llx\n", i, (unsigned long long)mess);
      vg_syscall_trap (VG_SYS_MESSENGER_CALL, mess, (uint64_t)m, (uint64_t)r,
                       t, 0, 0);
      return;
    }
  vg_addr_t rc = reply_slot (f);
  m->reply = rc;
  if (fz.verbose == 1)
    vg_printf ("%d: ipc receive %llx -> %llx\n", i, (unsigned long long)mess,
               (unsigned long long)rc);
  if (vg_syscall_trap (VG_SYS_MESSENGER_RECEIVE, mess, (uint64_t)m, t, 0, 0,
                       0))
    return;
  fz.replies++;
  vg_addr_t other = reply_slot (f);
  switch (pick (f, 8))
    {
    case 0:
      ipc_reply (f, i, rc);
      ipc_reply (f, i, rc); /* Twice: the second must fail.  */
      break;
    case 1:
      vg_syscall_trap (VG_SYS_CAP_COPY, rc, other, pick (f, 4), 0, 0, 0);
      ipc_reply (f, i, other);
      ipc_reply (f, i, rc);
      break;
    case 2:
      vg_syscall_trap (VG_SYS_CAP_CLEAR, rc, 0, 0, 0, 0, 0);
      ipc_reply (f, i, rc);
      break;
    case 3:
      vg_syscall_trap (VG_SYS_CAP_COPY, rc, other, pick (f, 4), 0, 0, 0);
      break; /* Leave both for the random calls.  */
    case 4:
      /* Receive again into the same slot over a live reply cap.  */
      m->ncaps = pick (f, 3);
      m->reply = rc;
      vg_syscall_trap (VG_SYS_MESSENGER_RECEIVE, mess, (uint64_t)m, t, 0, 0,
                       0);
      ipc_reply (f, i, rc);
      break;
    case 5:
      break; /* Drop it: the caller times out.  */
    default:
      ipc_reply (f, i, rc);
    }
}

void
fuzz_touch (void)
{
  memset (fs, 0, sizeof fs);
  memset (bufs, 0, sizeof bufs);
}

/* A call aimed at what is this thread's own (fuzz_pool.h): its thread
   slot, MAIN_FOLIO, FUZZ_ACT, the cappages and pages of its region, or
   itself through thread_exregs.  It may never return; the supervisor
   records how the thread ended and starts another.  */
static void
self_aim (struct fstate *f, int i)
{
  static const unsigned types[]
      = { VG_TYPE_VOID, VG_TYPE_PAGE, VG_TYPE_CAPPAGE, VG_TYPE_THREAD,
          VG_TYPE_MESSENGER };
  unsigned type = types[pick (f, 5)];
  unsigned s0 = OWN_SLOT0 (i);
  vg_addr_t stock = VG_BOOT_CAP (STOCK0 + pick (f, NSTOCK));
  unsigned depth = 1 + pick (f, 4);
  vg_addr_t under = VG_ADDR (
      depth == 4 ? OWN_PAGE_VA (i, pick (f, OWN_NPAGES)) : OWN_VA (i), depth);
  vg_addr_t dst = pick (f, 3) == 0 ? VG_ADDR_VOID
                  : pick (f, 2)    ? stock
                                   : under;
  uint64_t err = VG_EINVAL;
  fz.self_calls++;
  fz.last_nr = 2000;
  switch (pick (f, 12))
    {
    case 0:
    case 1: /* Its own thread slot.  */
      err = vg_syscall_trap (VG_SYS_OBJECT_ALLOC, MAIN_FOLIO, 1 + i, type, 64,
                             dst, 0);
      break;
    case 2: /* An activity into its own slot, or over its activity's.  */
      err = vg_syscall_trap (VG_SYS_ACTIVITY_CREATE, MAIN_FOLIO,
                             pick (f, 2) ? 1 + i : 0, FUZZ_ACT, stock, 0, 0);
      break;
    case 3: /* Its folio, now and then.  */
      if (pick (f, 4) == 0)
        err = vg_syscall_trap (VG_SYS_FOLIO_FREE, MAIN_FOLIO, 0, 0, 0, 0, 0);
      break;
    case 4: /* Its activity, now and then.  */
      if (pick (f, 4) == 0)
        err = vg_syscall_trap (VG_SYS_ACTIVITY_DESTROY, FUZZ_ACT, 0, 0, 0, 0,
                               0);
      else
        err = vg_syscall_trap (VG_SYS_OBJECT_ALLOC, MAIN_FOLIO, 0, type, 64,
                               dst, 0);
      break;
    case 5:
    case 6: /* A cappage or a page of its region.  */
      err = vg_syscall_trap (VG_SYS_OBJECT_ALLOC, MAIN_FOLIO,
                             s0 + pick (f, 3 + OWN_NPAGES), type, 64, dst, 0);
      break;
    case 7: /* Discard its stack, handler stack or activation area.  */
      err = vg_syscall_trap (
          VG_SYS_OBJECT_DISCARD,
          VG_ADDR (OWN_PAGE_VA (i, pick (f, OWN_NPAGES)), 4), 0, 0, 0, 0, 0);
      break;
    case 8: /* Clear a slot on the way to its own pages.  */
      err = vg_syscall_trap (VG_SYS_CAP_CLEAR, under, 0, 0, 0, 0, 0);
      break;
    case 9: /* Overwrite one with a stock cap.  */
      err = vg_syscall_trap (VG_SYS_CAP_COPY, stock, under, pick (f, 4), 0, 0,
                             0);
      break;
    case 10: /* Stop itself.  */
      err = vg_syscall_trap (VG_SYS_THREAD_EXREGS,
                             pick (f, 2) ? VG_ADDR_VOID : FUZZ_THREAD (i),
                             VG_EXREGS_STOP, 0, 0, 0, 0);
      break;
    default: /* Re-register its activation area somewhere of its own.  */
      err = vg_syscall_trap (
          VG_SYS_ACTIVATION_REGISTER, 0, OWN_PAGE_VA (i, pick (f, OWN_NPAGES)),
          (uint64_t)fuzz_act_entry, OWN_PAGE_VA (i, OWN_AREA_PAGE), 0, 0);
      break;
    }
  if (err == VG_OK)
    fz.self_ok++;
  else if (err == VG_EBUSY)
    fz.self_busy++;
}

static const uint64_t known[]
    = { 0,  1,  2,  16, 17, 18, 32, 33, 34, 35, 48, 49,
        50, 51, 64, 65, 80, 81, 82, 83, 84, 96, 97, 98 };

static void
fuzz_one (struct fstate *f, int i)
{
  uint64_t nr;
  if (pick (f, 64) == 0)
    {
      self_aim (f, i);
      return;
    }
  unsigned r = pick (f, 100);
  if (r < 3)
    {
      fz.last_nr = 1000;
      if (fz.verbose == 1)
        vg_printf ("%d: act episode\n", i);
      act_episode (f, i);
      return;
    }
  if (r < 8)
    {
      ipc_episode (f, i);
      return;
    }
  if (r < 10)
    {
      stock_setup (f, pick (f, NSTOCK));
      return;
    }
  if (r < 14)
    nr = pick (f, 2) ? 256 + pick (f, 64) : num (f);
  else if (r < 17)
    nr = ((uint64_t)(1 + pick (f, 0xffff)) << 32) | 2; /* Not yield.  */
  else if (r < 20)
    nr = pick (f, 256);
  else
    nr = known[pick (f, sizeof known / sizeof known[0])];
  uint64_t a[6];
  for (int k = 0; k < 6; k++)
    a[k] = pick (f, 3) ? num (f) : any_addr (f);
  fz.last_nr = nr;
  switch (nr)
    {
    case VG_SYS_DEBUG_WRITE:
      a[0] = ptr (f, i);
      if (a[1] <= VG_DEBUG_WRITE_MAX)
        a[1] = pick (f, 3);
      if (a[0] == (uint64_t)bufs[i][0] || a[0] == (uint64_t)bufs[i][1])
        memset ((void *)a[0], '.', 4);
      break;
    case VG_SYS_TIME:
    case VG_SYS_ACTIVITY_STATS:
    case VG_SYS_ACTIVITY_POLICY_SET:
    case VG_SYS_CAP_INFO:
    case VG_SYS_CAP_OID:
      a[0] = nr == VG_SYS_TIME ? ptr (f, i) : any_addr (f);
      a[1] = ptr (f, i);
      if (nr == VG_SYS_ACTIVITY_POLICY_SET)
        a[0] = tgt_addr (f);
      break;
    case VG_SYS_CAP_COPY:
      if (pick (f, 3) == 0)
        {
          /* Copies of protected caps go only to the sink, and without
             rights: a writable copy in a free slot of the shared tree
             would let this thread discard or free the root task's own
             pages legitimately (seed 5000 did exactly that).  */
          a[0] = prot_addr (f);
          a[1] = VG_BOOT_CAP (SINK0 + pick (f, NSINK));
          a[2] = 0;
        }
      else
        {
          a[0] = tgt_addr (f);
          a[1] = tgt_addr (f);
          a[2] = pick (f, 2) ? pick (f, 4) : a[2];
        }
      break;
    case VG_SYS_CAP_CLEAR:
    case VG_SYS_FOLIO_FREE:
    case VG_SYS_ACTIVITY_DESTROY:
    case VG_SYS_OBJECT_DISCARD:
      a[0] = tgt_addr (f);
      break;
    case VG_SYS_FOLIO_ALLOC:
      a[0] = act_addr (f);
      a[1] = tgt_addr (f);
      break;
    case VG_SYS_OBJECT_ALLOC:
      a[0] = tgt_addr (f);
      a[1] = pick (f, 2) ? pick (f, 128) : a[1];
      a[2] = pick (f, 2) ? pick (f, 8) : a[2];
      a[3] = pick (f, 2) ? 64 : a[3];
      a[4] = tgt_addr (f);
      break;
    case VG_SYS_ACTIVITY_CREATE:
      a[0] = tgt_addr (f);
      a[1] = pick (f, 2) ? pick (f, 128) : a[1];
      a[2] = act_addr (f);
      a[3] = tgt_addr (f);
      break;
    case VG_SYS_THREAD_EXIT:
      return; /* Never on purpose.  */
    case VG_SYS_THREAD_EXREGS:
      a[0] = tgt_addr (f);
      a[1] = pick (f, 2) ? pick (f, 32) : a[1];
      a[2] = ptr (f, i);
      a[3] = ptr (f, i);
      if (a[2] == (uint64_t)bufs[i][0] || a[2] == (uint64_t)bufs[i][1])
        {
          struct vg_thread_state *s = (struct vg_thread_state *)a[2];
          s->aspace = tgt_addr (f);
          s->activity = act_addr (f);
        }
      if (a[0] == VG_ADDR_VOID)
        a[1] &= ~(uint64_t)(VG_EXREGS_SET_REGS | VG_EXREGS_SET_ASPACE
                            | VG_EXREGS_SET_ACTIVITY | VG_EXREGS_STOP);
      break;
    case VG_SYS_MESSENGER_SEND:
    case VG_SYS_MESSENGER_RECEIVE:
    case VG_SYS_MESSENGER_CALL:
      a[0] = tgt_addr (f);
      a[1] = ptr (f, i);
      a[2] = nr == VG_SYS_MESSENGER_CALL ? ptr (f, i) : timeout (f);
      a[3] = timeout (f);
      break;
    case VG_SYS_MESSENGER_REPLY:
      a[0] = tgt_addr (f);
      a[1] = ptr (f, i);
      break;
    case VG_SYS_MESSENGER_BIND:
      a[0] = tgt_addr (f);
      a[1] = tgt_addr (f);
      a[2] = pick (f, 2) ? pick (f, 2) : a[2];
      break;
    case VG_SYS_ACTIVATION_REGISTER:
      a[0] = tgt_addr (f);
      if (a[0] == VG_ADDR_VOID && a[1] != 0)
        a[1] |= 1; /* Ourselves: only junk (refused) or unregister.  */
      break;
    case VG_SYS_ACTIVATION_NOTIFY:
      a[0] = tgt_addr (f);
      break;
    default:
      break;
    }
  if (fz.verbose == 1)
    vg_printf ("%d: %llx (%llx %llx %llx %llx %llx %llx)\n", i,
               (unsigned long long)nr, (unsigned long long)a[0],
               (unsigned long long)a[1], (unsigned long long)a[2],
               (unsigned long long)a[3], (unsigned long long)a[4],
               (unsigned long long)a[5]);
  if (fz.verbose == 1 && nr >= 80 && nr <= 83 && a[1] >= (uint64_t)bufs
      && a[1] < (uint64_t)bufs + sizeof bufs)
    {
      struct vg_msg *m = (struct vg_msg *)(a[1] & ~7ull);
      vg_printf ("   msg nc %x caps %llx %llx %llx %llx reply %llx\n",
                 m->ncaps, (unsigned long long)m->caps[0],
                 (unsigned long long)m->caps[1],
                 (unsigned long long)m->caps[2],
                 (unsigned long long)m->caps[3], (unsigned long long)m->reply);
    }
  vg_syscall_trap (nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

void
fuzz_thread_main (uint64_t i)
{
  struct fstate *f = &fs[i];
  f->rng = fz.seed[i] * 0x9e3779b97f4a7c15ull + 1;
  f->phase = 0;
  for (unsigned k = 0; k < 8; k++)
    stock_setup (f, k);
  if (fz.verbose == 1)
    vg_printf ("%d: stock set up\n", (int)i);
  while (!fz.stop)
    {
      /* A self-aimed call may have replaced the stack this loop keeps I
         and F on: take both from where the stack is, never trust them.
         A thread that is not on its own stack any more dies.  */
      int me = (int)(((uint64_t)__builtin_frame_address (0) >> 36) - OWN_L1);
      if (me < 0 || me >= NFUZZ)
        __asm__ volatile("ud2");
      fuzz_one (&fs[me], me);
      fz.calls++;
    }
  for (;;)
    vg_yield ();
}
