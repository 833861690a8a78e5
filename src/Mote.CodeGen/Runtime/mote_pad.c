#include "mote_pad.h"

#include <string.h>

void mote_pad(const mote_pad_params* p, const void* input, void* output)
{
    int32_t i;
    switch (p->copy.element_size)
    {
    case 1:
        memset(output, (int)p->fill, (size_t)p->output_size);
        break;
    case 2:
        for (i = 0; i < p->output_size; i++)
        {
            ((int16_t*)output)[i] = (int16_t)p->fill;
        }

        break;
    default:
        for (i = 0; i < p->output_size; i++)
        {
            ((int32_t*)output)[i] = p->fill;
        }

        break;
    }

    mote_copy(&p->copy, input, output);
}
