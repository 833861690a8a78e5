/* Mote C runtime: integer SVDF (int8 input and output; int16 state and time weights, or int8 both), TFLM's reference
   kernel: the state moves one step back in time, the new feature projections become each filter's newest column, and
   every unit sums its rank filters over time. As TFLM, no fused activation is applied, only the int8 range. */
#ifndef MOTE_SVDF_H
#define MOTE_SVDF_H

#include "mote_common.h"

typedef struct
{
    int32_t batches;
    int32_t inputs;
    int32_t units;
    int32_t rank;               /* filters per unit */
    int32_t memory;             /* time steps each filter keeps */
    int32_t state_size;         /* bytes of a state value and of a time weight: 1 or 2 */
    int32_t input_offset;       /* -input zero point */
    int32_t state_zero_point;
    int32_t output_offset;      /* output zero point */
    int32_t feature_multiplier; /* input x feature weights to the state's scale */
    int32_t feature_shift;
    int32_t output_multiplier;  /* state x time weights to the output's scale */
    int32_t output_shift;
} mote_svdf_params;

/* weights_feature is [units * rank][inputs], weights_time [units * rank][memory] and state
   [batches][units * rank][memory], oldest value first; bias may be NULL. */
void mote_svdf(const mote_svdf_params* p, const int8_t* input, const int8_t* weights_feature, const void* weights_time,
    const int32_t* bias, void* state, int8_t* output);

#endif
