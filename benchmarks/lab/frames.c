/* The frame table the lab's policies run over (env/policy-env.h).  */
#include <policy-env.h>

struct frame *lab_frames;
