/* Mote C runtime: the baked-in geometry and requantization of a convolution (CONV_2D, DEPTHWISE_CONV_2D). */
#ifndef MOTE_CONV_PARAMS_H
#define MOTE_CONV_PARAMS_H

#include "mote_common.h"

typedef struct
{
    int32_t batches;
    int32_t input_height;
    int32_t input_width;
    int32_t input_depth;
    int32_t output_height;
    int32_t output_width;
    int32_t output_depth;
    int32_t filter_height;
    int32_t filter_width;
    int32_t filter_depth;
    int32_t stride_height;
    int32_t stride_width;
    int32_t dilation_height;
    int32_t dilation_width;
    int32_t pad_height;
    int32_t pad_width;
    int32_t input_offset;
    int32_t output_offset;
    int32_t activation_min;
    int32_t activation_max;
    const int32_t* multipliers; /* one per output channel */
    const int32_t* shifts;
} mote_conv_params;

#endif
