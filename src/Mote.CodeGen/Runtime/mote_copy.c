#include "mote_copy.h"

#include <string.h>

void mote_copy(const mote_copy_params* p, const void* input, void* output)
{
    const int32_t inner = p->rank - 1;
    const int32_t size = p->element_size;
    const int32_t run = p->dims[inner];
    /* An innermost axis contiguous on both sides is one block copy; otherwise it is copied element by element. */
    const int32_t contiguous = p->input_steps[inner] == 1 && p->output_steps[inner] == 1;
    const uint8_t* source = (const uint8_t*)input;
    uint8_t* target = (uint8_t*)output;
    int32_t index[MOTE_COPY_MAX_RANK] = {0};
    int32_t from = p->input_start;
    int32_t to = p->output_start;
    int32_t axis, i;
    for (axis = 0; axis < inner; axis++)
    {
        if (p->dims[axis] == 0)
        {
            return;
        }
    }

    for (;;)
    {
        if (contiguous)
        {
            memcpy(target + (size_t)to * size, source + (size_t)from * size, (size_t)run * size);
        }
        else
        {
            for (i = 0; i < run; i++)
            {
                memcpy(target + (size_t)(to + i * p->output_steps[inner]) * size,
                    source + (size_t)(from + i * p->input_steps[inner]) * size, (size_t)size);
            }
        }

        /* The next position of the outer axes, odometer fashion. */
        for (axis = inner - 1; axis >= 0; axis--)
        {
            from += p->input_steps[axis];
            to += p->output_steps[axis];
            if (++index[axis] < p->dims[axis])
            {
                break;
            }

            from -= p->input_steps[axis] * p->dims[axis];
            to -= p->output_steps[axis] * p->dims[axis];
            index[axis] = 0;
        }

        if (axis < 0)
        {
            return;
        }
    }
}
