/* The legacy 8259 interrupt controllers, remapped to vectors 32-47.  */
#ifndef ARCH_PIC_H
#define ARCH_PIC_H

#include <stdbool.h>

void pic_init (void);
void pic_unmask (unsigned irq);
void pic_eoi (unsigned irq);
/* Whether IRQ (7 or 15) is spurious; sends the EOI a spurious 15 needs.  */
bool pic_spurious (unsigned irq);

#endif
