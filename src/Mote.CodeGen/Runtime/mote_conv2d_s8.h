/* Mote C runtime: int8 CONV_2D over NHWC with per-channel weights, bit-exact with TFLM's reference integer kernel.
   Output pixels are computed two at a time by mote_gemm_s8: a 1x1 unpadded convolution reads its input rows in
   place; any other first copies each pixel's receptive field into a scratch row (im2col), padding with the input
   zero point, which contributes nothing, as the reference kernel's skipped taps. */
#ifndef MOTE_CONV2D_S8_H
#define MOTE_CONV2D_S8_H

#include "mote_conv_params.h"

/* Whether every output pixel's input row lies in the input as it is: a 1x1 filter, which TFLite never pads. */
static inline int32_t mote_conv2d_reads_in_place(const mote_conv_params* p)
{
    return p->filter_height == 1 && p->filter_width == 1;
}

/* filter is [output_depth][filter_height][filter_width][filter_depth]; bias may be NULL. scratch holds
   2 * filter_height * filter_width * filter_depth bytes, or may be NULL when mote_conv2d_reads_in_place. */
void mote_conv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* scratch, int8_t* output);

#endif
