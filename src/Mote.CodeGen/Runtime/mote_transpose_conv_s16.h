/* Mote C runtime: TRANSPOSE_CONV with int16 activations and int8 weights (zero points 0), bit-exact with TFLM's
   reference kernel, which scatters every input pixel into a 64-bit accumulator per output element. Here each output
   element gathers the input pixels that reach it instead, so no accumulator buffer is needed; the integer sums are
   the same. The geometry is mote_conv_params' with input and output in their TRANSPOSE_CONV roles (filter_depth is
   the input depth, dilation 1). */
#ifndef MOTE_TRANSPOSE_CONV_S16_H
#define MOTE_TRANSPOSE_CONV_S16_H

#include "mote_conv_params.h"

/* filter is [output_depth][filter_height][filter_width][input_depth]; bias is int64 per output channel, or NULL. */
void mote_transpose_conv_s16(const mote_conv_params* p, const void* input, const int8_t* filter, const int64_t* bias, void* output);

#endif
