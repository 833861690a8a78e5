/* Mote C runtime: int8 ADD of two same-shape tensors through TFLM's general requantizing path. */
#ifndef MOTE_ADD_S8_H
#define MOTE_ADD_S8_H

#include "mote_common.h"

typedef struct
{
    int32_t size;
    int32_t left_shift;
    int32_t input1_offset;
    int32_t input1_multiplier;
    int32_t input1_shift;
    int32_t input2_offset;
    int32_t input2_multiplier;
    int32_t input2_shift;
    int32_t output_offset;
    int32_t output_multiplier;
    int32_t output_shift;
    int32_t activation_min;
    int32_t activation_max;
} mote_add_params;

/* Element i is read before it is written, so output may be input1 or input2 (the planner shares them). */
void mote_add_s8(const mote_add_params* p, const int8_t* input1, const int8_t* input2, int8_t* output);

#endif
