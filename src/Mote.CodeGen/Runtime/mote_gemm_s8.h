/* Mote C runtime: the int8 matrix kernel under CONV_2D and FULLY_CONNECTED. Each output channel is a dot product of
   its weight row with an input row, requantized per channel; rows are taken two at a time so that every weight
   and input value loaded serves two products (four with the DSP extension's dual 16-bit multiply-accumulate). */
#ifndef MOTE_GEMM_S8_H
#define MOTE_GEMM_S8_H

#include "mote_common.h"

typedef struct
{
    const int8_t* weights;      /* [channels][depth] */
    const int32_t* bias;        /* [channels], or NULL */
    const int32_t* multipliers; /* [channels] when channel_step is 1; one value when it is 0 */
    const int32_t* shifts;
    int32_t channel_step;
    int32_t channels;
    int32_t depth;
    int32_t input_offset; /* minus the input zero point */
    int32_t output_offset;
    int32_t activation_min;
    int32_t activation_max;
} mote_gemm;

/* out0[c] from in0 and, when in1 is not NULL, out1[c] from in1, for every channel c:
   requantized bias[c] + sum over k of weights[c][k] * (in[k] + input_offset). */
void mote_gemm_s8(const mote_gemm* g, const int8_t* in0, const int8_t* in1, int8_t* out0, int8_t* out1);

#endif
