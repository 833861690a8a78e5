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

#if MOTE_USE_DSP
/* The longest input rows the 2x2 loop widens first: their 4 bytes per value (two rows of int16) are on the stack. */
#define MOTE_GEMM_WIDEN_LIMIT 256

/* The first depth4 (a multiple of four) values of two input rows, widened to int16 with the input offset added, as
   words [in0 lanes 0,2][in0 lanes 1,3][in1 lanes 0,2][in1 lanes 1,3] per four values: done once per pair of rows
   instead of once per pair of channels. */
static void mote_widen_2(const int8_t* in0, const int8_t* in1, int32_t depth4, int32_t offset, int32_t* widened)
{
    const int32_t offsets = mote_pair(offset);
    int32_t k;
    for (k = 0; k < depth4; k += 4, widened += 4)
    {
        const uint32_t x0 = mote_load4(in0 + k);
        const uint32_t x1 = mote_load4(in1 + k);
        widened[0] = mote_lanes02_plus(x0, offsets);
        widened[1] = mote_lanes13_plus(x0, offsets);
        widened[2] = mote_lanes02_plus(x1, offsets);
        widened[3] = mote_lanes13_plus(x1, offsets);
    }
}

/* mote_dot_2x2 over the first depth4 (> 0) values with the inputs from mote_widen_2 (word-aligned): only the
   weights are extended in the loop, and one pointer walks both input rows. */
static void mote_dot_2x2_widened(const int8_t* w0, const int8_t* w1, const int32_t* x, int32_t depth4, int32_t acc[4])
{
    int32_t a00 = 0;
    int32_t a01 = 0;
    int32_t a10 = 0;
    int32_t a11 = 0;
#if defined(__OPTIMIZE__)
    const int32_t* end = x + depth4;
    uint32_t even, odd, lanes02, lanes13;
    /* Per four values: a weight word widened to its even and odd lanes meets the two widened words of each input
       row, then the second weight row does the same: 20 instructions for 16 MACs where GCC 12's schedule of the C
       form below spills a register and takes 24. 12 registers, so a frame pointer or a PIC register still leaves
       room; an unoptimized build (which keeps every variable in memory) gets the C form. */
    __asm__(
        "1:\n\t"
        "ldr %[odd], [%[w0]], #4\n\t"
        "sxtb16 %[even], %[odd]\n\t"
        "sxtb16 %[odd], %[odd], ror #8\n\t"
        "ldrd %[x02], %[x13], [%[x]]\n\t"
        "smlad %[a00], %[even], %[x02], %[a00]\n\t"
        "smlad %[a00], %[odd], %[x13], %[a00]\n\t"
        "ldrd %[x02], %[x13], [%[x], #8]\n\t"
        "smlad %[a01], %[even], %[x02], %[a01]\n\t"
        "smlad %[a01], %[odd], %[x13], %[a01]\n\t"
        "ldr %[odd], [%[w1]], #4\n\t"
        "sxtb16 %[even], %[odd]\n\t"
        "sxtb16 %[odd], %[odd], ror #8\n\t"
        "ldrd %[x02], %[x13], [%[x]]\n\t"
        "smlad %[a10], %[even], %[x02], %[a10]\n\t"
        "smlad %[a10], %[odd], %[x13], %[a10]\n\t"
        "ldrd %[x02], %[x13], [%[x], #8]\n\t"
        "smlad %[a11], %[even], %[x02], %[a11]\n\t"
        "smlad %[a11], %[odd], %[x13], %[a11]\n\t"
        "adds %[x], %[x], #16\n\t"
        "cmp %[x], %[end]\n\t"
        "bne 1b"
        : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11), [w0] "+r"(w0), [w1] "+r"(w1), [x] "+r"(x),
          [even] "=&r"(even), [odd] "=&r"(odd), [x02] "=&r"(lanes02), [x13] "=&r"(lanes13)
        : [end] "r"(end)
        : "cc", "memory");
#else
    int32_t k;
    for (k = 0; k < depth4; k += 4, x += 4)
    {
        const uint32_t y0 = mote_load4(w0 + k);
        const uint32_t y1 = mote_load4(w1 + k);
        const int32_t y0even = mote_lanes02(y0);
        const int32_t y0odd = mote_lanes13(y0);
        const int32_t y1even = mote_lanes02(y1);
        const int32_t y1odd = mote_lanes13(y1);
        a00 = __smlad(y0even, x[0], a00);
        a00 = __smlad(y0odd, x[1], a00);
        a01 = __smlad(y0even, x[2], a01);
        a01 = __smlad(y0odd, x[3], a01);
        a10 = __smlad(y1even, x[0], a10);
        a10 = __smlad(y1odd, x[1], a10);
        a11 = __smlad(y1even, x[2], a11);
        a11 = __smlad(y1odd, x[3], a11);
    }
#endif

    acc[0] = a00;
    acc[1] = a01;
    acc[2] = a10;
    acc[3] = a11;
}

