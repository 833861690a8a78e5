#include "mote_dequantize.h"

#include "mote_values.h"

void mote_dequantize(const mote_dequantize_params* p, const void* input, void* output)
{
    const double scale = p->scale;
    int32_t i;
    for (i = 0; i < p->size; i++)
    {
        ((float*)output)[i] = (float)(scale * (mote_get(input, i, p->input_element_size) - p->zero_point));
    }
}
