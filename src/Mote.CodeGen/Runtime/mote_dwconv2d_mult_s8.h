/* Mote C runtime: int8 DEPTHWISE_CONV_2D over NHWC with per-channel weights and any depth multiplier (TFLM's
   reference integer kernel); mote_dwconv2d_s8 is the faster one for the usual multiplier 1. */
#ifndef MOTE_DWCONV2D_MULT_S8_H
#define MOTE_DWCONV2D_MULT_S8_H

#include "mote_conv_params.h"

/* filter is [filter_height][filter_width][output_depth], output_depth = input_depth * multiplier; bias may be NULL. */
void mote_dwconv2d_mult_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output);

#endif
