#include "mote_mean.h"

#include "mote_values.h"

/* The offset of the walk's next position, odometer fashion (index holds the position on each axis). */
static int32_t mote_mean_next(int32_t rank, const int32_t* dims, const int32_t* steps, int32_t* index, int32_t offset)
{
    int32_t axis;
    for (axis = rank - 1; axis >= 0; axis--)
    {
        offset += steps[axis];
        if (++index[axis] < dims[axis])
        {
            return offset;
        }

        offset -= steps[axis] * dims[axis];
        index[axis] = 0;
    }

    return offset;
}

void mote_mean(const mote_mean_params* p, const void* input, void* output)
{
    int32_t kept[MOTE_MEAN_MAX_RANK] = {0};
    int32_t base = 0;
    int32_t o, n;
    for (o = 0; o < p->output_size; o++)
    {
        int32_t reduced[MOTE_MEAN_MAX_RANK] = {0};
        int32_t offset = base;
        int32_t sum = 0;
        int32_t value;
        for (n = 0; n < p->count; n++)
        {
            sum += mote_get(input, offset, p->element_size);
            offset = mote_mean_next(p->reduced_rank, p->reduced_dims, p->reduced_steps, reduced, offset);
        }

        value = mote_requant(mote_sub_wrap(sum, p->input_zero_point * p->count), p->multiplier, p->shift) + p->output_zero_point;
        mote_set(output, o, p->element_size, mote_clamp(value, p->output_min, p->output_max));
        base = mote_mean_next(p->kept_rank, p->kept_dims, p->kept_steps, kept, base);
    }
}
