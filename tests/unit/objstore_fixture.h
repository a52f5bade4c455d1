/* Shared fixture for the object-store unit tests: fake physical memory
   with the boot pool, frame descriptors, pmm and the root activity set
   up as at boot, and an invariant checker.  */
#ifndef OBJSTORE_FIXTURE_H
#define OBJSTORE_FIXTURE_H

#include <vg/activity.h>
#include <vg/cap.h>
#include <vg/error.h>

#include "obj/activity.h"

/* Boot with MIB megabytes of free memory above 1 MiB.  */
void os_boot (unsigned mib);

/* Check every accounting invariant; returns NULL or what failed.  */
const char *os_check (void);

/* Shorthands.  */
struct vg_cap os_root_cap (void);
struct vg_cap os_folio (const struct vg_cap *activity);
struct vg_cap os_child (const struct vg_cap *folio, unsigned slot,
                        const struct vg_cap *parent);
extern const struct vg_object_policy os_default_policy;

/* Fail the test with os_check's message if an invariant is broken.  */
#define CHECK_OK() ck_assert_msg (os_check () == NULL, "%s", os_check ())

/* Allocate an object of TYPE in SLOT of FOLIO for the root activity
   with the default policy; the test fails if that is refused.  */
struct vg_cap os_alloc (const struct vg_cap *folio, unsigned slot,
                        uint8_t type);

#endif
