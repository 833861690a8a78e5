#include "mote_requantize.h"

#include "mote_values.h"

void mote_requantize(const mote_requantize_params* p, const void* input, void* output)
{
    int32_t i;
    for (i = 0; i < p->size; i++)
    {
        const int32_t x = mote_sub_wrap(mote_get(input, i, p->input_element_size), p->input_zero_point);
        const int32_t value = mote_requant(x, p->multiplier, p->shift) + p->output_zero_point;
        mote_set(output, i, p->output_element_size, mote_clamp(value, p->output_min, p->output_max));
    }
}
