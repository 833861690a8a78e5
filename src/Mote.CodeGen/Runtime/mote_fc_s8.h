/* Mote C runtime: int8 FULLY_CONNECTED on mote_gemm_s8, bit-exact with TFLM's reference integer kernel. */
#ifndef MOTE_FC_S8_H
#define MOTE_FC_S8_H

#include "mote_common.h"

typedef struct
{
    int32_t batches;
    int32_t units;
    int32_t depth;
    int32_t input_offset;
    int32_t output_offset;
    int32_t activation_min;
    int32_t activation_max;
    int32_t per_channel; /* 1: one multiplier per unit; 0: multipliers[0] for all */
    const int32_t* multipliers;
    const int32_t* shifts;
} mote_fc_params;

/* weights are [units][depth]; bias may be NULL. */
void mote_fc_s8(const mote_fc_params* p, const int8_t* input, const int8_t* weights, const int32_t* bias, int8_t* output);

#endif
