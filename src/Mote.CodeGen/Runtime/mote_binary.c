#include "mote_binary.h"

#include "mote_values.h"

static int32_t mote_binary_one(const mote_add_params* a, int32_t operation, int32_t x1, int32_t x2)
{
    int32_t scaled1, scaled2, raw, result;
    if (operation == MOTE_BINARY_MUL)
    {
        result = mote_requant((x1 + a->input1_offset) * (x2 + a->input2_offset), a->output_multiplier, a->output_shift) + a->output_offset;
        return mote_clamp(result, a->activation_min, a->activation_max);
    }

    /* Both inputs go to a common scale with left_shift bits of headroom, are combined, then rescaled. */
    scaled1 = mote_rdbypot(mote_srdhm(mote_shl(x1 + a->input1_offset, a->left_shift), a->input1_multiplier), -a->input1_shift);
    scaled2 = mote_rdbypot(mote_srdhm(mote_shl(x2 + a->input2_offset, a->left_shift), a->input2_multiplier), -a->input2_shift);
    raw = operation == MOTE_BINARY_SUB ? scaled1 - scaled2 : scaled1 + scaled2;
    result = mote_rdbypot(mote_srdhm(raw, a->output_multiplier), -a->output_shift) + a->output_offset;
    return mote_clamp(result, a->activation_min, a->activation_max);
}

void mote_binary(const mote_binary_params* p, const void* input1, const void* input2, void* output)
{
    const int32_t inner = p->rank - 1;
    const int32_t size = p->element_size;
    int32_t index[MOTE_BINARY_MAX_RANK] = {0};
    int32_t from1 = 0;
    int32_t from2 = 0;
    int32_t to = 0;
    int32_t axis, i;
    if (p->arithmetic.size == 0)
    {
        return;
    }

    for (;;)
    {
        for (i = 0; i < p->dims[inner]; i++)
        {
            const int32_t x1 = mote_get(input1, from1 + i * p->input1_steps[inner], size);
            const int32_t x2 = mote_get(input2, from2 + i * p->input2_steps[inner], size);
            mote_set(output, to++, size, mote_binary_one(&p->arithmetic, p->operation, x1, x2));
        }

        /* The next position of the outer axes, odometer fashion. */
        for (axis = inner - 1; axis >= 0; axis--)
        {
            from1 += p->input1_steps[axis];
            from2 += p->input2_steps[axis];
            if (++index[axis] < p->dims[axis])
            {
                break;
            }

            from1 -= p->input1_steps[axis] * p->dims[axis];
            from2 -= p->input2_steps[axis] * p->dims[axis];
            index[axis] = 0;
        }

        if (axis < 0)
        {
            return;
        }
    }
}
