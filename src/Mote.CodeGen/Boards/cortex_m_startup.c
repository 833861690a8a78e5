/* Startup for Mote's Cortex-M test images under QEMU (every board uses it; only the linker script differs).
   The boot address holds the vector table: the initial stack pointer, then Reset_Handler. Reset_Handler enables the
   FPU (the image is built with the hard-float ABI), copies .data from flash to RAM and calls newlib's _start, which
   clears .bss (__bss_start__ .. __bss_end__), sets the stack to __stack and calls main. */
#include <stdint.h>

typedef void (*mote_handler)(void);

extern uint32_t __stack;
extern uint32_t _sidata;
extern uint32_t _sdata;
extern uint32_t _edata;
extern void _start(void);

void Reset_Handler(void);

/* CPACR (0xE000ED88): full access to coprocessors 10 and 11, the FPU. */
#define MOTE_CPACR (*(volatile uint32_t*)0xE000ED88u)
#define MOTE_CPACR_FPU_FULL_ACCESS (0xFu << 20)

void Reset_Handler(void)
{
    const uint32_t* source = &_sidata;
    uint32_t* target = &_sdata;
    MOTE_CPACR |= MOTE_CPACR_FPU_FULL_ACCESS;
    __asm__ volatile("dsb\n\tisb" : : : "memory");
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

/* Initial stack pointer, reset, NMI, HardFault, MemManage, BusFault, UsageFault, SecureFault (v8-M). */
__attribute__((section(".vectors"), used)) static const mote_handler vectors[16] =
{
    (mote_handler)(uintptr_t)&__stack, Reset_Handler, mote_fault, mote_fault, mote_fault, mote_fault, mote_fault, mote_fault,
};
