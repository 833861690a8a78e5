#include "mote_conv2d_s8.h"

#include <stddef.h>

#include "mote_gemm_s8.h"

/* The filter_depth channels from channel_start of every tap of output pixel `pixel`, in filter order; taps outside
   the image read as the input zero point. Each filter row is clipped to the image once; with dilation 1 and one
   group, the taps of a clipped row are contiguous in the input and are copied in one run. Returns the row. */
static const int8_t* mote_im2col(const mote_conv_params* p, const int8_t* input, int32_t pixel, int32_t channel_start, int8_t* row)
{
    const int32_t ox = pixel % p->output_width;
    const int32_t oy = pixel / p->output_width % p->output_height;
    const int32_t b = pixel / p->output_width / p->output_height;
    const int32_t in_y_origin = oy * p->stride_height - p->pad_height;
    const int32_t in_x_origin = ox * p->stride_width - p->pad_width;
    const int32_t depth = p->filter_depth;
    const int32_t row_bytes = p->filter_width * depth;
    const int32_t contiguous = p->dilation_width == 1 && depth == p->input_depth;
    const int8_t zero_point = (int8_t)-p->input_offset;
    /* The columns of taps inside the image, [fx_start, fx_end), the same for every filter row. */
    int32_t fx_start = 0;
    int32_t fx_end = p->filter_width;
    int8_t* out = row;
    int32_t fy, fx, k;
    while (fx_start < fx_end && in_x_origin + p->dilation_width * fx_start < 0)
    {
        fx_start++;
    }

    while (fx_end > fx_start && in_x_origin + p->dilation_width * (fx_end - 1) >= p->input_width)
    {
        fx_end--;
    }

    /* A window inside the image with contiguous rows (most pixels of a first layer): rows are copied as they are. */
    if (contiguous && fx_start == 0 && fx_end == p->filter_width && in_y_origin >= 0
        && in_y_origin + p->dilation_height * (p->filter_height - 1) < p->input_height)
    {
        const int32_t in_row = p->dilation_height * p->input_width * p->input_depth;
        const int8_t* in = input + ((b * p->input_height + in_y_origin) * p->input_width + in_x_origin) * p->input_depth;
        for (fy = 0; fy < p->filter_height; fy++, in += in_row, out += row_bytes)
        {
            for (k = 0; k < row_bytes; k++)
            {
                out[k] = in[k];
            }
        }

        return row;
    }

    for (fy = 0; fy < p->filter_height; fy++, out += row_bytes)
    {
        const int32_t iy = in_y_origin + p->dilation_height * fy;
        const int8_t* in;
        if (iy < 0 || iy >= p->input_height || fx_start == fx_end)
        {
            for (k = 0; k < row_bytes; k++)
            {
                out[k] = zero_point;
            }

            continue;
        }

        /* The first tap inside the image (no address outside the input is formed). */
        in = input + ((b * p->input_height + iy) * p->input_width + in_x_origin + p->dilation_width * fx_start) * p->input_depth + channel_start;
        for (k = 0; k < fx_start * depth; k++)
        {
            out[k] = zero_point;
        }

        if (contiguous)
        {
            const int8_t* from = in;
            for (; k < fx_end * depth; k++)
            {
                out[k] = *from++;
            }
        }
        else
        {
            for (fx = fx_start; fx < fx_end; fx++)
            {
                const int8_t* tap = in + p->dilation_width * (fx - fx_start) * p->input_depth;
                int32_t c;
                for (c = 0; c < depth; c++, k++)
                {
                    out[k] = tap[c];
                }
            }
        }

        for (; k < row_bytes; k++)
        {
            out[k] = zero_point;
        }
    }

    return row;
}

/* The input of output pixel `pixel` of a convolution that reads in place. */
static const int8_t* mote_input_row(const mote_conv_params* p, const int8_t* input, int32_t pixel, int32_t channel_start)
{
    const int32_t ox = pixel % p->output_width;
    const int32_t oy = pixel / p->output_width % p->output_height;
    const int32_t b = pixel / p->output_width / p->output_height;
    return input + ((b * p->input_height + oy * p->stride_height) * p->input_width + ox * p->stride_width) * p->input_depth + channel_start;
}

void mote_conv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* scratch, int8_t* output)
{
    /* Grouped convolution: each group of filters reads filter_depth consecutive input channels. */
    const int32_t groups = p->input_depth / p->filter_depth;
    const int32_t filters_per_group = p->output_depth / groups;
    const int32_t depth = p->filter_height * p->filter_width * p->filter_depth;
    const int32_t pixels = p->batches * p->output_height * p->output_width;
    const int32_t in_place = mote_conv2d_reads_in_place(p);
    int32_t g, pixel;
    for (g = 0; g < groups; g++)
    {
        const int32_t first = g * filters_per_group;
        const int32_t channel_start = g * p->filter_depth;
        mote_gemm gemm;
        gemm.weights = filter + first * depth;
        gemm.bias = bias != NULL ? bias + first : NULL;
        gemm.multipliers = p->multipliers + first;
        gemm.shifts = p->shifts + first;
        gemm.channel_step = 1;
        gemm.channels = filters_per_group;
        gemm.depth = depth;
        gemm.input_offset = p->input_offset;
        gemm.output_offset = p->output_offset;
        gemm.activation_min = p->activation_min;
        gemm.activation_max = p->activation_max;
        for (pixel = 0; pixel < pixels; pixel += 2)
        {
            /* An odd last pixel goes alone. */
            const int32_t pair = pixel + 1 < pixels;
            const int8_t* in0 = in_place ? mote_input_row(p, input, pixel, channel_start) : mote_im2col(p, input, pixel, channel_start, scratch);
            const int8_t* in1 = !pair ? NULL
                : in_place ? mote_input_row(p, input, pixel + 1, channel_start) : mote_im2col(p, input, pixel + 1, channel_start, scratch + depth);
            mote_gemm_s8(&gemm, in0, in1, output + pixel * p->output_depth + first, pair ? output + (pixel + 1) * p->output_depth + first : NULL);
        }
    }
}
