#include "mote_fc_s8.h"

#include <stddef.h>

#include "mote_gemm_s8.h"

void mote_fc_s8(const mote_fc_params* p, const int8_t* input, const int8_t* weights, const int32_t* bias, int8_t* output)
{
    mote_gemm gemm;
    int32_t b;
    gemm.weights = weights;
    gemm.bias = bias;
    gemm.multipliers = p->multipliers;
    gemm.shifts = p->shifts;
    gemm.channel_step = p->per_channel;
    gemm.channels = p->units;
    gemm.depth = p->depth;
    gemm.input_offset = p->input_offset;
    gemm.output_offset = p->output_offset;
    gemm.activation_min = p->activation_min;
    gemm.activation_max = p->activation_max;

    /* Batches two at a time, so each weight loaded serves both. */
    for (b = 0; b < p->batches; b += 2)
    {
        const int32_t pair = b + 1 < p->batches;
        mote_gemm_s8(&gemm, input + b * p->depth, pair ? input + (b + 1) * p->depth : NULL,
            output + b * p->units, pair ? output + (b + 1) * p->units : NULL);
    }
}
