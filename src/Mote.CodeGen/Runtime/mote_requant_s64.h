/* Mote C runtime: TFLM's MultiplyByQuantizedMultiplier for a 64-bit accumulator (int16 activations): the Q31
   multiplier rounded to Q15, then one rounding shift by 15 - shift (at least 1; the generator refuses larger shifts). */
#ifndef MOTE_REQUANT_S64_H
#define MOTE_REQUANT_S64_H

#include "mote_common.h"

static inline int32_t mote_requant_s64(int64_t acc, int32_t multiplier, int32_t shift)
{
    const int64_t reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
    const int32_t total_shift = 15 - shift;
    return (int32_t)((acc * reduced + ((int64_t)1 << (total_shift - 1))) >> total_shift);
}

#endif
