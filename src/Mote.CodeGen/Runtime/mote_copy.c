#include "mote_copy.h"

#include <string.h>

/* The innermost axis element by element, through the element's type (a memcpy of a variable size per element would
   be a call each). Tensors are aligned to their element size, so the typed accesses are too. */
static void mote_copy_strided(const mote_copy_params* p, const uint8_t* source, uint8_t* target, int32_t from, int32_t to)
{
    const int32_t inner = p->rank - 1;
    const int32_t run = p->dims[inner];
    const int32_t in_step = p->input_steps[inner];
    const int32_t out_step = p->output_steps[inner];
    int32_t i;
    switch (p->element_size)
    {
    case 1:
        for (i = 0; i < run; i++)
        {
            target[to + i * out_step] = source[from + i * in_step];
        }

        break;
    case 2:
        for (i = 0; i < run; i++)
        {
            ((uint16_t*)target)[to + i * out_step] = ((const uint16_t*)source)[from + i * in_step];
        }

        break;
    default:
        for (i = 0; i < run; i++)
        {
            ((uint32_t*)target)[to + i * out_step] = ((const uint32_t*)source)[from + i * in_step];
        }

        break;
    }
}

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
    int32_t axis;
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
            mote_copy_strided(p, source, target, from, to);
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
