/* Mote C runtime: int8 AVERAGE_POOL_2D over NHWC; padding is not counted in the mean (TFLM's reference kernel). */
#ifndef MOTE_AVGPOOL_S8_H
#define MOTE_AVGPOOL_S8_H

#include "mote_common.h"

typedef struct
{
    int32_t batches;
    int32_t input_height;
    int32_t input_width;
    int32_t depth;
    int32_t output_height;
    int32_t output_width;
    int32_t filter_height;
    int32_t filter_width;
    int32_t stride_height;
    int32_t stride_width;
    int32_t pad_height;
    int32_t pad_width;
    int32_t activation_min;
    int32_t activation_max;
} mote_pool_params;

void mote_avgpool_s8(const mote_pool_params* p, const int8_t* input, int8_t* output);

#endif