/* Two weight rows times two input rows from value `from` on, added to acc, for what the widened loop leaves. */
static void mote_dot_2x2_tail(const int8_t* w0, const int8_t* w1, const int8_t* in0, const int8_t* in1, int32_t from, int32_t depth, int32_t offset,
    int32_t acc[4])
{
    int32_t k;
    for (k = from; k < depth; k++)
    {
        const int32_t x0 = in0[k] + offset;
        const int32_t x1 = in1[k] + offset;
        acc[0] += w0[k] * x0;
        acc[1] += w0[k] * x1;
        acc[2] += w1[k] * x0;
        acc[3] += w1[k] * x1;
    }
}
#endif

/* Four weight rows (depth apart from w) times one input row: acc[w] = sum w_w[k] * (in[k] + offset). One pointer
   walks the first row and the others are read at fixed distances from it, so the loop's pointers fit in registers.
   Not inlined: inside mote_gemm_s8 at -Os, gcc spills the loop's values to make room for the caller's (ad01_int8
   -Os: 0.798 M instructions inlined, 0.619 M not; -O2: 0.568 M and 0.571 M). */
static MOTE_NOINLINE void mote_dot_4x1(const int8_t* w, const int8_t* in, int32_t depth, int32_t offset, int32_t acc[4])
{
    const int32_t depth2 = 2 * depth;
    const int32_t depth3 = 3 * depth;
    const int8_t* end = in + depth;
    int32_t a0 = 0;
    int32_t a1 = 0;
    int32_t a2 = 0;
    int32_t a3 = 0;
#if MOTE_USE_DSP
    const int8_t* end4 = in + (depth & ~3);
    const int32_t offsets = mote_pair(offset);
    for (; in != end4; in += 4, w += 4)
    {
        const uint32_t x = mote_load4(in);
        const int32_t xeven = mote_lanes02_plus(x, offsets);
        const int32_t xodd = mote_lanes13_plus(x, offsets);
        uint32_t y = mote_load4(w);
        a0 = __smlad(mote_lanes02(y), xeven, a0);
        a0 = __smlad(mote_lanes13(y), xodd, a0);
        y = mote_load4(w + depth);
        a1 = __smlad(mote_lanes02(y), xeven, a1);
        a1 = __smlad(mote_lanes13(y), xodd, a1);
        y = mote_load4(w + depth2);
        a2 = __smlad(mote_lanes02(y), xeven, a2);
        a2 = __smlad(mote_lanes13(y), xodd, a2);
        y = mote_load4(w + depth3);
        a3 = __smlad(mote_lanes02(y), xeven, a3);
        a3 = __smlad(mote_lanes13(y), xodd, a3);
    }
#endif
    for (; in != end; in++, w++)
    {
        const int32_t x = *in + offset;
        a0 += w[0] * x;
        a1 += w[depth] * x;
        a2 += w[depth2] * x;
        a3 += w[depth3] * x;
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

/* Every pair of channels for two input rows; returns how many channels that is. With the DSP extension and rows no
   longer than MOTE_GEMM_WIDEN_LIMIT, the rows are widened once into this function's stack (a variable-length array,
   kept out of mote_gemm_s8 so that the other paths keep a frame without one). */
static MOTE_NOINLINE int32_t mote_gemm_pairs(const mote_gemm* g, const int8_t* in0, const int8_t* in1, int8_t* out0, int8_t* out1)
{
    const int8_t* w = g->weights;
    int32_t acc[4];
    int32_t c;
#if MOTE_USE_DSP
    const int32_t depth4 = g->depth <= MOTE_GEMM_WIDEN_LIMIT ? g->depth & ~3 : 0;
    int32_t widened[MOTE_GEMM_WIDEN_LIMIT];
    if (depth4 > 0)
    {
        mote_widen_2(in0, in1, depth4, g->input_offset, widened);
    }
#endif
    for (c = 0; c + 2 <= g->channels; c += 2, w += 2 * g->depth)
    {
#if MOTE_USE_DSP
        if (depth4 > 0)
        {
            mote_dot_2x2_widened(w, w + g->depth, widened, depth4, acc);
            mote_dot_2x2_tail(w, w + g->depth, in0, in1, depth4, g->depth, g->input_offset, acc);
        }
        else
#endif
        {
            mote_dot_2x2(w, w + g->depth, in0, in1, g->depth, g->input_offset, acc);
        }

        mote_gemm_output2(g, acc[0], acc[1], c, out0, out1);
        mote_gemm_output2(g, acc[2], acc[3], c + 1, out0, out1);
    }

    return c;
}

void mote_gemm_s8(const mote_gemm* layer, const int8_t* in0, const int8_t* in1, int8_t* out0, int8_t* out1)
{
    /* A local copy: an int8_t store may alias any object, so fields read through the pointer would be loaded again
       after every output byte. */
    const mote_gemm copy = *layer;
    const mote_gemm* g = &copy;
    const int8_t* w = g->weights;
    int32_t acc[4];
    int32_t c = 0;
    if (in1 != NULL)
    {
        c = mote_gemm_pairs(g, in0, in1, out0, out1);
        w += c * g->depth;
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
