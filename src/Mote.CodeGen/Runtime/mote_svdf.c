#include "mote_svdf.h"

#include <string.h>

#include "mote_values.h"

void mote_svdf(const mote_svdf_params* p, const int8_t* input, const int8_t* weights_feature, const void* weights_time,
    const int32_t* bias, void* state, int8_t* output)
{
    const int32_t size = p->state_size;
    const int32_t filters = p->units * p->rank;
    const int32_t state_min = size == 1 ? INT8_MIN : INT16_MIN;
    const int32_t state_max = size == 1 ? INT8_MAX : INT16_MAX;
    int32_t b, f, u, i;

    /* As TFLM, the whole state moves back one element; each filter's last column is then overwritten below. */
    memmove(state, (int8_t*)state + size, (size_t)(p->batches * filters * p->memory - 1) * (size_t)size);
    for (b = 0; b < p->batches; b++)
    {
        const int8_t* row = input + b * p->inputs;
        for (f = 0; f < filters; f++)
        {
            const int8_t* weights = weights_feature + f * p->inputs;
            int32_t acc = 0;
            for (i = 0; i < p->inputs; i++)
            {
                acc += weights[i] * (row[i] + p->input_offset);
            }

            acc = mote_requant(acc, p->feature_multiplier, p->feature_shift) + p->state_zero_point;
            mote_set(state, (b * filters + f + 1) * p->memory - 1, size, mote_clamp(acc, state_min, state_max));
        }
    }

    for (b = 0; b < p->batches; b++)
    {
        for (u = 0; u < p->units; u++)
        {
            /* Products of int16 values reach 2^30 and TFLM's int32 sums of them wrap around (keyword_scrambled's do), so
               the sum is taken modulo 2^32 in unsigned arithmetic, where signed overflow would be undefined. */
            uint32_t acc = bias != NULL ? (uint32_t)bias[u] : 0;
            for (f = u * p->rank; f < (u + 1) * p->rank; f++)
            {
                const int32_t history = (b * filters + f) * p->memory;
                for (i = 0; i < p->memory; i++)
                {
                    acc += (uint32_t)mote_get(weights_time, f * p->memory + i, size) * (uint32_t)(mote_get(state, history + i, size) - p->state_zero_point);
                }
            }

            output[b * p->units + u] = mote_output_s8((int32_t)acc, p->output_multiplier, p->output_shift, p->output_offset, INT8_MIN, INT8_MAX);
        }
    }
}
