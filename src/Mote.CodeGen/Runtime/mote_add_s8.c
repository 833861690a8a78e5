#include "mote_add_s8.h"

void mote_add_s8(const mote_add_params* p, const int8_t* input1, const int8_t* input2, int8_t* output)
{
    int32_t i;
    for (i = 0; i < p->size; i++)
    {
        /* Both inputs go to a common scale with left_shift bits of headroom, are added, then rescaled. */
        const int32_t shifted1 = mote_shl(input1[i] + p->input1_offset, p->left_shift);
        const int32_t shifted2 = mote_shl(input2[i] + p->input2_offset, p->left_shift);
        const int32_t scaled1 = mote_rdbypot(mote_srdhm(shifted1, p->input1_multiplier), -p->input1_shift);
        const int32_t scaled2 = mote_rdbypot(mote_srdhm(shifted2, p->input2_multiplier), -p->input2_shift);
        const int32_t sum = scaled1 + scaled2;
        const int32_t result = mote_rdbypot(mote_srdhm(sum, p->output_multiplier), -p->output_shift) + p->output_offset;
        output[i] = (int8_t)mote_clamp(result, p->activation_min, p->activation_max);
    }
}
