/* Mote C runtime: int8 SOFTMAX over the last dimension with gemmlowp's fixed-point exp, bit-exact with TFLM. */
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
} mote_softmax_params;

/* The output has scale 1/256 and zero point -128. */
void mote_softmax_s8(const mote_softmax_params* p, const int8_t* input, int8_t* output);

#endif
