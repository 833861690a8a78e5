#include "mote_fc_s8.h"

#include <stddef.h>

void mote_fc_s8(const mote_fc_params* p, const int8_t* input, const int8_t* weights, const int32_t* bias, int8_t* output)
{
    int32_t b, u, d;
    for (b = 0; b < p->batches; b++)
    {
        const int8_t* in = input + b * p->depth;
        for (u = 0; u < p->units; u++)
        {
            const int8_t* row = weights + u * p->depth;
            const int32_t channel = p->per_channel ? u : 0;
            int32_t acc = 0;
            for (d = 0; d < p->depth; d++)
            {
                acc += row[d] * (in[d] + p->input_offset);
            }

            if (bias != NULL)
            {
                acc += bias[u];
            }

            acc = mote_requant(acc, p->multipliers[channel], p->shifts[channel]) + p->output_offset;
            output[b * p->units + u] = (int8_t)mote_clamp(acc, p->activation_min, p->activation_max);
        }
    }
}
