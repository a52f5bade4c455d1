/* The host test environment: fake physical memory, a captured console,
   and panics that a test can expect.  */
#ifndef FAKE_H
#define FAKE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>

/* Map the fake physical memory (idempotent).  */
void fake_init (void);

/* Console output captured since the last fake_console_reset().  */
const char *fake_console (void);
void fake_console_reset (void);

/* Run STMT expecting it to panic; evaluates to true if it did.  The
   panic message is left in fake_panic_msg.  */
extern jmp_buf *fake_panic_jmp;
extern char fake_panic_msg[256];
/* The host channel (kern/hostchan.h): whether the fake device is there
   (default yes) and the bytes sent to it.  */
extern bool fake_hostchan_absent;
extern unsigned char fake_hostchan[1 << 14];
extern size_t fake_hostchan_len;
#define FAKE_EXPECT_PANIC(stmt)                                               \
  ({                                                                          \
    jmp_buf jb_;                                                              \
    bool panicked_ = false;                                                   \
    fake_panic_jmp = &jb_;                                                    \
    if (setjmp (jb_) == 0)                                                    \
      {                                                                       \
        stmt;                                                                 \
      }                                                                       \
    else                                                                      \
      panicked_ = true;                                                       \
    fake_panic_jmp = NULL;                                                    \
    panicked_;                                                                \
  })

/* Scheduler fakes (fake/sched.c): sched_wake calls and the last code.  */
extern unsigned fake_sched_wakes;
/* activation_post calls (fake/activation.c).  */
extern unsigned fake_activation_posts;
extern int fake_sched_last_wake;
struct thread;
/* What sched_current returns (NULL: no user thread, so a teardown is
   released at once).  */
extern struct thread *sched_running;
/* The first FAKE_WAKES_MAX threads sched_wake woke, in order.  */
#define FAKE_WAKES_MAX 16
extern struct thread *fake_sched_woken[FAKE_WAKES_MAX];

#endif
