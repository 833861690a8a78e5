/* Mote C runtime: QUANTIZE from float to int8 or int16: x / scale rounded half away from zero, plus the zero
   point, saturated (TFLM's reference kernel; no libm needed). */
#ifndef MOTE_QUANTIZE_F32_H
#define MOTE_QUANTIZE_F32_H

#include "mote_common.h"

typedef struct
{
    int32_t size; /* elements */
    int32_t output_element_size; /* 1 (int8) or 2 (int16) */
    float scale;
    int32_t zero_point;
    int32_t output_min; /* the output type's range */
    int32_t output_max;
} mote_quantize_f32_params;

void mote_quantize_f32(const mote_quantize_f32_params* p, const void* input, void* output);

#endif
