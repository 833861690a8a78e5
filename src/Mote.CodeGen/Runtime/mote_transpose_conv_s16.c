#include "mote_transpose_conv_s16.h"

#include <stddef.h>

#include "mote_requant_s64.h"

void mote_transpose_conv_s16(const mote_conv_params* p, const void* input, const int8_t* filter, const int64_t* bias, void* output)
{
    const int16_t* in = (const int16_t*)input;
    int16_t* out = (int16_t*)output;
    int32_t b, oy, ox, oc, fy, fx, c;
    for (b = 0; b < p->batches; b++)
    {
        for (oy = 0; oy < p->output_height; oy++)
        {
            for (ox = 0; ox < p->output_width; ox++)
            {
                int16_t* pixel = out + ((b * p->output_height + oy) * p->output_width + ox) * p->output_depth;
                for (oc = 0; oc < p->output_depth; oc++)
                {
                    int64_t acc = bias != NULL ? bias[oc] : 0;
                    /* Input pixel (iy, ix) reaches this output through tap (fy, fx) when iy * stride - pad + fy = oy. */
                    for (fy = 0; fy < p->filter_height; fy++)
                    {
                        const int32_t y = oy + p->pad_height - fy;
                        const int32_t iy = y / p->stride_height;
                        if (y < 0 || y % p->stride_height != 0 || iy >= p->input_height)
                        {
                            continue;
                        }

                        for (fx = 0; fx < p->filter_width; fx++)
                        {
                            const int32_t x = ox + p->pad_width - fx;
                            const int32_t ix = x / p->stride_width;
                            const int16_t* source;
                            const int8_t* w;
                            if (x < 0 || x % p->stride_width != 0 || ix >= p->input_width)
                            {
                                continue;
                            }

                            source = in + ((b * p->input_height + iy) * p->input_width + ix) * p->input_depth;
                            w = filter + ((oc * p->filter_height + fy) * p->filter_width + fx) * p->input_depth;
                            for (c = 0; c < p->input_depth; c++)
                            {
                                acc += (int32_t)w[c] * source[c];
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
