/* Mote C runtime: SOFTMAX of int8 values over the last dimension with gemmlowp's fixed-point exp, bit-exact with TFLM;
   the output is int8 or int16. */
#ifndef MOTE_SOFTMAX_S8_H
#define MOTE_SOFTMAX_S8_H

#include "mote_common.h"

typedef struct
{
    int32_t rows;
    int32_t depth;
    int32_t input_multiplier; /* beta * input scale as a Q(31-5) multiplier */
    int32_t input_left_shift;
    int32_t diff_min;         /* differences below this give exp = 0 */
    int32_t output_size;      /* bytes of an output value: 1 (int8, scale 1/256) or 2 (int16) */
} mote_softmax_params;

/* The output's zero point is its type's minimum. */
void mote_softmax_s8(const mote_softmax_params* p, const int8_t* input, void* output);

#endif
