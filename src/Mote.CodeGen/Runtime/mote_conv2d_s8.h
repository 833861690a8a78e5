/* Mote C runtime: int8 CONV_2D over NHWC with per-channel weights (TFLM's reference integer kernel). */
#ifndef MOTE_CONV2D_S8_H
#define MOTE_CONV2D_S8_H

#include "mote_conv_params.h"

/* filter is [output_depth][filter_height][filter_width][filter_depth]; bias may be NULL. */
void mote_conv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output);

#endif
