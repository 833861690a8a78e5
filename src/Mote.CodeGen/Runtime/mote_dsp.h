/* Mote C runtime: the Arm DSP extension (ARMv7E-M: Cortex-M4, M7; M33 with DSP) through ACLE intrinsics when the
   compiler targets it, else plain C; and the four-byte load both paths use. */
#ifndef MOTE_DSP_H
#define MOTE_DSP_H

#include <stdint.h>
#include <string.h>

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)
#include <arm_acle.h>
#define MOTE_USE_DSP 1
#else
#define MOTE_USE_DSP 0
#endif

/* Four consecutive int8 values as one word, in memory order from the low byte; memcpy keeps it legal C at any
   alignment and compiles to one load on cores that allow unaligned word access (Cortex-M3 and up). */
static inline uint32_t mote_load4(const int8_t* p)
{
    uint32_t word;
    memcpy(&word, p, sizeof word);
    return word;
}

#if MOTE_USE_DSP
/* The same 16-bit value in both halves of a word, for adding to two int16 lanes at once. */
static inline int32_t mote_pair(int32_t value)
{
    return (int32_t)(((uint32_t)value & 0xffffu) | ((uint32_t)value << 16));
}

/* Bytes 0 and 2 of word, sign-extended to two int16 lanes. */
static inline int32_t mote_lanes02(uint32_t word)
{
    return __sxtb16((int32_t)word);
}

/* Bytes 1 and 3 of word, sign-extended to two int16 lanes. ACLE has no rotating form of __sxtb16 and GCC does
   not fold a shift into it, so the instruction's own rotation is written out (as CMSIS-Core's __SXTB16_RORn). */
static inline int32_t mote_lanes13(uint32_t word)
{
    int32_t lanes;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(lanes) : "r"(word));
    return lanes;
}

/* Bytes 0 and 2 of word, sign-extended to two int16 lanes, plus the lanes of offsets (from mote_pair). */
static inline int32_t mote_lanes02_plus(uint32_t word, int32_t offsets)
{
    return __sxtab16(offsets, (int32_t)word);
}

/* Bytes 1 and 3 of word, sign-extended to two int16 lanes, plus the lanes of offsets (from mote_pair). */
static inline int32_t mote_lanes13_plus(uint32_t word, int32_t offsets)
{
    int32_t lanes;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(lanes) : "r"(offsets), "r"(word));
    return lanes;
}
#endif

#endif
