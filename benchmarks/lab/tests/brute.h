/* Brute-force reference implementations for the lab's tests: arrays and
   linear scans, written for obviousness, not speed.  Each returns the
   number of misses of KEYS[0..N) with C frames.  */
#ifndef LAB_TEST_BRUTE_H
#define LAB_TEST_BRUTE_H

#include <stdint.h>

uint64_t brute_fifo (const uint32_t *keys, uint32_t n, uint32_t c);
uint64_t brute_lru (const uint32_t *keys, uint32_t n, uint32_t c);
/* Classic CLOCK: C slots filled in order, a hand; a miss clears set
   bits while advancing, replaces the slot under the hand (bit clear)
   and moves the hand past it.  */
uint64_t brute_clock (const uint32_t *keys, uint32_t n, uint32_t c);
/* Belady: on a miss with all frames full, scan forward for each
   resident key's next use and evict the furthest.  */
uint64_t brute_opt (const uint32_t *keys, uint32_t n, uint32_t c);

#endif
