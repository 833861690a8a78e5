/* Mote C runtime: int8 DEPTHWISE_CONV_2D over NHWC with per-channel weights and depth multiplier 1, bit-exact with
   TFLM's reference integer kernel. Four channels at a time: one word of input and one of weights per tap, two
   16-bit multiply-accumulates per lane pair with the DSP extension. Taps outside the image are skipped by
   clipping the window once per pixel rather than testing every tap. */
#ifndef MOTE_DWCONV2D_S8_H
#define MOTE_DWCONV2D_S8_H

#include "mote_conv_params.h"

/* filter is [filter_height][filter_width][depth], depth = input_depth = output_depth; bias may be NULL. */
void mote_dwconv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output);

#endif
