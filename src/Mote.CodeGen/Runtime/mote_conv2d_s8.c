#include "mote_conv2d_s8.h"

#include <stddef.h>

void mote_conv2d_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output)
{
    /* Grouped convolution: each group of filters reads filter_depth consecutive input channels. */
    const int32_t groups = p->input_depth / p->filter_depth;
    const int32_t filters_per_group = p->output_depth / groups;
    int32_t b, oy, ox, oc, fy, fx, c;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            const int32_t in_y_origin = oy * p->stride_height - p->pad_height;
            for (ox = 0; ox < p->output_width; ox++)
            {
                const int32_t in_x_origin = ox * p->stride_width - p->pad_width;
                int8_t* out = output + ((b * p->output_height + oy) * p->output_width + ox) * p->output_depth;
                for (oc = 0; oc < p->output_depth; oc++)
                {
                    const int32_t channel_start = oc / filters_per_group * p->filter_depth;
                    int32_t acc = 0;
                    for (fy = 0; fy < p->filter_height; fy++)
                    {
                        const int32_t iy = in_y_origin + p->dilation_height * fy;
                        if (iy < 0 || iy >= p->input_height)
                        {
                            continue;
                        }

                        for (fx = 0; fx < p->filter_width; fx++)
                        {
                            const int32_t ix = in_x_origin + p->dilation_width * fx;
                            const int8_t* in;
                            const int8_t* taps;
                            if (ix < 0 || ix >= p->input_width)
                            {
                                continue;
                            }

                            in = input + ((b * p->input_height + iy) * p->input_width + ix) * p->input_depth + channel_start;
                            taps = filter + ((oc * p->filter_height + fy) * p->filter_width + fx) * p->filter_depth;
                            for (c = 0; c < p->filter_depth; c++)
                            {
                                acc += taps[c] * (in[c] + p->input_offset);
                            }
                        }
                    }

                    if (bias != NULL)
                    {
                        acc += bias[oc];
                    }

                    acc = mote_requant(acc, p->multipliers[oc], p->shifts[oc]) + p->output_offset;
                    out[oc] = (int8_t)mote_clamp(acc, p->activation_min, p->activation_max);
                }
            }
        }
    }
}
