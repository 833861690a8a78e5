#include "mote_dwconv2d_s8.h"

#include <stddef.h>

#include "mote_dsp.h"

/* The filter taps [*start, *end) whose input position origin + dilation * tap lies in [0, size). */
static void mote_window(int32_t origin, int32_t dilation, int32_t size, int32_t filter, int32_t* start, int32_t* end)
{
    const int32_t first = origin < 0 ? (dilation - 1 - origin) / dilation : 0;
    const int32_t past = size - origin <= 0 ? 0 : (size - origin + dilation - 1) / dilation;
    *start = first < filter ? first : filter;
    *end = past < *start ? *start : (past < filter ? past : filter);
}

/* Sums over the taps [fy_start, fy_end) x [fx_start, fx_end) of w * (in + input_offset) for the `width` (1 to 4)
   channels at in and w, which point at the window's first tap; bias and requantization follow in the caller. */
static void mote_dw_taps(const mote_conv_params* p, const int8_t* in, const int8_t* w, int32_t taps_y, int32_t taps_x, int32_t width, int32_t acc[4])
{
    const int32_t depth = p->output_depth;
    const int32_t in_step_x = p->dilation_width * depth;
    const int32_t in_step_y = p->dilation_height * p->input_width * depth;
    const int32_t w_step_y = p->filter_width * depth;
    int32_t a0 = 0;
    int32_t a1 = 0;
    int32_t a2 = 0;
    int32_t a3 = 0;
    int32_t fy, fx, j;
    if (width == 4)
    {
#if MOTE_USE_DSP
        const int32_t offsets = mote_pair(p->input_offset);
#endif
        for (fy = 0; fy < taps_y; fy++, in += in_step_y, w += w_step_y)
        {
            const int8_t* x = in;
            const int8_t* y = w;
            for (fx = 0; fx < taps_x; fx++, x += in_step_x, y += depth)
            {
#if MOTE_USE_DSP
                const uint32_t xs = mote_load4(x);
                const uint32_t ys = mote_load4(y);
                const int32_t xeven = mote_lanes02_plus(xs, offsets);
                const int32_t xodd = mote_lanes13_plus(xs, offsets);
                const int32_t yeven = mote_lanes02(ys);
                const int32_t yodd = mote_lanes13(ys);
                a0 = __smlabb(yeven, xeven, a0);
                a2 = __smlatt(yeven, xeven, a2);
                a1 = __smlabb(yodd, xodd, a1);
                a3 = __smlatt(yodd, xodd, a3);
#else
                a0 += y[0] * (x[0] + p->input_offset);
                a1 += y[1] * (x[1] + p->input_offset);
                a2 += y[2] * (x[2] + p->input_offset);
                a3 += y[3] * (x[3] + p->input_offset);
#endif
            }
        }
    }
    else
    {
        for (fy = 0; fy < taps_y; fy++, in += in_step_y, w += w_step_y)
        {
            for (fx = 0; fx < taps_x; fx++)
            {
                for (j = 0; j < width; j++)
                {
                    acc[j] += w[fx * depth + j] * (in[fx * in_step_x + j] + p->input_offset);
                }
            }
        }

        return;
    }

    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
}

void mote_dwconv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output)
{
    const int32_t depth = p->output_depth;
    int32_t b, oy, ox, c, j;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            const int32_t in_y_origin = oy * p->stride_height - p->pad_height;
            int32_t fy_start, fy_end;
            mote_window(in_y_origin, p->dilation_height, p->input_height, p->filter_height, &fy_start, &fy_end);
            for (ox = 0; ox < p->output_width; ox++)
            {
                const int32_t in_x_origin = ox * p->stride_width - p->pad_width;
                int8_t* out = output + ((b * p->output_height + oy) * p->output_width + ox) * depth;
                int32_t fx_start, fx_end;
                int32_t first_tap, empty;
                mote_window(in_x_origin, p->dilation_width, p->input_width, p->filter_width, &fx_start, &fx_end);
                /* With no tap inside the image only the bias remains (and the first tap's address is not formed). */
                empty = fy_start == fy_end || fx_start == fx_end;
                first_tap = empty ? 0
                    : ((b * p->input_height + in_y_origin + p->dilation_height * fy_start) * p->input_width + in_x_origin + p->dilation_width * fx_start) * depth;
                for (c = 0; c < depth; c += 4)
                {
                    /* The last group may be narrower than four channels. */
                    const int32_t width = depth - c < 4 ? depth - c : 4;
                    int32_t acc[4] = { 0, 0, 0, 0 };
                    mote_dw_taps(p, input + first_tap + c, filter + (empty ? 0 : (fy_start * p->filter_width + fx_start) * depth) + c,
                        empty ? 0 : fy_end - fy_start, fx_end - fx_start, width, acc);
                    for (j = 0; j < width; j++)
                    {
                        const int32_t total = acc[j] + (bias != NULL ? bias[c + j] : 0);
                        out[c + j] = mote_output_s8(total, p->multipliers[c + j], p->shifts[c + j], p->output_offset, p->activation_min, p->activation_max);
                    }
                }
            }
        }
    }
}
