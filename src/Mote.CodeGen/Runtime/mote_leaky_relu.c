#include "mote_leaky_relu.h"

#include "mote_values.h"

void mote_leaky_relu(const mote_leaky_relu_params* p, const void* input, void* output)
{
    int32_t i;
    for (i = 0; i < p->size; i++)
    {
        const int32_t x = mote_get(input, i, p->element_size) + p->input_offset;
        const int32_t scaled = x >= 0 ? mote_requant(x, p->identity_multiplier, p->identity_shift)
                                      : mote_requant(x, p->alpha_multiplier, p->alpha_shift);
        mote_set(output, i, p->element_size, mote_clamp(scaled + p->output_offset, p->output_min, p->output_max));
    }
}
