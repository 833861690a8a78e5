/* Mote C runtime: DEQUANTIZE from int8 or int16 to float: (q - zero point) * scale, the product in double as TFLite's
   reference kernel. */
#ifndef MOTE_DEQUANTIZE_H
#define MOTE_DEQUANTIZE_H

#include "mote_common.h"

typedef struct
{
    int32_t size; /* elements */
    int32_t input_element_size; /* 1 (int8) or 2 (int16) */
    float scale;
    int32_t zero_point;
} mote_dequantize_params;

void mote_dequantize(const mote_dequantize_params* p, const void* input, void* output);

#endif
