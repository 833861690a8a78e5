/* Mote C runtime: CONV_2D with int16 activations and int8 weights (zero points 0), TFLM's reference loop: a 64-bit
   accumulator with an int64 bias, requantized by the multiplier reduced to Q15 and rounded once. */
#ifndef MOTE_CONV2D_S16_H
#define MOTE_CONV2D_S16_H

#include "mote_conv_params.h"

/* input and output are int16 tensors; bias is int64 per output channel, or NULL. */
void mote_conv2d_s16(const mote_conv_params* p, const void* input, const int8_t* filter, const int64_t* bias, void* output);

#endif
