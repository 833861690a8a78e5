#include "mote_lstm_s8.h"

#include <string.h>

static int32_t mote_saturate_s16(int32_t x)
{
    return mote_clamp(x, INT16_MIN, INT16_MAX);
}

/* TFLite's input scaling of its table activations; the product fits int32 (checked at generation time). */
static int32_t mote_lut_input(int32_t x, int32_t multiplier, int32_t shift)
{
    return (x * multiplier + (shift > 0 ? (int32_t)1 << (shift - 1) : 0)) >> shift;
}

/* TFLite's int16 sigmoid: linear interpolation between table entries 512 input steps apart; Q0.15. */
static int32_t mote_sigmoid_s16(const uint16_t* table, int32_t x)
{
    const uint32_t magnitude = (uint32_t)(x < 0 ? -x : x);
    const uint32_t index = magnitude >> 9;
    uint32_t result = (uint32_t)0x7FFF << 10;
    if (index < 255)
    {
        result = ((uint32_t)table[index] << 9) + (magnitude & 0x1FF) * (uint32_t)(table[index + 1] - table[index]);
    }

    result = x >= 0 ? result + (1u << 9) : (1u << 25) - result + (1u << 9) - 1;
    return (int32_t)(result >> 10);
}

/* TFLite's int16 tanh = 2 sigmoid(2x) - 1: the same table at 256 input steps per entry; Q0.15. */
static int32_t mote_tanh_s16(const uint16_t* table, int32_t x)
{
    const uint32_t magnitude = (uint32_t)(x < 0 ? -x : x);
    const uint32_t index = magnitude >> 8;
    int32_t result = 0xFFFF << 8;
    if (index < 255)
    {
        result = (int32_t)(((uint32_t)table[index] << 8) + (magnitude & 0xFF) * (uint32_t)(table[index + 1] - table[index]));
    }

    result = x >= 0 ? result - (1 << 23) + (1 << 7) : -result + (1 << 23) + (1 << 7) - 1;
    return result >> 8;
}

/* A gate's pre-activation in Q3.12: both FCs requantized and saturated to int16, then added with saturation. */
static int32_t mote_lstm_gate_input(const mote_lstm_params* p, const mote_lstm_gate* g, int32_t unit, const int8_t* x, const int8_t* h)
{
    const int8_t* w = g->input_weights + unit * p->inputs;
    const int8_t* r = g->recurrent_weights + unit * p->units;
    int32_t from_input = g->input_bias[unit];
    int32_t from_hidden = g->recurrent_bias != NULL ? g->recurrent_bias[unit] : 0;
    int32_t i;
    for (i = 0; i < p->inputs; i++)
    {
        from_input += w[i] * x[i];
    }

    for (i = 0; i < p->units; i++)
    {
        from_hidden += r[i] * h[i];
    }

    return mote_saturate_s16(mote_saturate_s16(mote_requant(from_input, g->input_multiplier, g->input_shift))
        + mote_saturate_s16(mote_requant(from_hidden, g->recurrent_multiplier, g->recurrent_shift)));
}

static int32_t mote_lstm_sigmoid(const mote_lstm_params* p, const mote_lstm_gate* g, int32_t unit, const int8_t* x, const int8_t* h)
{
    return mote_sigmoid_s16(p->sigmoid_table, mote_lut_input(mote_lstm_gate_input(p, g, unit, x, h), p->gate_multiplier, 0));
}

void mote_lstm_s8(const mote_lstm_params* p, const int8_t* input, int8_t* hidden, int16_t* cell, int8_t* output)
{
    /* TFLM's step order: time-major input runs every batch row in one step, batch-major input each sequence alone. */
    const int32_t step_count = p->time_major ? p->steps : p->batches * p->steps;
    const int32_t rows = p->time_major ? p->batches : 1;
    int32_t step, r, u;
    for (step = 0; step < step_count; step++)
    {
        const int32_t input_row = p->time_major ? step * p->batches : step;
        const int32_t state_row = p->time_major ? 0 : step / p->steps;
        for (r = 0; r < rows; r++)
        {
            const int8_t* x = input + (input_row + r) * p->inputs;
            const int8_t* h = hidden + (state_row + r) * p->units;
            int16_t* c = cell + (state_row + r) * p->units;
            int8_t* o = output + (input_row + r) * p->units;
            for (u = 0; u < p->units; u++)
            {
                const int32_t forget = mote_lstm_sigmoid(p, p->forget_gate, u, x, h);
                const int32_t input_gate = mote_lstm_sigmoid(p, p->input_gate, u, x, h);
                const int32_t cell_gate = mote_tanh_s16(p->sigmoid_table, mote_lut_input(mote_lstm_gate_input(p, p->cell_gate, u, x, h), p->gate_multiplier, 0));
                const int32_t output_gate = mote_lstm_sigmoid(p, p->output_gate, u, x, h);
                const int32_t kept = mote_saturate_s16(mote_requant(forget * c[u], p->forget_multiplier, p->forget_shift));
                const int32_t added = mote_saturate_s16(mote_requant(input_gate * cell_gate, p->input_multiplier, p->input_shift));
                int32_t updated = mote_saturate_s16(kept + added);
                int32_t tanh;
                if (p->cell_clip > 0)
                {
                    updated = mote_clamp(updated, -p->cell_clip, p->cell_clip);
                }

                c[u] = (int16_t)updated;
                tanh = mote_tanh_s16(p->sigmoid_table, mote_lut_input(updated, p->tanh_multiplier, p->tanh_shift));
                o[u] = mote_output_s8(tanh * output_gate, p->output_multiplier, p->output_shift, p->hidden_zero_point, INT8_MIN, INT8_MAX);
            }
        }

        memcpy(hidden + state_row * p->units, output + input_row * p->units, (size_t)(rows * p->units));
    }
}
