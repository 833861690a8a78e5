#include "mote_dwconv2d_mult_s8.h"

#include <stddef.h>

void mote_dwconv2d_mult_s8(const mote_conv_params* p, const int8_t* input, const int8_t* filter, const int32_t* bias, int8_t* output)
{
    const int32_t multiplier = p->output_depth / p->input_depth;
    int32_t b, oy, ox, ic, m, fy, fx;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            const int32_t in_y_origin = oy * p->stride_height - p->pad_height;
            for (ox = 0; ox < p->output_width; ox++)
            {
                const int32_t in_x_origin = ox * p->stride_width - p->pad_width;
                int8_t* out = output + ((b * p->output_height + oy) * p->output_width + ox) * p->output_depth;
                for (ic = 0; ic < p->input_depth; ic++)
                {
                    for (m = 0; m < multiplier; m++)
                    {
                        const int32_t oc = ic * multiplier + m;
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
                                int32_t value;
                                if (ix < 0 || ix >= p->input_width)
                                {
                                    continue;
                                }

                                value = input[((b * p->input_height + iy) * p->input_width + ix) * p->input_depth + ic];
                                acc += filter[(fy * p->filter_width + fx) * p->output_depth + oc] * (value + p->input_offset);
                            }
                        }

                        if (bias != NULL)
                        {
                            acc += bias[oc];
                        }

                        out[oc] = mote_output_s8(acc, p->multipliers[oc], p->shifts[oc], p->output_offset, p->activation_min, p->activation_max);
                    }
                }
            }
        }
    }
}
