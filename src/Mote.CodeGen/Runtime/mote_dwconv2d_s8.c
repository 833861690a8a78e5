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

/* Where the taps of one output pixel are: the first tap inside the image, how many rows and columns of taps are
   inside, and the steps that move from tap to tap in the input and in the filter. */
typedef struct
{
    const int8_t* input;
    const int8_t* filter;
    int32_t rows;
    int32_t cols;
    int32_t input_step;     /* to the next column */
    int32_t input_row_skip; /* from past the last column to the next row's first */
    int32_t filter_row_skip;
} mote_dw_window;

/* What the per-pixel code reads of the parameters, copied once: an int8_t store may alias any object, so fields read
   through the parameter pointer inside the loops would be loaded again after every output byte. */
typedef struct
{
    const int32_t* bias;
    const int32_t* multipliers;
    const int32_t* shifts;
    int32_t depth;
    int32_t input_offset;
    int32_t output_offset;
    int32_t activation_min;
    int32_t activation_max;
} mote_dw_layer;

/* Four channels of one tap (x and y point at its first channel): one word of input and one of weights. */
static inline void mote_dw_tap(const int8_t* x, const int8_t* y, int32_t input_offset, int32_t* a0, int32_t* a1, int32_t* a2, int32_t* a3)
{
#if MOTE_USE_DSP
    const uint32_t xs = mote_load4(x);
    const uint32_t ys = mote_load4(y);
    const int32_t offsets = mote_pair(input_offset);
    const int32_t xeven = mote_lanes02_plus(xs, offsets);
    const int32_t xodd = mote_lanes13_plus(xs, offsets);
    const int32_t yeven = mote_lanes02(ys);
    const int32_t yodd = mote_lanes13(ys);
    *a0 = __smlabb(yeven, xeven, *a0);
    *a2 = __smlatt(yeven, xeven, *a2);
    *a1 = __smlabb(yodd, xodd, *a1);
    *a3 = __smlatt(yodd, xodd, *a3);
#else
    *a0 += y[0] * (x[0] + input_offset);
    *a1 += y[1] * (x[1] + input_offset);
    *a2 += y[2] * (x[2] + input_offset);
    *a3 += y[3] * (x[3] + input_offset);
#endif
}

/* One channel over the window's taps, for the channels left over by groups of four. */
static int32_t mote_dw_one(const mote_dw_window* win, const int8_t* x, const int8_t* y, int32_t depth, int32_t input_offset)
{
    int32_t acc = 0;
    int32_t fy, fx;
    for (fy = 0; fy < win->rows; fy++, x += win->input_row_skip, y += win->filter_row_skip)
    {
        for (fx = 0; fx < win->cols; fx++, x += win->input_step, y += depth)
        {
            acc += *y * (*x + input_offset);
        }
    }

    return acc;
}

static inline int8_t mote_dw_output(const mote_dw_layer* l, int32_t acc, int32_t c)
{
    return mote_output_s8(acc, l->multipliers[c], l->shifts[c], l->output_offset, l->activation_min, l->activation_max);
}

/* Every channel of one output pixel, four at a time. A whole 3x3 window (most pixels of most depthwise layers)
   takes a path with its columns written out; a clipped one walks the window's rows and columns. */
static void mote_dw_pixel(const mote_dw_layer* l, const mote_dw_window* win, int8_t* out)
{
    const int32_t depth = l->depth;
    const int32_t input_offset = l->input_offset;
    const int32_t step = win->input_step;
    /* With dilation 1 the next tap is `depth` bytes on in both the input and the filter, so one register serves both. */
    const int32_t full3 = win->rows == 3 && win->cols == 3 && step == depth;
    int32_t c = 0;
    for (; c + 4 <= depth; c += 4)
    {
        const int8_t* x = win->input + c;
        const int8_t* y = win->filter + c;
        int32_t a0 = 0;
        int32_t a1 = 0;
        int32_t a2 = 0;
        int32_t a3 = 0;
        int32_t fy, fx;
        if (l->bias != NULL)
        {
            a0 = l->bias[c];
            a1 = l->bias[c + 1];
            a2 = l->bias[c + 2];
            a3 = l->bias[c + 3];
        }

        if (full3)
        {
            const int32_t row = win->input_row_skip + 3 * depth;
            for (fy = 0; fy < 3; fy++, x += row, y += 3 * depth)
            {
                mote_dw_tap(x, y, input_offset, &a0, &a1, &a2, &a3);
                mote_dw_tap(x + depth, y + depth, input_offset, &a0, &a1, &a2, &a3);
                mote_dw_tap(x + 2 * depth, y + 2 * depth, input_offset, &a0, &a1, &a2, &a3);
            }
        }
        else
        {
            for (fy = 0; fy < win->rows; fy++, x += win->input_row_skip, y += win->filter_row_skip)
            {
                for (fx = 0; fx < win->cols; fx++, x += step, y += depth)
                {
                    mote_dw_tap(x, y, input_offset, &a0, &a1, &a2, &a3);
                }
            }
        }

        out[c] = mote_dw_output(l, a0, c);
        out[c + 1] = mote_dw_output(l, a1, c + 1);
        out[c + 2] = mote_dw_output(l, a2, c + 2);
        out[c + 3] = mote_dw_output(l, a3, c + 3);
    }

    for (; c < depth; c++)
    {
        const int32_t acc = mote_dw_one(win, win->input + c, win->filter + c, depth, input_offset) + (l->bias != NULL ? l->bias[c] : 0);
        out[c] = mote_dw_output(l, acc, c);
    }
}

void mote_dwconv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output)
{
    const int32_t depth = p->output_depth;
    int8_t* out = output;
    mote_dw_layer layer;
    mote_dw_window win;
    int32_t b, oy, ox;
    layer.bias = bias;
    layer.multipliers = p->multipliers;
    layer.shifts = p->shifts;
    layer.depth = depth;
    layer.input_offset = p->input_offset;
    layer.output_offset = p->output_offset;
    layer.activation_min = p->activation_min;
    layer.activation_max = p->activation_max;
    win.input_step = p->dilation_width * depth;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            const int32_t in_y_origin = oy * p->stride_height - p->pad_height;
            int32_t fy_start, fy_end;
            mote_window(in_y_origin, p->dilation_height, p->input_height, p->filter_height, &fy_start, &fy_end);
            for (ox = 0; ox < p->output_width; ox++, out += depth)
            {
                const int32_t in_x_origin = ox * p->stride_width - p->pad_width;
                int32_t fx_start, fx_end;
                mote_window(in_x_origin, p->dilation_width, p->input_width, p->filter_width, &fx_start, &fx_end);
                /* With no tap inside the image only the bias remains (and no tap's address is formed). */
                win.rows = fx_start == fx_end ? 0 : fy_end - fy_start;
                win.cols = fx_end - fx_start;
                win.input = win.rows == 0 ? input
                    : input + ((b * p->input_height + in_y_origin + p->dilation_height * fy_start) * p->input_width + in_x_origin + p->dilation_width * fx_start) * depth;
                win.filter = filter + (fy_start * p->filter_width + fx_start) * depth;
                win.input_row_skip = (p->dilation_height * p->input_width - p->dilation_width * win.cols) * depth;
                win.filter_row_skip = (p->filter_width - win.cols) * depth;
                mote_dw_pixel(&layer, &win, out);
            }
        }
    }
}
