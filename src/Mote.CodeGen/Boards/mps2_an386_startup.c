/* Startup for Cortex-M under QEMU (mps2-an386): the vector table, and a reset handler that copies .data from flash
   to RAM before newlib's semihosting crt0 (_start) clears .bss, sets up stdio and calls main. */
#include <stdint.h>

typedef void (*mote_handler)(void);

extern uint32_t _stack_top;
extern uint32_t _sidata;
extern uint32_t _sdata;
extern uint32_t _edata;
extern void _start(void);

void mote_reset(void);

void mote_reset(void)
{
    const uint32_t* source = &_sidata;
    uint32_t* target = &_sdata;
    while (target < &_edata)
    {
        *target++ = *source++;
    }

    _start();
}

/* A fault ends the emulation with a failure (semihosting SYS_EXIT, ADP_Stopped_RunTimeErrorUnknown) instead of hanging. */
static void mote_fault(void)
{
    register uint32_t operation __asm__("r0") = 0x18;
    register uint32_t reason __asm__("r1") = 0x20023;
    __asm__ volatile("bkpt 0xab" : : "r"(operation), "r"(reason) : "memory");
    for (;;)
    {
    }
}

__attribute__((section(".vectors"), used)) static const mote_handler vectors[16] =
{
    (mote_handler)(uintptr_t)&_stack_top, mote_reset, mote_fault, mote_fault, mote_fault, mote_fault, mote_fault,
};
