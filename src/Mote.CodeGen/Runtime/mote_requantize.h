/* Mote C runtime: QUANTIZE between integer types (int8, int16, int32 in any pair): (x - input zero point) rescaled
   by input scale / output scale, plus the output zero point, saturated to the output type. */
#ifndef MOTE_REQUANTIZE_H
#define MOTE_REQUANTIZE_H

#include "mote_common.h"

typedef struct
{
    int32_t size; /* elements */
    int32_t input_element_size;
    int32_t output_element_size;
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t multiplier;
    int32_t shift;
    int32_t output_min; /* the output type's range */
    int32_t output_max;
} mote_requantize_params;

/* Element i is read before it is written, so output may be input when both have the same element size. */
void mote_requantize(const mote_requantize_params* p, const void* input, void* output);

#endif
