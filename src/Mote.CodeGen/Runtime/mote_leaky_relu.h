/* Mote C runtime: int8 or int16 LEAKY_RELU: x for x >= 0, alpha * x below, each side with its own requantization
   (TFLM's reference kernel). */
#ifndef MOTE_LEAKY_RELU_H
#define MOTE_LEAKY_RELU_H

#include "mote_common.h"

typedef struct
{
    int32_t size;         /* elements */
    int32_t element_size; /* 1 (int8) or 2 (int16) */
    int32_t input_offset; /* -input zero point */
    int32_t output_offset;
    int32_t identity_multiplier; /* input scale / output scale */
    int32_t identity_shift;
    int32_t alpha_multiplier; /* input scale * alpha / output scale */
    int32_t alpha_shift;
    int32_t output_min; /* the output type's range */
    int32_t output_max;
} mote_leaky_relu_params;

/* Element i is read before it is written, so output may be input (the planner shares them). */
void mote_leaky_relu(const mote_leaky_relu_params* p, const void* input, void* output);

#endif
