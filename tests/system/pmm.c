/* System test: allocate every frame, check each is unique and usable,
   free them all, and allocate them all again; the counts match the boot
   totals each time.  The frames themselves hold the list of allocated
   frames (a singly linked list through their first word).  */
#include <arch/mm.h>

#include "kern/log.h"
#include "mm/pmm.h"
#include "kern/test.h"

static uint64_t
alloc_all (paddr_t *head)
{
  uint64_t n = 0;
  *head = 0;
  for (paddr_t p; (p = pmm_alloc ()) != 0; n++)
    {
      uint64_t *v = phys_to_virt (p);
      v[0] = *head;
      v[1] = p ^ 0x5a5a5a5a5a5a5a5aull;
      *head = p;
    }
  return n;
}

static int
free_all (paddr_t head, uint64_t *n)
{
  *n = 0;
  while (head)
    {
      uint64_t *v = phys_to_virt (head);
      paddr_t next = v[0];
      TEST_ASSERT (v[1] == (head ^ 0x5a5a5a5a5a5a5a5aull));
      TEST_ASSERT (pmm_is_allocated (head));
      pmm_free (head);
      (*n)++;
      head = next;
    }
  return 0;
}

VG_TEST (pmm_stress)
{
  uint64_t boot_free = pmm_free_frames ();
  TEST_ASSERT (boot_free == pmm_total_frames ());
  for (int round = 0; round < 2; round++)
    {
      paddr_t head;
      uint64_t n = alloc_all (&head);
      log_info ("test", "round %d: allocated %lu frames", round, n);
      TEST_ASSERT (n == boot_free);
      TEST_ASSERT (pmm_free_frames () == 0);
      TEST_ASSERT (pmm_alloc () == 0);
      uint64_t freed;
      TEST_ASSERT (free_all (head, &freed) == 0);
      TEST_ASSERT (freed == n);
      TEST_ASSERT (pmm_free_frames () == boot_free);
    }
  return 0;
}
