#include "mote_gemm_s8.h"

#include <stddef.h>

#include "mote_dsp.h"

/* Requantizes the accumulator of channel c (bias not yet added). */
static inline int8_t mote_gemm_output(const mote_gemm* g, int32_t acc, int32_t c)
{
    const int32_t q = c * g->channel_step;
    if (g->bias != NULL)
    {
        acc += g->bias[c];
    }

    return mote_output_s8(acc, g->multipliers[q], g->shifts[q], g->output_offset, g->activation_min, g->activation_max);
}

/* Channel c's outputs for two input rows: its bias and requantization parameters are read once for both. */
static inline void mote_gemm_output2(const mote_gemm* g, int32_t acc0, int32_t acc1, int32_t c, int8_t* out0, int8_t* out1)
{
    const int32_t q = c * g->channel_step;
    const int32_t bias = g->bias != NULL ? g->bias[c] : 0;
    const int32_t multiplier = g->multipliers[q];
    const int32_t shift = g->shifts[q];
    out0[c] = mote_output_s8(acc0 + bias, multiplier, shift, g->output_offset, g->activation_min, g->activation_max);
    out1[c] = mote_output_s8(acc1 + bias, multiplier, shift, g->output_offset, g->activation_min, g->activation_max);
}

/* Two weight rows times two input rows: acc[2 * w + r] = sum w_w[k] * (in_r[k] + offset). */
static void mote_dot_2x2(const int8_t* w0, const int8_t* w1, const int8_t* in0, const int8_t* in1, int32_t depth, int32_t offset, int32_t acc[4])
{
    int32_t a00 = 0;
    int32_t a01 = 0;
    int32_t a10 = 0;
    int32_t a11 = 0;
    int32_t k = 0;
#if MOTE_USE_DSP
    const int32_t offsets = mote_pair(offset);
    for (; k + 4 <= depth; k += 4)
    {
        const uint32_t x0 = mote_load4(in0 + k);
        const uint32_t x1 = mote_load4(in1 + k);
        const uint32_t y0 = mote_load4(w0 + k);
        const uint32_t y1 = mote_load4(w1 + k);
        const int32_t x0even = mote_lanes02_plus(x0, offsets);
        const int32_t x0odd = mote_lanes13_plus(x0, offsets);
        const int32_t x1even = mote_lanes02_plus(x1, offsets);
        const int32_t x1odd = mote_lanes13_plus(x1, offsets);
        const int32_t y0even = mote_lanes02(y0);
        const int32_t y0odd = mote_lanes13(y0);
        const int32_t y1even = mote_lanes02(y1);
        const int32_t y1odd = mote_lanes13(y1);
        a00 = __smlad(y0even, x0even, a00);
        a00 = __smlad(y0odd, x0odd, a00);
        a01 = __smlad(y0even, x1even, a01);
        a01 = __smlad(y0odd, x1odd, a01);
        a10 = __smlad(y1even, x0even, a10);
        a10 = __smlad(y1odd, x0odd, a10);
        a11 = __smlad(y1even, x1even, a11);
        a11 = __smlad(y1odd, x1odd, a11);
    }
#endif
    for (; k < depth; k++)
    {
        const int32_t x0 = in0[k] + offset;
        const int32_t x1 = in1[k] + offset;
        a00 += w0[k] * x0;
        a01 += w0[k] * x1;
        a10 += w1[k] * x0;
        a11 += w1[k] * x1;
    }

    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

/* Four weight rows (depth apart from w) times one input row: acc[w] = sum w_w[k] * (in[k] + offset). */
static void mote_dot_4x1(const int8_t* w, const int8_t* in, int32_t depth, int32_t offset, int32_t acc[4])
{
    const int8_t* w1 = w + depth;
    const int8_t* w2 = w1 + depth;
    const int8_t* w3 = w2 + depth;
    int32_t a0 = 0;
    int32_t a1 = 0;
    int32_t a2 = 0;
    int32_t a3 = 0;
    int32_t k = 0;
#if MOTE_USE_DSP
    const int32_t offsets = mote_pair(offset);
    for (; k + 4 <= depth; k += 4)
    {
        const uint32_t x = mote_load4(in + k);
        const int32_t xeven = mote_lanes02_plus(x, offsets);
        const int32_t xodd = mote_lanes13_plus(x, offsets);
        uint32_t y = mote_load4(w + k);
        a0 = __smlad(mote_lanes02(y), xeven, a0);
        a0 = __smlad(mote_lanes13(y), xodd, a0);
        y = mote_load4(w1 + k);
        a1 = __smlad(mote_lanes02(y), xeven, a1);
        a1 = __smlad(mote_lanes13(y), xodd, a1);
        y = mote_load4(w2 + k);
        a2 = __smlad(mote_lanes02(y), xeven, a2);
        a2 = __smlad(mote_lanes13(y), xodd, a2);
        y = mote_load4(w3 + k);
        a3 = __smlad(mote_lanes02(y), xeven, a3);
        a3 = __smlad(mote_lanes13(y), xodd, a3);
    }
#endif
    for (; k < depth; k++)
    {
        const int32_t x = in[k] + offset;
        a0 += w[k] * x;
        a1 += w1[k] * x;
        a2 += w2[k] * x;
        a3 += w3[k] * x;
    }

    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

/* One weight row times one input row, for the channels left over by the blocked loops. */
static int32_t mote_dot(const int8_t* w, const int8_t* in, int32_t depth, int32_t offset)
{
    int32_t acc = 0;
    int32_t k;
    for (k = 0; k < depth; k++)
    {
        acc += w[k] * (in[k] + offset);
    }

    return acc;
}

void mote_gemm_s8(const mote_gemm* g, const int8_t* in0, const int8_t* in1, int8_t* out0, int8_t* out1)
{
    const int8_t* w = g->weights;
    int32_t acc[4];
    int32_t c = 0;
    if (in1 != NULL)
    {
        for (; c + 2 <= g->channels; c += 2, w += 2 * g->depth)
        {
            mote_dot_2x2(w, w + g->depth, in0, in1, g->depth, g->input_offset, acc);
            mote_gemm_output2(g, acc[0], acc[1], c, out0, out1);
            mote_gemm_output2(g, acc[2], acc[3], c + 1, out0, out1);
        }

        if (c < g->channels)
        {
            out1[c] = mote_gemm_output(g, mote_dot(w, in1, g->depth, g->input_offset), c);
        }
    }
    else
    {
        for (; c + 4 <= g->channels; c += 4, w += 4 * g->depth)
        {
            mote_dot_4x1(w, in0, g->depth, g->input_offset, acc);
            out0[c] = mote_gemm_output(g, acc[0], c);
            out0[c + 1] = mote_gemm_output(g, acc[1], c + 1);
            out0[c + 2] = mote_gemm_output(g, acc[2], c + 2);
            out0[c + 3] = mote_gemm_output(g, acc[3], c + 3);
        }
    }

    for (; c < g->channels; c++, w += g->depth)
    {
        out0[c] = mote_gemm_output(g, mote_dot(w, in0, g->depth, g->input_offset), c);
    }
}
