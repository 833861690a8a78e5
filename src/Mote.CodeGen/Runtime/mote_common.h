/* Mote C runtime: integer helpers with TFLite's (gemmlowp's) rounding, shared by every kernel. */
#ifndef MOTE_COMMON_H
#define MOTE_COMMON_H

#include <stdint.h>

#if defined(__GNUC__)
#define MOTE_ALIGNED(n) __attribute__((aligned(n)))
#define MOTE_NOINLINE __attribute__((noinline))
#else
#define MOTE_ALIGNED(n)
#define MOTE_NOINLINE
#endif

/* x * 2^n with two's-complement wrap-around, as the interpreter's int arithmetic (a signed left shift could be undefined). */
static inline int32_t mote_shl(int32_t x, int n)
{
    return (int32_t)((uint32_t)x << n);
}

static inline int32_t mote_clamp(int32_t x, int32_t lo, int32_t hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

/* (a * b * 2) / 2^32 rounded to nearest; saturates the single overflowing case (MIN * MIN). */
static inline int32_t mote_srdhm(int32_t a, int32_t b)
{
    int64_t product;
    int64_t nudge;
    if (a == INT32_MIN && b == INT32_MIN)
    {
        return INT32_MAX;
    }

    product = (int64_t)a * b;
    nudge = product >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((product + nudge) / ((int64_t)1 << 31));
}

/* x / 2^exponent rounded to nearest, ties away from zero. */
static inline int32_t mote_rdbypot(int32_t x, int exponent)
{
    int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    int32_t remainder = x & mask;
    int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* x * multiplier * 2^shift for a Q31 multiplier >= 0 (TFLite's MultiplyByQuantizedMultiplier, bit for bit). With
   product = (x << left) * multiplier + 2^30, TFLite takes high = product >> 31 (mote_srdhm's nudge rounds halves up
   for either sign of the product, as this floor does), then divides high by 2^right rounding halves away from zero:
   floor((high + 2^(right-1) - [high < 0]) / 2^right). Both floors fold into one: that integer times 2^31 is added to
   the 64-bit product, whose top word is then shifted by right - 1, so the second rounding needs no mask or compare. */
static inline int32_t mote_requant(int32_t x, int32_t multiplier, int32_t shift)
{
    const int32_t left = shift & ~(shift >> 31);
    const int32_t right = left - shift;
    const int64_t product = (int64_t)mote_shl(x, left) * multiplier + ((int64_t)1 << 30);
    uint32_t nudge;
    if (right == 0)
    {
        return (int32_t)(product >> 31);
    }

    /* nudge is below 2^31 and the product's magnitude below 2^63 - 2^62, so the sum stays inside int64. */
    nudge = ((uint32_t)1 << (right - 1)) - (uint32_t)(product < 0);
    return (int32_t)((product + ((int64_t)nudge << 31)) >> 32) >> (right - 1);
}

/* One int8 output: the accumulator requantized, plus the output zero point, clamped to the activation range. */
static inline int8_t mote_output_s8(int32_t acc, int32_t multiplier, int32_t shift, int32_t offset, int32_t lo, int32_t hi)
{
    return (int8_t)mote_clamp(mote_requant(acc, multiplier, shift) + offset, lo, hi);
}

#endif
