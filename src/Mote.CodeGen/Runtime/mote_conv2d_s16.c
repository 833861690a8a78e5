#include "mote_conv2d_s16.h"

#include <stddef.h>

#include "mote_requant_s64.h"

void mote_conv2d_s16(const mote_conv_params* p, const void* input, const int8_t* filter, const int64_t* bias, void* output)
{
    const int16_t* in = (const int16_t*)input;
    int16_t* out = (int16_t*)output;
    const int32_t groups = p->input_depth / p->filter_depth;
    const int32_t filters_per_group = p->output_depth / groups;
    int32_t b, oy, ox, oc, fy, fx, c;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            for (ox = 0; ox < p->output_width; ox++)
            {
                const int32_t y0 = oy * p->stride_height - p->pad_height;
                const int32_t x0 = ox * p->stride_width - p->pad_width;
                int16_t* pixel = out + ((b * p->output_height + oy) * p->output_width + ox) * p->output_depth;
                for (oc = 0; oc < p->output_depth; oc++)
                {
                    const int32_t channel_start = oc / filters_per_group * p->filter_depth;
                    int64_t acc = bias != NULL ? bias[oc] : 0;
                    for (fy = 0; fy < p->filter_height; fy++)
                    {
                        const int32_t iy = y0 + p->dilation_height * fy;
                        if (iy < 0 || iy >= p->input_height)
                        {
                            continue;
                        }

                        for (fx = 0; fx < p->filter_width; fx++)
                        {
                            const int32_t ix = x0 + p->dilation_width * fx;
                            const int16_t* x;
                            const int8_t* w;
                            if (ix < 0 || ix >= p->input_width)
                            {
                                continue;
                            }

                            x = in + ((b * p->input_height + iy) * p->input_width + ix) * p->input_depth + channel_start;
                            w = filter + ((oc * p->filter_height + fy) * p->filter_width + fx) * p->filter_depth;
                            for (c = 0; c < p->filter_depth; c++)
                            {
                                acc += (int32_t)w[c] * x[c];
                            }
                        }
                    }

                    pixel[oc] = (int16_t)mote_clamp(mote_requant_s64(acc, p->multipliers[oc], p->shifts[oc]) + p->output_offset,
                        p->activation_min, p->activation_max);
                }
            }
        }
    }
}
