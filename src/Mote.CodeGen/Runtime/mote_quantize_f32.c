#include "mote_quantize_f32.h"

#include "mote_values.h"

/* q rounded half away from zero, for |q| below 2^31. q minus its truncation is exact in float, so the fraction
   compared with one half is the true one. */
static int32_t mote_round_away(float q)
{
    const int32_t truncated = (int32_t)q;
    const float fraction = q - (float)truncated;
    return truncated + (fraction >= 0.5f ? 1 : 0) - (fraction <= -0.5f ? 1 : 0);
}

void mote_quantize_f32(const mote_quantize_f32_params* p, const void* input, void* output)
{
    /* Rounding is monotone and keeps integers, so clamping before it (in float, where the conversion to int is
       defined) gives the clamp after it. */
    const float lo = (float)(p->output_min - p->zero_point);
    const float hi = (float)(p->output_max - p->zero_point);
    int32_t i;
    for (i = 0; i < p->size; i++)
    {
        float q = ((const float*)input)[i] / p->scale;
        q = q != q ? 0.0f : (q < lo ? lo : (q > hi ? hi : q)); /* NaN quantizes to the zero point, as the interpreter */
        mote_set(output, i, p->output_element_size, mote_round_away(q) + p->zero_point);
    }
}
