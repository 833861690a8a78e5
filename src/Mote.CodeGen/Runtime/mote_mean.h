/* Mote C runtime: int8 or int16 MEAN over constant axes, as TFLM's reference: the sum over the reduced axes, less
   count times the input zero point, requantized by a multiplier that holds 1 / count. The kept axes and the reduced
   axes are two walks over the input (dims and steps in elements, outermost first). */
#ifndef MOTE_MEAN_H
#define MOTE_MEAN_H

#include "mote_common.h"

#define MOTE_MEAN_MAX_RANK 6

typedef struct
{
    int32_t kept_rank; /* 1 to MOTE_MEAN_MAX_RANK; the output's elements in order */
    int32_t kept_dims[MOTE_MEAN_MAX_RANK];
    int32_t kept_steps[MOTE_MEAN_MAX_RANK];
    int32_t reduced_rank; /* 1 to MOTE_MEAN_MAX_RANK */
    int32_t reduced_dims[MOTE_MEAN_MAX_RANK];
    int32_t reduced_steps[MOTE_MEAN_MAX_RANK];
    int32_t output_size; /* elements: the product of kept_dims */
    int32_t count;       /* elements per mean: the product of reduced_dims */
    int32_t element_size; /* 1 (int8) or 2 (int16), input and output alike */
    int32_t input_zero_point;
    int32_t output_zero_point;
    int32_t multiplier;
    int32_t shift;
    int32_t output_min; /* the type's range */
    int32_t output_max;
} mote_mean_params;

void mote_mean(const mote_mean_params* p, const void* input, void* output);

#endif
